package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jmach.mach.MachHostUser;
import org.junit.jupiter.api.Test;

/**
 * Processor sets partition the processors: a thread runs only on a
 * processor of its set. Two CPU-bound threads, one in the default set and
 * one in a set that owns a single processor, never share a processor, and
 * the second one only ever runs on that processor. Processors and sets
 * are reached as in Mach: host_processors with host_priv,
 * processor_set_create, processor_assign, task_assign.
 */
class ProcessorSetIsolationTest extends SchedTestBase {

    @Test
    void cpuBoundThreadsInDifferentSetsNeverShareAProcessor() throws Exception {
        boot(3);
        MachHostUser host = self.machHost();
        int hostPriv = kernel.hostPrivGive(taskA);
        int[][] processors = new int[1][];
        assertEquals(KERN_SUCCESS, host.hostProcessors(hostPriv, processors));
        assertEquals(3, processors[0].length);
        int[] set = new int[1];
        int[] setName = new int[1];
        assertEquals(KERN_SUCCESS, host.processorSetCreate(self.machHostSelf(), set, setName));
        assertEquals(KERN_SUCCESS, host.processorAssign(processors[0][2], set[0], 1));

        Task taskB = kernel.taskCreate("b");
        int b = taskB.ports().taskSelf(taskA.space());
        assertEquals(KERN_SUCCESS, host.taskAssign(b, set[0], 0));

        AtomicBoolean stop = new AtomicBoolean();
        Thread x = taskA.threadCreate("x", traps -> spin(traps, stop));
        Thread y = taskB.threadCreate("y", traps -> spin(traps, stop));
        await("both run", () -> x.lastProcessor >= 0 && y.lastProcessor >= 0);

        Set<Integer> xSlots = new HashSet<>();
        Set<Integer> ySlots = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            kernel.sched().lock.lock();
            try {
                Processor px = x.processor;
                Processor py = y.processor;
                if (px != null && py != null) {
                    assertNotEquals(px, py, "two threads on one processor");
                }
                if (px != null) {
                    xSlots.add(px.slot);
                }
                if (py != null) {
                    ySlots.add(py.slot);
                }
            } finally {
                kernel.sched().lock.unlock();
            }
            if (i % 100 == 0) {
                java.lang.Thread.sleep(1);
            }
        }
        assertEquals(Set.of(2), ySlots, "y runs only on its set's processor");
        assertTrue(!xSlots.isEmpty() && !xSlots.contains(2), "x stays in the default set: " + xSlots);
        stop.set(true);
        x.join();
        y.join();
    }

    @Test
    void aThreadOfASetWithoutProcessorsDoesNotRunUntilOneIsAssigned() throws Exception {
        boot(2);
        MachHostUser host = self.machHost();
        int hostPriv = kernel.hostPrivGive(taskA);
        int[] set = new int[1];
        int[] setName = new int[1];
        assertEquals(KERN_SUCCESS, host.processorSetCreate(self.machHostSelf(), set, setName));
        Task taskB = kernel.taskCreate("b");
        assertEquals(KERN_SUCCESS, host.taskAssign(taskB.ports().taskSelf(taskA.space()), set[0], 0));
        AtomicBoolean ran = new AtomicBoolean();
        Thread y = taskB.threadCreate("y", traps -> ran.set(true));
        await("queued", () -> state(y) == SchedPrim.RUNNABLE);
        java.lang.Thread.sleep(20);
        assertTrue(!ran.get(), "no processor, no run");
        int[][] processors = new int[1][];
        assertEquals(KERN_SUCCESS, host.hostProcessors(hostPriv, processors));
        assertEquals(KERN_SUCCESS, host.processorAssign(processors[0][1], set[0], 1));
        await("runs once its set has a processor", ran::get);
        y.join();
    }

    private static void spin(org.jmach.mach.MachTraps traps, AtomicBoolean stop) {
        long x = 0;
        while (!stop.get()) {
            for (int i = 0; i < 1000; i++) {
                x += i;
            }
            traps.swtch();
        }
        if (x == 7) {
            System.out.println(x);
        }
    }
}
