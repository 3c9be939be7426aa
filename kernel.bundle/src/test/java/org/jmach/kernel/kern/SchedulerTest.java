package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Policy.BASEPRI_SYSTEM;
import static org.jmach.mach.Policy.BASEPRI_USER;
import static org.jmach.mach.Policy.POLICY_FIXEDPRI;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_DEPRESS;
import static org.jmach.mach.ThreadSwitch.SWITCH_OPTION_NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachTraps;
import org.jmach.mach.ThreadSchedInfo;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's mechanisms on few processors: handoff with
 * thread_switch, preemption by a better thread and at the end of a
 * quantum (a native thread yields at its next kernel entry), the
 * fixed-priority policy, depression, and suspension of a running thread.
 */
class SchedulerTest extends SchedTestBase {

    /** A kernel entry that does nothing (mach_msg with no option): where a native thread sees its ASTs. */
    private static void nullTrap(MachTraps traps) {
        traps.machMsgTrap(new MachMessage(32), 0, 0, 0, 0, 0, 0);
    }

    @Test
    void threadSwitchHandsTheProcessorToTheHintThread() throws Exception {
        boot(1, false);
        int[] names = new int[2];
        AtomicInteger started = new AtomicInteger();
        List<Character> order = new CopyOnWriteArrayList<>();
        Thread[] threads = new Thread[2];
        for (int k = 0; k < 2; k++) {
            int me = k;
            char tag = k == 0 ? 'A' : 'B';
            threads[k] = taskA.threadCreate(String.valueOf(tag), traps -> {
                names[me] = traps.machThreadSelf();
                started.incrementAndGet();
                while (started.get() < 2) {
                    traps.swtch();
                }
                for (int i = 0; i < 200; i++) {
                    order.add(tag);
                    traps.threadSwitch(names[1 - me], SWITCH_OPTION_NONE, 0);
                }
            });
        }
        threads[0].join();
        threads[1].join();
        assertEquals(400, order.size());
        int alternations = 0;
        for (int i = 1; i < order.size(); i++) {
            alternations += order.get(i) != order.get(i - 1) ? 1 : 0;
        }
        // Each handoff runs the other thread next; a rare clock preemption may pair two entries.
        assertTrue(alternations >= 380, "alternations: " + alternations);
    }

    @Test
    void aBetterThreadPreemptsARunningOneAtItsNextKernelEntry() throws Exception {
        boot(1, false);
        AtomicBoolean highRan = new AtomicBoolean();
        AtomicLong lowLoops = new AtomicLong();
        Thread low = looping("low", highRan::get, lowLoops);
        Task system = kernel.taskCreate("system");
        kernel.sched().lock.lock();
        try {
            system.priority = BASEPRI_SYSTEM;
        } finally {
            kernel.sched().lock.unlock();
        }
        // Only preemption can run it: low never blocks or yields.
        Thread high = system.threadCreate("high", traps -> highRan.set(true));
        high.join();
        low.join();
        assertTrue(highRan.get());
    }

    @Test
    void anEqualThreadGetsTheProcessorWhenTheQuantumEnds() throws Exception {
        boot(1, false);
        AtomicLong first = new AtomicLong();
        AtomicLong second = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread a = looping("a", stop::get, first);
        Thread b = taskA.threadCreate("b", traps -> {
            second.incrementAndGet();
            stop.set(true);
        });
        // The test drives the clock past a quantum; the kernel's clock would too.
        for (int i = 0; i < 1000 && !stop.get(); i++) {
            kernel.sched().clockTick();
            java.lang.Thread.sleep(1);
        }
        b.join();
        a.join();
        assertEquals(1, second.get());
    }

    @Test
    void aFixedPriorityThreadKeepsItsPriorityWhileATimesharingOneDecays() throws Exception {
        boot(3);
        AtomicBoolean stop = new AtomicBoolean();
        Thread fixed = taskA.threadCreate("fixed", traps -> spin(traps, stop));
        Thread shared = taskA.threadCreate("shared", traps -> spin(traps, stop));
        int threadName = nameInTaskA(fixed);
        int set = defaultSetControl();
        assertEquals(KERN_FAILURE, self.machHost().threadPolicy(threadName, POLICY_FIXEDPRI, 50),
                "not enabled in the set");
        assertEquals(KERN_SUCCESS, self.machHost().processorSetPolicyEnable(set, POLICY_FIXEDPRI));
        assertEquals(KERN_SUCCESS, self.machHost().threadPolicy(threadName, POLICY_FIXEDPRI, 50));
        assertEquals(KERN_INVALID_ARGUMENT, self.machHost().threadPolicy(threadName, 7, 0));
        await("both run", () -> fixed.lastProcessor >= 0 && shared.lastProcessor >= 0);
        for (int i = 0; i < 3 * kernel.sched().hz(); i++) {
            kernel.sched().clockTick();
        }
        ThreadSchedInfo f = Info.sched(fixed);
        ThreadSchedInfo s = Info.sched(shared);
        assertEquals(POLICY_FIXEDPRI, f.policy());
        assertEquals(50, f.data());
        assertEquals(BASEPRI_USER, f.curPriority());
        assertTrue(s.curPriority() > BASEPRI_USER + 5, "timesharing decays: " + s);
        stop.set(true);
        fixed.join();
        shared.join();
    }

