package org.jmach.mig.ir;

/** Flags on an argument (MIG's IPC flags). */
public enum ArgFlag {
    /** Out-of-line data or a port right is deallocated from the sender when sent. */
    DEALLOC,
    /** {@code dealloc[]}: the sender chooses at run time whether to deallocate. */
    DEALLOC_VARIABLE,
    /** Never deallocate. */
    NOTDEALLOC,
    /** The server copies out-of-line data it keeps. */
    SERVERCOPY,
    /** The caller passes the count of an out array in as its capacity. */
    COUNTINOUT,
    /** Force the long form of the type descriptor. */
    ISLONG,
    /** Force the short form of the type descriptor. */
    ISNOTLONG,
    /** The out value is the routine's own return code (simpleroutines' RetCode). */
    RETCODE
}
