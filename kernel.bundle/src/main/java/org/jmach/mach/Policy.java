package org.jmach.mach;

/**
 * Scheduling policies ({@code <mach/policy.h>}) and the priority scale
 * ({@code <kern/sched.h>}): 128 levels, 0 the highest, as in Mach a lower
 * number is a higher priority.
 */
public final class Policy {

    /** Timesharing: the priority worsens with recent CPU use and recovers as it decays. */
    public static final int POLICY_TIMESHARE = 1;
    /** Fixed priority: round robin within a priority, for a quantum of {@code data} ms. */
    public static final int POLICY_FIXEDPRI = 2;

    /** Number of run queues, one per priority. */
    public static final int NRQS = 128;
    /** The highest priority. */
    public static final int MAXPRI = 0;
    /** The lowest priority. */
    public static final int MINPRI = NRQS - 1;
    /** Base priority of kernel threads and of servers that ask for it. */
    public static final int BASEPRI_SYSTEM = 16;
    /** Base priority of new user tasks: the middle of the scale, leaving room to degrade. */
    public static final int BASEPRI_USER = 64;

    private Policy() {
    }

    /** Whether {@code priority} is outside 0..127 ({@code invalid_pri}). */
    public static boolean invalidPri(int priority) {
        return priority < MAXPRI || priority > MINPRI;
    }

    /** The Mach name of a policy. */
    public static String name(int policy) {
        return switch (policy) {
            case POLICY_TIMESHARE -> "POLICY_TIMESHARE";
            case POLICY_FIXEDPRI -> "POLICY_FIXEDPRI";
            default -> Integer.toString(policy);
        };
    }
}
