package org.jmach.itests;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jmach.cthreads.BoundedBufferDemo;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.mach.NativeThreadState;
import org.jmach.mach.ThreadBasicInfo;
import org.jmach.mach.ThreadInfo;

/**
 * Threads from a bundle, through the exported API only: thread_create,
 * thread_set_state and thread_resume of Java code the task registered,
 * task_threads and thread_info on the new thread, and the C threads library
 * (its bounded buffer) on the same kernel.
 */
final class ThreadChecks {

    private ThreadChecks() {
    }

    /** A thread made by thread_create runs its entry with its registers, and task_threads counts it. */
    static void threadCreateRunsARegisteredEntry(MachNativeTasks tasks) throws Exception {
        NativeCalls.call(tasks, "itest-threads", (MachTraps traps) -> {
            int task = traps.machTaskSelf();
            CompletableFuture<Long> seen = new CompletableFuture<>();
            CompletableFuture<Void> release = new CompletableFuture<>();
            long pc = traps.nativeEntry((own, args) -> {
                seen.complete(args[0] + args[1]);
                release.join();
            });
            int[] thread = new int[1];
            assertEquals(KERN_SUCCESS, traps.mach().threadCreate(task, thread));
            assertEquals(KERN_SUCCESS, traps.mach().threadSetState(thread[0], NATIVE_THREAD_STATE,
                    NativeThreadState.of(pc, 40, 2).toWords()));
            assertEquals(KERN_SUCCESS, traps.mach().threadResume(thread[0]));
            try {
                assertEquals(42L, (long) seen.get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("the new thread did not run its entry", e);
            }
            int[][] threads = new int[1][];
            assertEquals(KERN_SUCCESS, traps.mach().taskThreads(task, threads));
            assertEquals(2, threads[0].length);
            int[] words = new int[ThreadInfo.THREAD_BASIC_INFO_COUNT];
            assertEquals(KERN_SUCCESS, traps.mach().threadInfo(thread[0], ThreadInfo.THREAD_BASIC_INFO, words,
                    new int[] {words.length}));
            ThreadBasicInfo info = ThreadBasicInfo.decode(words);
            assertEquals(0, info.suspendCount());
            assertTrue(info.toString(), info.runState() != ThreadInfo.TH_STATE_HALTED);
            release.complete(null);
            return null;
        });
    }

    /** The C threads bounded buffer runs in a bundle's task and consumes every item, in order. */
    static void cThreadsBoundedBuffer(MachNativeTasks tasks) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = NativeCalls.call(tasks, "itest-cthreads", traps -> BoundedBufferDemo.run(traps, out));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(text, 0, status);
        assertTrue(text, text.contains("consumed 10"));
    }
}
