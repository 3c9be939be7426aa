package org.jmach.shell.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachHostUser;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.Port;

/**
 * The host as user-level code reaches it in Mach: by messages to the host
 * port. Each query is a short-lived task of its own with one native thread,
 * which takes a send right to the host port ({@code mach_host_self}), runs
 * the body over the MIG stubs of {@code mach_host.defs}
 * ({@link MachHostUser}), deallocates the right and hands the result back to
 * the caller; the task is then terminated whatever happened, so a query
 * leaves nothing behind in the kernel.
 *
 * <p>The caller waits a bounded time: a kernel that halts while a query is
 * under way must not hang the console.
 */
final class NativeHostQuery implements HostQuery {

    /** The name of each query's task and thread, as mach:tasks would show it. */
    static final String TASK_NAME = "mach:host";

    /** How long a query may take before the caller gives up; a guard, not a measurement. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final MachNativeTasks tasks;
    private final Duration wait;

    NativeHostQuery(MachNativeTasks tasks) {
        this(tasks, DEFAULT_WAIT);
    }

    NativeHostQuery(MachNativeTasks tasks, Duration wait) {
        this.tasks = tasks;
        this.wait = wait;
    }

    @Override
    public <T> T query(Function<HostCalls, T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        int task = tasks.taskCreate(TASK_NAME);
        try {
            int kr = tasks.threadCreate(task, TASK_NAME, traps -> run(traps, body, result));
            Kernel.check("thread_create", kr);
            return await(result);
        } finally {
            tasks.taskTerminate(task);
        }
    }

    /**
     * The thread's body: host_self, the caller's calls, then the right
     * given back. Whatever the body throws goes to the caller; a failed
     * deallocation is reported only if the body succeeded.
     */
    private static <T> void run(MachTraps traps, Function<HostCalls, T> body, CompletableFuture<T> result) {
        try {
            int host = traps.machHostSelf();
            T value;
            try {
                value = body.apply(new StubHostCalls(new MachHostUser(traps.mig()), host));
            } catch (Throwable t) {
                deallocate(traps, host);
                throw t;
            }
            Kernel.check("mach_port_deallocate", deallocate(traps, host));
            result.complete(value);
        } catch (Throwable t) {
            result.completeExceptionally(t);
        }
    }

    /** {@code mach_port_deallocate(mach_task_self(), host)}, unless there is no right to give back. */
    private static int deallocate(MachTraps traps, int host) {
        if (host == Port.MACH_PORT_NULL) {
            return KernReturn.KERN_SUCCESS;
        }
        return traps.machPort().machPortDeallocate(traps.machTaskSelf(), host);
    }

    private <T> T await(CompletableFuture<T> result) {
        try {
            return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the host did not answer within " + describe(wait)
                    + " (task " + TASK_NAME + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the host", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static String describe(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    /** The host routines as MIG stubs on one host port name of the calling thread. */
    private record StubHostCalls(MachHostUser stubs, int host) implements HostCalls {

        @Override
        public int hostInfo(int flavor, int[] info, int[] count) {
            return stubs.hostInfo(host, flavor, info, count);
        }

        @Override
        public int hostKernelVersion(String[] version) {
            return stubs.hostKernelVersion(host, version);
        }
    }
}
