package org.jmach.mig.ir;

import java.util.List;

/**
 * A routine or simpleroutine. Its message id is the subsystem base plus its
 * index, counting the routines and skips before it; the reply's id is that
 * plus 100.
 *
 * @param name the routine's C name
 * @param kind routine or simpleroutine
 * @param id the request's msgh_id
 * @param arguments in declaration order
 * @param waitTime the {@code waittime} in force where it was declared (an
 *        expression or an argument name as written), or null for none
 * @param msgOption the {@code msgoption} in force, or null
 * @param userPrefix the {@code userprefix} in force, or ""
 * @param serverPrefix the {@code serverprefix} in force, or ""
 * @param pos where the routine keyword is
 */
public record Routine(String name, RoutineKind kind, int id, List<Argument> arguments,
        String waitTime, String msgOption, String userPrefix, String serverPrefix, SourcePos pos) {

    public Routine {
        arguments = List.copyOf(arguments);
    }

    /** MIG's reply id: the request id plus 100. */
    public int replyId() {
        return id + 100;
    }

    public boolean isSimple() {
        return kind == RoutineKind.SIMPLEROUTINE;
    }

    /** The argument of kind {@code kind}, or null. */
    public Argument argument(ArgKind kind) {
        for (Argument a : arguments) {
            if (a.kind() == kind) {
                return a;
            }
        }
        return null;
    }
}
