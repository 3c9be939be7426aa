package org.jmach.itests;

import static org.junit.Assert.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;

/**
 * Runs test code where user-level Java code runs in jmach: on a native
 * thread of a task, with that thread's traps. A test can only reach the
 * kernel's ports (the host port among them) from there, by messages.
 */
final class NativeCalls {

    private NativeCalls() {
    }

    /**
     * Creates a task named {@code name}, runs {@code body} on one native
     * thread of it, and returns what the body returned; the task is
     * terminated afterwards, whatever happened.
     *
     * @param waitMillis how long to wait for the body: a guard against a
     *        kernel that halts meanwhile, not a measurement
     * @throws Exception what the body threw, or a TimeoutException
     */
    static <T> T call(MachNativeTasks tasks, String name, long waitMillis, Function<MachTraps, T> body)
            throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        int task = tasks.taskCreate(name);
        try {
            assertEquals("thread_create", KernReturn.KERN_SUCCESS, tasks.threadCreate(task, name, traps -> {
                try {
                    result.complete(body.apply(traps));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            }));
            return result.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            tasks.taskTerminate(task);
        }
    }

    /** {@link #call(MachNativeTasks, String, long, Function)} with the usual bound, {@link HostChecks#WAIT_MILLIS}. */
    static <T> T call(MachNativeTasks tasks, String name, Function<MachTraps, T> body) throws Exception {
        return call(tasks, name, HostChecks.WAIT_MILLIS, body);
    }
}
