package org.jmach.cthreads;

import org.jmach.mach.MachTraps;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The function a cthread runs ({@code cthread_fn_t}): it gets the new
 * thread's own traps and the argument given to
 * {@link CThreads#cthreadFork}, and its result is what
 * {@link CThreads#cthreadJoin} returns.
 *
 * @param <A> the argument's type
 * @param <R> the result's type
 */
@ConsumerType
@FunctionalInterface
public interface CThreadFunction<A, R> {

    /**
     * Runs as the cthread; the cthread ends when this returns (or calls
     * {@link CThreads#cthreadExit}).
     *
     * @param traps the cthread's own traps; no other thread may use them
     * @param arg the argument given to cthread_fork
     * @return the cthread's result
     */
    R run(MachTraps traps, A arg);
}
