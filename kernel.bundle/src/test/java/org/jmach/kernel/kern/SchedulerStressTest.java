package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jmach.mach.MachHostUser;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachTraps;
import org.jmach.mach.ThreadSwitch;
import org.junit.jupiter.api.Test;

/**
 * Many threads on few processors, yielding, handing off, blocking with
 * timeouts, calling a server that waits with a continuation, while the test suspends and resumes them, aborts their waits,
 * changes their priorities, moves them and a processor between processor
 * sets and ticks the clock: the
 * scheduler's invariants hold at every look (a processor runs at most one
 * thread, and that thread holds it; a queued thread is runnable, in one
 * queue, of its own set; a running thread is on a processor of its set or
 * about to move), and every thread finishes its work once left alone.
 */
class SchedulerStressTest extends SchedTestBase {

    private static final int THREADS = 12;
    private static final int ROUNDS = 2000;

    @Test
    void invariantsHoldUnderSuspensionsPrioritiesAndMoves() throws Exception {
        boot(3);
        MachHostUser host = self.machHost();
        NewSet created = newSet(2);
        int hostPriv = created.hostPriv();
        int[][] processors = {created.processors()};
        int[] set = {created.set()};
        int[] defaultName = new int[1];
        assertEquals(KERN_SUCCESS, host.processorSetDefault(self.machHostSelf(), defaultName));
        int[] defaultSet = new int[1];
        assertEquals(KERN_SUCCESS, host.hostProcessorSetPriv(hostPriv, defaultName[0], defaultSet));

        // The workers are another task's: suspending the test's own task would stop the test too, as in Mach.
        Task workers = kernel.taskCreate("workers");
        int workersPort = workers.ports().taskSelf(taskA.space());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger finished = new AtomicInteger();
        int[] hints = new int[THREADS];
        int[] names = new int[THREADS + 1];
        // A server blocked with a continuation: the workers' RPCs run it by handoff on their processors.
        AtomicInteger service = new AtomicInteger();
        Thread server = workers.threadCreate("server", traps -> serve(traps, service));
        await("the server is up", () -> service.get() != 0);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            int me = k;
            threads.add(workers.threadCreate("w" + k, traps -> work(traps, me, hints, service.get(), stop, finished)));
        }
        for (int k = 0; k < THREADS; k++) {
            Thread t = threads.get(k);
            names[k] = t.ports().taskSelf(taskA.space());
            hints[k] = t.ports().taskSelf(workers.space());
        }
        names[THREADS] = server.ports().taskSelf(taskA.space());
        Random random = new Random(0x5c4ed);
        for (int round = 0; round < ROUNDS; round++) {
            int victim = names[random.nextInt(names.length)];
            switch (random.nextInt(9)) {
                case 6 -> self.mach().threadAbort(victim);
                case 7 -> host.processorAssign(processors[0][1], random.nextBoolean() ? set[0] : defaultSet[0], 1);
                case 8 -> host.threadDepressAbort(victim);
                case 0 -> {
                    self.mach().threadSuspend(victim);
                    checkInvariants();
                    self.mach().threadResume(victim);
                }
                case 1 -> host.threadPriority(victim, 64 + random.nextInt(40), 0);
                case 2 -> host.threadAssign(victim, random.nextBoolean() ? set[0] : defaultSet[0]);
                case 3 -> {
                    self.mach().taskSuspend(workersPort);
                    checkInvariants();
                    self.mach().taskResume(workersPort);
                }
                default -> kernel.sched().clockTick();
            }
            checkInvariants();
        }
        // Processor 1 back in the default set: the test thread holds processor 0 while it waits below.
        assertEquals(KERN_SUCCESS, host.processorAssign(processors[0][1], defaultSet[0], 1));
        stop.set(true);
        for (Thread t : threads) {
            // Bounded, so that a scheduler that loses a thread fails here with its state instead of hanging.
            assertTrue(t.join(60_000), () -> t + " did not end: " + KernelDebug.threads(kernel, workers.id())
                    + " " + KernelDebug.processors(kernel) + " " + KernelDebug.processorSets(kernel));
        }
        assertEquals(THREADS, finished.get());
        // The server waits with a continuation for good: terminating the task ends it.
        assertEquals(KERN_SUCCESS, self.mach().taskTerminate(workersPort));
        // A server caught running a continuation (resumed on a pooled Java thread) is terminated at its next
        // kernel exit: its processor comes back when that code returns, not at once.
        await("the workers' threads leave their processors", () -> {
            kernel.sched().lock.lock();
            try {
                for (Processor p : kernel.sched().processors()) {
                    if (p.active != null && p.active != main) {
                        return false;
                    }
                }
                return true;
            } finally {
                kernel.sched().lock.unlock();
            }
        });
        checkInvariants();
        kernel.sched().lock.lock();
        try {
            for (Processor p : kernel.sched().processors()) {
                assertTrue(p.active == null || p.active == main, "only the test thread may still run: " + p.active);
                assertEquals(0, p.runq.count());
            }
            // Ended threads leave their sets: only the test thread remains (besides the kernel's own).
            for (ProcessorSet pset : kernel.sched().psets()) {
                List<Thread> users = pset.threads.stream().filter(t -> t.task() != kernel.kernelTask()).toList();
                assertEquals(pset == kernel.sched().defaultPset ? List.of(main) : List.of(), users);
            }
        } finally {
            kernel.sched().lock.unlock();
        }
    }

    /** A worker: yields, hands off to a neighbour, waits briefly in mach_msg, calls the server, until told to stop. */
    private static void work(MachTraps traps, int me, int[] names, int service, AtomicBoolean stop,
            AtomicInteger finished) {
        int port = traps.machReplyPort();
        MachMessage m = new MachMessage(64);
        int i = 0;
        while (!stop.get()) {
            switch (i++ % 5) {
                case 0 -> traps.swtch();
                case 1 -> traps.threadSwitch(names[(me + 1) % names.length], ThreadSwitch.SWITCH_OPTION_NONE, 0);
                case 2 -> traps.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 64, port, 1, 0);
                case 3 -> {
                    m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), service, port, 500);
                    traps.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, m.endBody(), 64, port, 0, 0);
                }
                default -> traps.swtchPri(0);
            }
        }
        finished.incrementAndGet();
    }

    /** The server: a receive right with a send right for the workers, served with continuations. */
    private static void serve(MachTraps traps, AtomicInteger service) {
        int task = traps.machTaskSelf();
        int[] name = new int[1];
        traps.machPort().machPortAllocate(task, org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE, name);
        traps.machPort().machPortInsertRight(task, name[0], name[0], org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND);
        service.set(name[0]);
        MachMsgServer.machMsgServerContinue(traps, (request, reply) -> {
            reply.endBody();
            return true;
        }, 64, name[0]);
    }

    /** The scheduler's invariants, read under its lock. */
    private void checkInvariants() {
        SchedPrim sched = kernel.sched();
        sched.lock.lock();
        try {
            Set<Thread> seen = new HashSet<>();
            for (Processor p : sched.processors()) {
                Thread t = p.active;
                if (t != null) {
                    assertSame(p, t.processor, "the thread a processor runs holds it");
                    assertTrue(t.state == SchedPrim.RUNNING, "a thread on a processor runs: " + t.state);
                    assertTrue(seen.add(t), "a thread on two processors");
                }
                checkQueue(p.runq, p.pset, seen);
            }
            for (ProcessorSet pset : sched.psets()) {
                checkQueue(pset.runq, pset, seen);
            }
            for (Thread t : kernel.tasks().stream().flatMap(task -> task.threads().stream()).toList()) {
                if (t.processor != null) {
                    assertSame(t, t.processor.active, "a thread holding a processor is its active thread");
                }
            }
        } finally {
            sched.lock.unlock();
        }
    }

    private static void checkQueue(RunQueue q, ProcessorSet pset, Set<Thread> seen) {
        int n = 0;
        for (int pri = 0; pri < org.jmach.mach.Policy.NRQS; pri++) {
            for (Thread t : q.at(pri)) {
                n++;
                assertEquals(SchedPrim.RUNNABLE, t.state, "a queued thread is runnable");
                assertSame(q, t.runq);
                assertSame(pset, t.pset, "queued in its own set");
                assertTrue(t.processor == null);
                assertTrue(seen.add(t), "a thread in two places");
            }
        }
        assertEquals(q.count(), n);
    }
}
