package org.jmach.mig.ir;

/** A routine waits for a reply; a simpleroutine sends its request only. */
public enum RoutineKind {
    ROUTINE,
    SIMPLEROUTINE
}
