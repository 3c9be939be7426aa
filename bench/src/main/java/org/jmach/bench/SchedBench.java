package org.jmach.bench;

import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;

import java.util.concurrent.TimeUnit;

import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachHostUser;
import org.jmach.mach.MachMsgReturn;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.NativeThreadState;
import org.jmach.mach.Policy;
import org.jmach.mach.ThreadSwitch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The scheduler, measured through the Mach API on a machine of ONE
 * processor, so that every switch is the scheduler giving that processor
 * from one Mach thread to another (both switching threads under
 * POLICY_FIXEDPRI at the same priority, so that timesharing's decay does
 * not make one preempt the other):
 *
 * <ul>
 * <li>{@link #contextSwitch}: the JMH thread, attached as a Mach thread, and
 *     a native thread of the same task pass a token back and forth, each
 *     calling {@code swtch} until the token is back. An invocation is a
 *     round trip, two switches; the score is per switch.
 * <li>{@link #handoff}: the same, but each side calls
 *     {@code thread_switch(other, SWITCH_OPTION_NONE, 0)}, a directed
 *     handoff to the other thread (named by its thread port).
 * <li>{@link #threadCreate}: the attached thread makes a thread with the MIG
 *     calls of {@code mach.defs}: {@code thread_create},
 *     {@code thread_set_state(NATIVE_THREAD_STATE)} with the pc of an entry
 *     (from {@code nativeEntry}) that returns at once, {@code thread_resume};
 *     then yields ({@code swtch}) until the thread has ENDED (its thread port
 *     is a dead name in the creator's space, checked with
 *     {@code mach_port_type}), and deallocates that name. The whole life of a thread is measured, not
 *     only the create and resume path; the thread's code runs on a Java
 *     thread of the kernel's pool, which starts a platform thread only
 *     when none is idle.
 * <li>{@link #javaThreadCreate}: the baseline of the last: a Java platform
 *     thread with an empty body, {@code new Thread(..).start()} and
 *     {@code join()}.
 * </ul>
 *
 * <p>The baseline of the switches is a ping-pong of two Java platform threads
 * ({@link JavaSwitchPingPong}), run pinned and unpinned by {@link BenchMain}
 * in processes of their own.
 *
 * <p>Each kernel benchmark boots its own kernel for the trial and shuts it
 * down at the end (the partner thread stopped and joined first), so that the
 * fork exits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SchedBench {

    /** How many yields a wait for the other thread may take before the benchmark gives up: a guard. */
    static final long MAX_YIELDS = 50_000_000L;

    /** One boot: a task, and the calling Java thread attached to it as a Mach thread. */
    public abstract static class Kernel {
        Startup startup;
        Task task;
        Thread self;
        java.lang.Thread selfJavaThread;
        MachTraps traps;

        void boot(String taskName) {
            startup = Startup.setupMain(BenchMachine.of(1), org.jmach.vm.vm.Vm::new, "jmach-bench");
            task = startup.taskCreate(taskName);
            self = task.threadAttach("bench");
            if (self == null) {
                throw new IllegalStateException("thread attach: the task " + taskName + " has terminated");
            }
            selfJavaThread = java.lang.Thread.currentThread();
            traps = self.traps();
        }

        /** Runs at every iteration: the attached thread must be the one running the benchmark. */
        @Setup(Level.Iteration)
        public void sameThread() {
            if (java.lang.Thread.currentThread() != selfJavaThread) {
                throw new IllegalStateException("JMH changed the benchmark thread; the Mach thread is attached to "
                        + selfJavaThread.getName());
            }
        }

        /** Detaches the benchmark's thread and shuts the kernel down. */
        void halt() {
            try {
                if (self != null) {
                    self.detach();
                }
            } finally {
                startup.shutdown();
            }
        }
    }

    /**
     * Two Mach threads of one task on the one processor, passing a token:
     * the benchmark's thread (attached) and a native partner. {@link #turn}
     * is 1 while the token is the partner's, 0 while it is the caller's; each
     * side gives the processor away ({@link #yieldTo}) until the token comes
     * back, so the partner runs only when the processor is given to it.
     */
    public abstract static class PingPong extends Kernel {
        volatile int turn;
        volatile boolean stop;
        /** The partner's thread port in the task's space, once it has started. */
        volatile int partnerPort = MACH_PORT_NULL;
        int selfPort;
        Thread partner;
        /** The partner's failure, for the caller to report. */
        volatile String partnerError;

        /**
         * Gives the processor away, to the thread of port {@code to} if the
         * benchmark names the other side.
         *
         * @return KERN_SUCCESS, or the error of the trap
         */
        abstract int yieldTo(MachTraps traps, int to);

        void start(String name) {
            boot("bench " + name);
            selfPort = traps.machThreadSelf();
            partner = task.threadCreate("partner", partnerTraps -> {
                int caller = selfPort;
                partnerPort = partnerTraps.machThreadSelf();
                while (!stop) {
                    if (turn == 1) {
                        turn = 0;
                    }
                    int kr = yieldTo(partnerTraps, caller);
                    if (kr != KernReturn.KERN_SUCCESS) {
                        partnerError = "partner: " + MachMsgReturn.name(kr);
                        return;
                    }
                }
            });
            if (partner == null) {
                throw new IllegalStateException("thread create: the task has terminated");
            }
            // The partner holds no processor until this thread gives it away.
            for (long i = 0; partnerPort == MACH_PORT_NULL; i++) {
                guard(i, "the partner to start");
                traps.swtch();
            }
            fixedPriority(selfPort);
            fixedPriority(partnerPort);
        }

        /**
         * Puts a thread under POLICY_FIXEDPRI (enabled in the default set with
         * its control port, from host_priv): timesharing would let one side's
         * usage worsen its priority, and a yield or handoff to the worse one
         * would be preempted straight back, measuring the policy rather than
         * the switch.
         */
        void fixedPriority(int thread) {
            MachHostUser host = traps.machHost();
            int hostPriv = startup.hostPrivGive(task);
            int[] name = new int[1];
            int[] control = new int[1];
            check("processor_set_default", host.processorSetDefault(traps.machHostSelf(), name));
            check("host_processor_set_priv", host.hostProcessorSetPriv(hostPriv, name[0], control));
            check("processor_set_policy_enable", host.processorSetPolicyEnable(control[0], Policy.POLICY_FIXEDPRI));
            check("thread_policy", host.threadPolicy(thread, Policy.POLICY_FIXEDPRI, 0));
        }

        static void check(String routine, int kr) {
            if (kr != KernReturn.KERN_SUCCESS) {
                throw new IllegalStateException(routine + ": " + MachMsgReturn.name(kr));
            }
        }

        /** One round trip: the token to the partner and back. */
        int roundTrip() {
            turn = 1;
            int to = partnerPort;
            long i = 0;
            do {
                int kr = yieldTo(traps, to);
                if (kr != KernReturn.KERN_SUCCESS) {
                    throw new IllegalStateException("switch: " + MachMsgReturn.name(kr));
                }
                if ((++i & 0xffff) == 0) {
                    guard(i, "the token to come back");
                }
            } while (turn != 0);
            return turn;
        }

        void guard(long yields, String what) {
            if (partnerError != null) {
                throw new IllegalStateException(partnerError);
            }
            if (yields > MAX_YIELDS) {
                throw new IllegalStateException("waited " + yields + " yields for " + what);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            try {
                stop = true;
                // The partner sees stop when it next holds the processor.
                for (long i = 0; partner != null && !partner.isTerminated() && i < MAX_YIELDS; i++) {
                    traps.swtch();
                }
                if (partner != null) {
                    partner.join();
                }
            } finally {
                halt();
            }
        }
    }

    /** The partners yield with swtch: the scheduler picks who runs next. */
    @State(Scope.Thread)
    public static class Swtch extends PingPong {

        @Setup(Level.Trial)
        public void setup() {
            start("context switch");
        }

        @Override
        int yieldTo(MachTraps traps, int to) {
            traps.swtch();
            return KernReturn.KERN_SUCCESS;
        }
    }

    /** The partners hand the processor to each other with thread_switch. */
    @State(Scope.Thread)
    public static class Handoff extends PingPong {

        @Setup(Level.Trial)
        public void setup() {
            start("handoff");
        }

        @Override
        int yieldTo(MachTraps traps, int to) {
            return traps.threadSwitch(to, ThreadSwitch.SWITCH_OPTION_NONE, 0);
        }
    }

    /** thread_create and its friends through the MIG stubs, on the attached thread. */
    @State(Scope.Thread)
    public static class Create extends Kernel {
        MachUser mach;
        MachPortUser machPort;
        int taskSelf;
        int[] state;
        /** Entries run, written only by the new threads. */
        volatile long ran;
        final int[] child = new int[1];
        final int[] type = new int[1];

        @Setup(Level.Trial)
        public void setup() {
            boot("bench thread_create");
            mach = traps.mach();
            machPort = traps.machPort();
            taskSelf = traps.machTaskSelf();
            long pc = traps.nativeEntry((childTraps, args) -> ran++);
            if (pc == 0) {
                throw new IllegalStateException("native entry: the task has terminated");
            }
            state = NativeThreadState.of(pc).toWords();
        }

        /** One thread's life: created, started, ended, its name given back. */
        int createAndWait() {
            check("thread_create", mach.threadCreate(taskSelf, child));
            int thread = child[0];
            check("thread_set_state", mach.threadSetState(thread, NativeThreadState.NATIVE_THREAD_STATE, state));
            check("thread_resume", mach.threadResume(thread));
            for (long i = 0; ; i++) {
                check("mach_port_type", machPort.machPortType(taskSelf, thread, type));
                if (type[0] == MACH_PORT_TYPE_DEAD_NAME) {
                    break;
                }
                if (i > MAX_YIELDS) {
                    throw new IllegalStateException("the new thread did not end in " + i + " yields");
                }
                traps.swtch();
            }
            check("mach_port_deallocate", machPort.machPortDeallocate(taskSelf, thread));
            return thread;
        }

        private static void check(String routine, int kr) {
            if (kr != KernReturn.KERN_SUCCESS) {
                throw new IllegalStateException(routine + ": " + MachMsgReturn.name(kr));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            halt();
        }
    }

    /** context_switch_ns: one switch, half a round trip of the token under swtch. */
    @Benchmark
    @OperationsPerInvocation(2)
    public int contextSwitch(Swtch k) {
        return k.roundTrip();
    }

    /** handoff_ns: one directed handoff, half a round trip under thread_switch. */
    @Benchmark
    @OperationsPerInvocation(2)
    public int handoff(Handoff k) {
        return k.roundTrip();
    }

    /** thread_create_ns: a native thread made, started and ended through the Mach calls. */
    @Benchmark
    public int threadCreate(Create k) {
        return k.createAndWait();
    }

    /** baseline_java_thread_create_ns: a Java platform thread with an empty body, started and joined. */
    @Benchmark
    public java.lang.Thread javaThreadCreate() throws InterruptedException {
        java.lang.Thread t = new java.lang.Thread(SchedBench::nothing);
        t.start();
        t.join();
        return t;
    }

    private static void nothing() {
    }
}
