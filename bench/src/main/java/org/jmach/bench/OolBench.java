package org.jmach.bench;

import static org.jmach.mach.Message.MACH_MSG_TYPE_BYTE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;

import java.util.concurrent.TimeUnit;

import org.jmach.kernel.kern.Task;
import org.jmach.mach.KernReturn;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachMsgReturn;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.MigServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Out-of-line data from one task to another, measured through the Mach
 * API: the bench task (the JMH thread) sends a message carrying
 * {@link #size} bytes out of line (not deallocated: the sender keeps its
 * data, which it wrote once in the trial's setup, so it is resident) and
 * waits for the answer. The receiver, a task of its own serving with
 * libmach's continuation loop (it waits with no Java stack; the send runs
 * it on the sender's processor), vm_deallocates what it got without
 * touching it and answers with the result. An invocation is the round
 * trip: send, receive, vm_deallocate, reply.
 *
 * <p>{@link #rpcNoData} is the same round trip with no out-of-line item
 * (and so no vm_deallocate): the part of the figures that does not depend
 * on the data.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OolBench {

    static final int OOL_ID = 0x6a6d10;
    static final int CAPACITY = 256;

    /** The two tasks, the sender's resident data and the receiver's port. */
    public abstract static class Ool extends VmKernel {
        long data;
        int server;
        int replyPort;
        final MachMessage msg = new MachMessage(CAPACITY);

        /** Bytes of out-of-line data per message; 0 for none. */
        abstract long size();

        @Setup(Level.Trial)
        public void setup() {
            boot();
            if (size() > 0) {
                data = allocate(size());
                fill(data, size());
            }
            Task receiver = startup.taskCreate("receiver");
            int[] port = portIn(taskPort(receiver));
            server = port[1];
            receiver.threadCreate("receiver", t -> serve(t, port[0]));
            replyPort = traps.machReplyPort();
            if (replyPort == MACH_PORT_NULL) {
                throw new IllegalStateException("mach_reply_port: no port");
            }
        }

        private static void serve(MachTraps t, int port) {
            MachUser mach = new MachUser(t.mig());
            int taskSelf = t.machTaskSelf();
            MachMsgServer.machMsgServerContinue(t, (in, out) -> {
                int kr = KernReturn.KERN_SUCCESS;
                MachMsgItems items = in.items();
                while (items.next()) {
                    if (!items.inline() && !items.isPort() && kr == KernReturn.KERN_SUCCESS) {
                        kr = mach.vmDeallocate(taskSelf, items.address(), items.dataLength());
                    }
                }
                return MigServer.reply(out, kr);
            }, CAPACITY, port);
        }

        int send() {
            MachMessage m = msg;
            m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), server, replyPort,
                    OOL_ID);
            if (size() > 0) {
                m.putOutOfLine(MACH_MSG_TYPE_BYTE, 8, (int) size(), data, false);
            }
            int mr = traps.machMsgTrap(m, MACH_SEND_MSG | MACH_RCV_MSG, m.endBody(), CAPACITY, replyPort, 0,
                    MACH_PORT_NULL);
            if (mr != MachMsgReturn.MACH_MSG_SUCCESS) {
                throw new IllegalStateException("out-of-line RPC: " + MachMsgReturn.name(mr));
            }
            int kr = m.buffer().getInt(MachMsgServer.RET_CODE_OFFSET);
            check(kr, "the receiver's vm_deallocate");
            return kr;
        }
    }

    @State(Scope.Thread)
    public static class Ool64k extends Ool {
        @Override
        long size() {
            return 64L << 10;
        }
    }

    @State(Scope.Thread)
    public static class Ool64m extends Ool {
        @Override
        long size() {
            return 64L << 20;
        }
    }

    @State(Scope.Thread)
    public static class NoData extends Ool {
        @Override
        long size() {
            return 0;
        }
    }

    /** ool_64k_ns: 64 KiB out of line, sent, received and deallocated. */
    @Benchmark
    public int ool64k(Ool64k s) {
        return s.send();
    }

    /** ool_64m_ns: 64 MiB out of line, sent, received and deallocated. */
    @Benchmark
    public int ool64m(Ool64m s) {
        return s.send();
    }

    /** rpc_no_data_ns: the same round trip without data. */
    @Benchmark
    public int rpcNoData(NoData s) {
        return s.send();
    }
}
