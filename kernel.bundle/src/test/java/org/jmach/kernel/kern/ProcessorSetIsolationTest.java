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
        NewSet set = newSet(2);
        assertEquals(3, set.processors().length);

        Task taskB = kernel.taskCreate("b");
        int b = taskB.ports().taskSelf(taskA.space());
        assertEquals(KERN_SUCCESS, host.taskAssign(b, set.set(), 0));

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
        NewSet set = newSet(-1);
        Task taskB = kernel.taskCreate("b");
        assertEquals(KERN_SUCCESS, host.taskAssign(taskB.ports().taskSelf(taskA.space()), set.set(), 0));
        AtomicBoolean ran = new AtomicBoolean();
        Thread y = taskB.threadCreate("y", traps -> ran.set(true));
        await("queued", () -> state(y) == SchedPrim.RUNNABLE);
        java.lang.Thread.sleep(20);
        assertTrue(!ran.get(), "no processor, no run");
        assertEquals(KERN_SUCCESS, host.processorAssign(set.processors()[1], set.set(), 1));
        await("runs once its set has a processor", ran::get);
        y.join();
    }

    @Test
    void aServerInAnotherSetRunsItsContinuationsOnlyOnItsSetsProcessors() throws Exception {
        boot(3);
        MachHostUser host = self.machHost();
        NewSet set = newSet(2);
        Task server = kernel.taskCreate("server");
        assertEquals(KERN_SUCCESS, host.taskAssign(server.ports().taskSelf(taskA.space()), set.set(), 0));

        Set<Integer> slots = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CompletableFuture<Integer> service = new java.util.concurrent.CompletableFuture<>();
        Thread[] serving = new Thread[1];
        serving[0] = server.threadCreate("serve", traps -> {
            int[] name = new int[1];
            traps.machPort().machPortAllocate(traps.machTaskSelf(), org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE,
                    name);
            traps.machPort().machPortInsertRight(traps.machTaskSelf(), name[0], name[0],
                    org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND);
            service.complete(name[0]);
            org.jmach.mach.MachMsgServer.machMsgServerContinue(traps, (request, reply) -> {
                Processor p = serving[0].processor;
                slots.add(p == null ? -1 : p.slot);
                reply.endBody();
                return true;
            }, 128, name[0]);
        });
        int serverName = service.get(10, java.util.concurrent.TimeUnit.SECONDS);
        int port = moveSend(server, serverName);
        int reply = self.machReplyPort();
        for (int i = 0; i < 20; i++) {
            org.jmach.mach.MachMessage m = new org.jmach.mach.MachMessage(128);
            m.setHeader(org.jmach.mach.Message.machMsghBits(org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND,
                    org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE), port, reply, 600);
            assertEquals(0, self.machMsg(m, org.jmach.mach.Message.MACH_SEND_MSG
                    | org.jmach.mach.Message.MACH_RCV_MSG, m.endBody(), 128, reply, 0, 0));
        }
        assertEquals(Set.of(2), slots, "the server ran only on its set's processor");
    }

    /** A send right, in task a's space, to the port {@code name} of {@code owner}'s space. */
    private int moveSend(Task owner, int name) {
        int ownerPort = owner.ports().taskSelf(taskA.space());
        int[] right = new int[1];
        int[] type = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortExtractRight(ownerPort, name,
                org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND, right, type));
        return right[0];
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
