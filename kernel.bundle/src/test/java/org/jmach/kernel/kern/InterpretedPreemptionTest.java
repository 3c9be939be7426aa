package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/**
 * The clock preempts interpreted threads: two CPU-bound RISC-V threads
 * and a native one share two processors, and each makes progress. Nothing
 * here asserts on time; the waits are guards.
 */
class InterpretedPreemptionTest extends SchedTestBase {

    /** An endless loop adding one to the doubleword at DATA + {@code offset}. */
    private static int counterLoop(RvAsm a, int offset) {
        int start = a.here();
        a.li(S0, (int) RvPrograms.DATA + offset);
        int loop = a.here();
        a.ld(T0, S0, 0).addi(T0, T0, 1).sd(T0, S0, 0).jal(0, loop);
        return start;
    }

    private long counter(int offset) {
        byte[] b = new byte[8];
        taskA.memory().read(RvPrograms.DATA + offset, b, 0, 8);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void twoCpuBoundInterpretedThreadsAndANativeOneShareTwoProcessors() throws Exception {
        boot(2);
        int task = self.machTaskSelf();
        RvAsm a = new RvAsm();
        int first = counterLoop(a, 0);
        int second = counterLoop(a, 8);
        RvPrograms.load(self, task, a);
        int t1 = RvPrograms.thread(self, task, RvPrograms.CODE + first);
        int t2 = RvPrograms.thread(self, task, RvPrograms.CODE + second);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(t1));
        assertEquals(KERN_SUCCESS, self.mach().threadResume(t2));

        // The native thread (the test's) counts its own turns, yielding at each: it gets a processor back only
        // when the clock ends an interpreted thread's quantum.
        long mine = 0;
        long[] seen = new long[2];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20; i++) {
                self.swtch();
                mine++;
            }
            long c0 = counter(0);
            long c1 = counter(8);
            int r = round;
            await("the first interpreted thread runs on (round " + r + ")", () -> counter(0) > seen[0]);
            await("the second interpreted thread runs on (round " + r + ")", () -> counter(8) > seen[1]);
            seen[0] = Math.max(c0, seen[0]);
            seen[1] = Math.max(c1, seen[1]);
        }
        assertEquals(60, mine, "the native thread made its turns");
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(t1));
        assertEquals(KERN_SUCCESS, self.mach().threadTerminate(t2));
        Thread[] interpreted = taskA.threadList().stream().filter(t -> t.interpreter() != null)
                .toArray(Thread[]::new);
        for (Thread t : interpreted) {
            await("an interpreted thread ends", t::isTerminated);
        }
    }
}
