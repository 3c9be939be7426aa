package org.jmach.cthreads;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.TestMachine;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.AfterEach;

/**
 * A booted kernel and a task whose first native thread runs the test's
 * program: the program is Java code given to {@link #inTask}, and that
 * thread is the C threads library's main cthread. Only booting uses the
 * kernel's insides; the programs use the public interface.
 */
abstract class CThreadsTestBase {

    /** A guard against a hung program, never a measure of speed. */
    static final int TIMEOUT_SECONDS = 30;

    Startup kernel;
    Task task;

    @AfterEach
    void halt() {
        if (kernel != null) {
            kernel.shutdown();
        }
    }

    /** Boots a machine of {@code processors} processors with one empty task. */
    void boot(int processors) {
        kernel = TestMachine.boot(TestMachine.of(processors), "test");
        task = kernel.taskCreate("cthreads");
    }

    /** Runs {@code program} as the first thread of the task and returns what it returned. */
    <T> T inTask(Function<MachTraps, T> program) throws Exception {
        if (kernel == null) {
            boot(4);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        assertNotNull(task.threadCreate("main", traps -> {
            try {
                result.complete(program.apply(traps));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }));
        try {
            return result.get(TIMEOUT_SECONDS, SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    /** How many names the task's space holds now. */
    static int portNames(MachTraps traps) {
        int task = traps.machTaskSelf();
        int[][] names = new int[1][];
        int[][] types = new int[1][];
        assertEquals(KERN_SUCCESS, traps.machPort().machPortNames(task, names, types));
        assertEquals(KERN_SUCCESS, traps.machPort().machPortDeallocate(task, task));
        return names[0].length;
    }
}
