package org.jmach.bench;

import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;

import java.util.concurrent.TimeUnit;

import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgContinuation;
import org.jmach.mach.MachMsgReturn;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The kernel's IPC, measured through the Mach API: a null RPC (a 32-byte
 * request, a 32-byte reply) against a server that blocks with a continuation
 * (handoff: the client's Java thread runs the server) or in a real Java
 * thread, and one-way 32-byte messages to a draining receiver.
 *
 * <p>Each benchmark boots its own kernel (two processors, 64 MiB, 100 Hz) for
 * the trial, attaches the JMH thread as the client Mach thread, and at the
 * end stops the server (stop flag, a last message, thread_abort), detaches the
 * client and shuts the kernel down, so that the fork exits.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IpcBench {

    /** Bytes of every message buffer; the messages themselves are a bare 32-byte header. */
    static final int CAPACITY = 256;
    static final int REQUEST_ID = 100;
    static final int REPLY_ID = 200;
    static final int ONEWAY_ID = 300;
    static final int STOP_ID = 999;

    /**
     * One boot: a task, the calling Java thread attached to it as the client,
     * a port whose receive right the task holds, and the server thread.
     */
    public abstract static class Kernel {
        Startup startup;
        Task task;
        Thread client;
        java.lang.Thread clientJavaThread;
        MachTraps traps;
        int port;
        Thread server;
        volatile boolean stop;
        /** The server's first failure, for the client to report. */
        volatile String serverError;

        void boot() {
            startup = Startup.setupMain(BenchMachine.of(2), org.jmach.vm.vm.Vm::new, "jmach-bench");
            task = startup.taskCreate("bench");
            client = task.threadAttach("client");
            clientJavaThread = java.lang.Thread.currentThread();
            traps = client.traps();
            int[] name = new int[1];
            int kr = traps.machPort().machPortAllocate(traps.machTaskSelf(), MACH_PORT_RIGHT_RECEIVE, name);
            if (kr != KernReturn.KERN_SUCCESS) {
                throw new IllegalStateException("mach_port_allocate: " + KernReturn.name(kr));
            }
            port = name[0];
        }

        /** The server's failure: recorded, and the client, perhaps blocked on it, aborted. */
        void serverFailed(String what, int code) {
            if (!stop && serverError == null) {
                serverError = what + ": " + MachMsgReturn.name(code);
                client.abort();
            }
        }

        /** The client's check of a mach_msg result. */
        int check(int mr, String what) {
            if (mr != MACH_MSG_SUCCESS) {
                throw new IllegalStateException(what + ": " + MachMsgReturn.name(mr)
                        + (serverError != null ? "; server: " + serverError : ""));
            }
            return mr;
        }

        /** Runs at every iteration: the attached thread must be the one running the benchmark. */
        @Setup(Level.Iteration)
        public void sameThread() {
            if (java.lang.Thread.currentThread() != clientJavaThread) {
                throw new IllegalStateException("JMH changed the benchmark thread; the client Mach thread is attached to "
                        + clientJavaThread.getName());
            }
        }

        @TearDown(Level.Trial)
        public void halt() throws Exception {
            try {
                if (server != null) {
                    stop = true;
                    // Whether the server is blocked in a receive or about to
                    // enter one, this message or the abort ends it.
                    MachMessage last = new MachMessage(CAPACITY);
                    last.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), port, MACH_PORT_NULL, STOP_ID);
                    traps.machMsgTrap(last, MACH_SEND_MSG | MACH_SEND_TIMEOUT, last.endBody(), 0,
                            MACH_PORT_NULL, 1000, MACH_PORT_NULL);
                    server.abort();
                    server.join();
                }
            } finally {
                try {
                    client.detach();
                } finally {
                    startup.shutdown();
                }
            }
        }
    }

    /** The client's half of a null RPC, the same for both servers. */
    public abstract static class Rpc extends Kernel {
        MachMessage request;
        int replyPort;

        void bootClient() {
            boot();
            request = new MachMessage(CAPACITY);
            replyPort = traps.machReplyPort();
            if (replyPort == MACH_PORT_NULL) {
                throw new IllegalStateException("mach_reply_port: no port");
            }
        }

        int rpc() {
            MachMessage m = request;
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), port, replyPort,
                    REQUEST_ID);
            int mr = traps.machMsgTrap(m, MACH_SEND_MSG | MACH_RCV_MSG, m.endBody(), CAPACITY, replyPort, 0,
                    MACH_PORT_NULL);
            check(mr, "null RPC");
            if (m.msghId() != REPLY_ID) {
                throw new IllegalStateException("null RPC: reply id " + m.msghId() + ", not " + REPLY_ID);
            }
            return m.msghId();
        }

        /** Turns the request in {@code msg} into its reply; returns the send size. */
        static int reply(MachMessage msg) {
            msg.setHeader(machMsghBits(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0), msg.msghRemotePort(), MACH_PORT_NULL,
                    REPLY_ID);
            return msg.endBody();
        }
    }

    /**
     * The server blocks with a continuation and keeps no Java thread: the
     * client's send runs it (handoff), it replies and blocks again.
     */
    @State(Scope.Thread)
    public static class Handoff extends Rpc implements MachMsgContinuation {

        @Setup(Level.Trial)
        public void setup() {
            bootClient();
            server = task.threadCreate("server", self -> {
                MachMessage msg = new MachMessage(CAPACITY);
                int mr = self.machMsgContinue(msg, MACH_RCV_MSG, 0, CAPACITY, port, 0, MACH_PORT_NULL, this);
                if (mr != MACH_RCV_IN_PROGRESS) {
                    resume(self, msg, mr);
                }
            });
        }

        @Override
        public void resume(MachTraps self, MachMessage msg, int result) {
            int mr = result;
            while (!stop) {
                int option;
                int size;
                if (mr == MACH_MSG_SUCCESS) {
                    option = MACH_SEND_MSG | MACH_RCV_MSG;
                    size = reply(msg);
                } else if (mr == MACH_RCV_INTERRUPTED) {
                    option = MACH_RCV_MSG;
                    size = 0;
                } else {
                    serverFailed("server mach_msg", mr);
                    return;
                }
                mr = self.machMsgContinue(msg, option, size, CAPACITY, port, 0, MACH_PORT_NULL, this);
                if (mr == MACH_RCV_IN_PROGRESS || mr == org.jmach.mach.MachMsgReturn.MACH_SEND_IN_PROGRESS) {
                    return;
                }
            }
        }
    }

    /** The server is a Java thread of its own, blocked in mach_msg between requests. */
    @State(Scope.Thread)
    public static class Threads extends Rpc {

        @Setup(Level.Trial)
        public void setup() {
            bootClient();
            server = task.threadCreate("server", self -> {
                MachMessage msg = new MachMessage(CAPACITY);
                int mr = self.machMsgTrap(msg, MACH_RCV_MSG, 0, CAPACITY, port, 0, MACH_PORT_NULL);
                while (!stop) {
                    if (mr == MACH_MSG_SUCCESS) {
                        mr = self.machMsgTrap(msg, MACH_SEND_MSG | MACH_RCV_MSG, reply(msg), CAPACITY, port, 0,
                                MACH_PORT_NULL);
                    } else if (mr == MACH_RCV_INTERRUPTED) {
                        mr = self.machMsgTrap(msg, MACH_RCV_MSG, 0, CAPACITY, port, 0, MACH_PORT_NULL);
                    } else {
                        serverFailed("server mach_msg", mr);
                        return;
                    }
                }
            });
        }
    }

    /** A receiver thread draining the port; the sender blocks when the queue is full. */
    @State(Scope.Thread)
    public static class Oneway extends Kernel {
        MachMessage msg;

        @Setup(Level.Trial)
        public void setup() {
            boot();
            msg = new MachMessage(CAPACITY);
            server = task.threadCreate("receiver", self -> {
                MachMessage in = new MachMessage(CAPACITY);
                while (!stop) {
                    int mr = self.machMsgTrap(in, MACH_RCV_MSG, 0, CAPACITY, port, 0, MACH_PORT_NULL);
                    if (mr != MACH_MSG_SUCCESS && mr != MACH_RCV_INTERRUPTED) {
                        serverFailed("receiver mach_msg", mr);
                        return;
                    }
                }
            });
        }

        int send() {
            MachMessage m = msg;
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), port, MACH_PORT_NULL, ONEWAY_ID);
            check(traps.machMsgTrap(m, MACH_SEND_MSG, m.endBody(), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL),
                    "one-way send");
            return m.msghId();
        }
    }

    /**
     * A null kernel call: mach_port_type on a port of the task's own, a MIG
     * request to the task port that the kernel's generated demux serves in
     * the sender's thread.
     */
    @State(Scope.Thread)
    public static class KernelCall extends Kernel {
        MachPortUser machPort;
        int taskSelf;
        final int[] type = new int[1];

        @Setup(Level.Trial)
        public void setup() {
            boot();
            machPort = traps.machPort();
            taskSelf = traps.machTaskSelf();
        }

        int call() {
            int kr = machPort.machPortType(taskSelf, port, type);
            if (kr != KernReturn.KERN_SUCCESS || type[0] != MACH_PORT_TYPE_RECEIVE) {
                throw new IllegalStateException("mach_port_type: " + MachMsgReturn.name(kr) + ", type " + type[0]);
            }
            return type[0];
        }
    }

    /** kernel_call_ns: one mach_port_type through the generated stub and the kernel's demux. */
    @Benchmark
    public int kernelCall(KernelCall k) {
        return k.call();
    }

    /** null_rpc_handoff_ns: one RPC to a server blocked with a continuation. */
    @Benchmark
    public int nullRpcHandoff(Handoff k) {
        return k.rpc();
    }

    /** null_rpc_threads_ns: one RPC to a server in a Java thread of its own. */
    @Benchmark
    public int nullRpcThreads(Threads k) {
        return k.rpc();
    }

    /** oneway_msgs_per_s: one 32-byte message sent to a draining receiver. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int oneway(Oneway k) {
        return k.send();
    }
}