    @Test
    void depressionLowersThePriorityUntilAborted() throws Exception {
        boot(2);
        AtomicBoolean depressed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = taskA.threadCreate("t", traps -> {
            traps.threadSwitch(0, SWITCH_OPTION_DEPRESS, 60_000);
            depressed.set(true);
            spin(traps, stop);
        });
        await("depressed", depressed::get);
        assertEquals(127, Info.sched(t).curPriority());
        assertEquals(1, Info.sched(t).depressed());
        assertEquals(KERN_SUCCESS, self.machHost().threadDepressAbort(nameInTaskA(t)));
        assertEquals(0, Info.sched(t).depressed());
        assertTrue(Info.sched(t).curPriority() < 127);
        stop.set(true);
        t.join();
    }

    @Test
    void aDepressionEndsWhenItsTimeIsUp() throws Exception {
        boot(2);
        AtomicBoolean depressed = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = taskA.threadCreate("t", traps -> {
            // Half a minute of host time: only the ticks the test drives can end it in time.
            traps.threadSwitch(0, SWITCH_OPTION_DEPRESS, 30_000);
            depressed.set(true);
            spin(traps, stop);
        });
        await("depressed", depressed::get);
        assertEquals(1, Info.sched(t).depressed());
        for (int i = 0; i <= 30 * kernel.sched().hz(); i++) {
            kernel.sched().clockTick();
        }
        assertEquals(0, Info.sched(t).depressed());
        assertTrue(Info.sched(t).curPriority() < 127);
        stop.set(true);
        t.join();
    }

    @Test
    void aSuspendedRunningThreadStopsAtItsNextKernelEntryAndRunsAgainWhenResumed() throws Exception {
        boot(3);
        AtomicLong loops = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread t = looping("t", stop::get, loops);
        int name = nameInTaskA(t);
        assertEquals(KERN_SUCCESS, self.mach().threadSuspend(name));
        await("stopped", () -> state(t) == SchedPrim.STOPPED);
        long at = loops.get();
        java.lang.Thread.sleep(20);
        assertTrue(loops.get() <= at + 1, "a stopped thread does not run");
        assertEquals(KERN_SUCCESS, self.mach().threadResume(name));
        assertEquals(KERN_FAILURE, self.mach().threadResume(name), "not suspended any more");
        await("runs again", () -> loops.get() > at + 10);
        stop.set(true);
        t.join();
    }

    /**
     * A thread of task a that counts its loops in {@code loops} and enters
     * the kernel at each, until {@code done}; returned once it has looped.
     */
    private Thread looping(String name, BooleanSupplier done, AtomicLong loops) throws InterruptedException {
        Thread t = taskA.threadCreate(name, traps -> {
            while (!done.getAsBoolean()) {
                loops.incrementAndGet();
                nullTrap(traps);
            }
        });
        await(name + " runs", () -> loops.get() > 10);
        return t;
    }

    /** Task a's name for thread {@code t}'s kernel port. */
    private int nameInTaskA(Thread t) {
        int[] name = new int[1];
        kernel.ipc().locked(() -> name[0] = t.ports().taskSelf(taskA.space()));
        return name[0];
    }

    /** The default set's control port, as the holder of host_priv gets it. */
    private int defaultSetControl() {
        int hostPriv = kernel.hostPrivGive(taskA);
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, self.machHost().processorSetDefault(self.machHostSelf(), name));
        int[] control = new int[1];
        assertEquals(KERN_SUCCESS, self.machHost().hostProcessorSetPriv(hostPriv, name[0], control));
        return control[0];
    }

    private static void spin(MachTraps traps, AtomicBoolean stop) {
        while (!stop.get()) {
            nullTrap(traps);
        }
    }
}
