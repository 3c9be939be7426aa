package org.jmach.mig.cpp;

import org.jmach.mig.ir.SourcePos;

/**
 * One open {@code #if}/{@code #ifdef}/{@code #ifndef} group.
 *
 * @param directive the opening directive's name, such as {@code ifdef}
 * @param pos where that name is
 * @param enclosingActive whether the text around the group is kept
 * @param taken whether some branch of the group has been chosen already
 * @param active whether the current branch is kept
 * @param sawElse whether {@code #else} has been seen
 */
record Conditional(String directive, SourcePos pos, boolean enclosingActive, boolean taken, boolean active,
        boolean sawElse) {

    /** The group after an {@code #elif} or {@code #else} whose own condition is {@code cond}. */
    Conditional nextBranch(boolean cond, boolean isElse) {
        boolean choose = enclosingActive && !taken && cond;
        return new Conditional(directive, pos, enclosingActive, taken || choose, choose, sawElse || isElse);
    }
}
