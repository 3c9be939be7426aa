package org.jmach.mach;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MIG_REPLY_MISMATCH;
import static org.jmach.mach.MachMsgReturn.MIG_SERVER_DIED;
import static org.jmach.mach.MachMsgReturn.MIG_TYPE_ERROR;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;

/**
 * The user side of MIG for one thread: what generated client stubs call to
 * build a request, send it and check the reply (MIG's runtime in libmach:
 * {@code mig_get_reply_port}, {@code mig_dealloc_reply_port} and the checks
 * every user stub makes).
 *
 * <p>The thread's reply port is made on first use and kept; a receive that
 * fails destroys it (the reply may still come, to a port nobody reads), and
 * the next call makes another. Belongs to one thread, like its
 * {@link MachTraps}. Calls made while a message is being built or read
 * (the vm_allocate and vm_deallocate behind out-of-line data) go through
 * {@link #nested()}, which has its own buffer and the same reply port.
 */
public final class MigUser implements MigSender {

    /** Where a reply's body starts: after the header and RetCode (mig_reply_header_t). */
    public static final int REPLY_BODY_OFFSET = MachMsgServer.RET_CODE_OFFSET + 8;

    /** The memory of a nested MigUser: its calls carry no out-of-line data. */
    private static final MigMemory NO_OUT_OF_LINE = new MigMemory() {
        @Override
        public long oolWrite(byte[] data) {
            return -1;
        }

        @Override
        public byte[] oolRead(long address, long length) {
            return null;
        }
    };

    private final MachTraps traps;
    private final MigMemory memory;
    private final MigUser parent;
    private MigUser nested;
    private MachMessage buffer = new MachMessage(256);
    private int replyPort = MACH_PORT_NULL;
    private int taskSelf = MACH_PORT_NULL;

    /** The MIG user side of the thread {@code traps} stands for, with out-of-line data in its task's memory. */
    public MigUser(MachTraps traps) {
        this.traps = traps;
        this.parent = null;
        this.memory = new MigTaskMemory(this);
    }

    /** The same, with out-of-line data where {@code memory} puts it. */
    public MigUser(MachTraps traps, MigMemory memory) {
        this.traps = traps;
        this.parent = null;
        this.memory = memory;
    }

    private MigUser(MigUser parent) {
        this.traps = parent.traps;
        this.parent = parent;
        this.memory = NO_OUT_OF_LINE;
    }

    public MachTraps traps() {
        return traps;
    }

    /**
     * The MigUser for calls made in the middle of one of this one's: its own
     * buffer, this one's reply port (which is idle until this one's request
     * is sent, and again once its reply has come).
     */
    public MigUser nested() {
        if (nested == null) {
            nested = new MigUser(this);
        }
        return nested;
    }

    /** {@code mig_get_reply_port}: the thread's reply port, made on first use. */
    public int replyPort() {
        if (parent != null) {
            return parent.replyPort();
        }
        if (replyPort == MACH_PORT_NULL) {
            replyPort = traps.machReplyPort();
        }
        return replyPort;
    }

    /**
     * Starts a request: a buffer of at least {@code size} bytes with the
     * header set. A routine passes its reply port with MAKE_SEND_ONCE, a
     * simpleroutine MACH_PORT_NULL (or the port of a {@code ureplyport}).
     */
    @Override
    public MigWriter request(int size, int dest, int destDisposition, int reply, int replyDisposition, int id) {
        if (buffer.capacity() < size) {
            buffer = new MachMessage(Math.max(size, 2 * buffer.capacity()));
        }
        buffer.setHeader(machMsghBits(destDisposition, reply == MACH_PORT_NULL ? 0 : replyDisposition), dest,
                reply, id);
        return new MigWriter(buffer, memory);
    }

    /** Starts a routine's request with the thread's reply port. */
    public MigWriter request(int size, int dest, int destDisposition, int id) {
        return request(size, dest, destDisposition, replyPort(), MACH_MSG_TYPE_MAKE_SEND_ONCE, id);
    }

    /**
     * Sends a routine's request and receives its reply into the same buffer
     * (of at least {@code replySize} bytes), then checks the reply as MIG
     * does. On KERN_SUCCESS, {@link #reply()} reads the out arguments.
     *
     * @param timeout milliseconds to wait for the reply (MIG's waittime: MACH_RCV_TIMEOUT), or 0 for none
     * @return KERN_SUCCESS; the writer's error; a mach_msg error; MIG_SERVER_DIED if the reply right
     *         came back as a send-once notification; MIG_REPLY_MISMATCH for another id;
     *         MIG_TYPE_ERROR for a reply too short or without RetCode; else the RetCode
     */
    public int rpc(MigWriter request, int replySize, int replyId, int option, int timeout) {
        if (request.error() != KERN_SUCCESS) {
            return request.error();
        }
        MachMessage m = request.message();
        int sendSize = request.end();
        if (m.capacity() < replySize) {
            MachMessage bigger = new MachMessage(replySize);
            bigger.buffer().put(0, m.buffer(), 0, sendSize);
            buffer = m = bigger;
        }
        int rcvName = m.msghLocalPort();
        int options = MACH_SEND_MSG | MACH_RCV_MSG | option | (timeout != 0 ? MACH_RCV_TIMEOUT : 0);
        int mr = traps.machMsg(m, options, sendSize, m.capacity(), rcvName, timeout, MACH_PORT_NULL);
        if (mr != MACH_MSG_SUCCESS) {
            if ((mr & 0xffffc000) == 0x10004000 && rcvName == replyPort()) {
                deallocReplyPort();
            }
            return mr;
        }
        if (m.msghId() == Notify.MACH_NOTIFY_SEND_ONCE) {
            return MIG_SERVER_DIED;
        }
        if (m.msghId() != replyId) {
            return reject(MIG_REPLY_MISMATCH);
        }
        if (m.msghSize() < REPLY_BODY_OFFSET
                || m.buffer().getInt(MACH_MSG_HEADER_SIZE) != MigServer.retCodeType()
                || m.buffer().getInt(MACH_MSG_HEADER_SIZE + 4) != 1) {
            return reject(MIG_TYPE_ERROR);
        }
        return m.buffer().getInt(MachMsgServer.RET_CODE_OFFSET);
    }

    /** Sends a simpleroutine's request; returns the writer's error or mach_msg's result. */
    @Override
    public int send(MigWriter request, int option, int timeout) {
        if (request.error() != KERN_SUCCESS) {
            return request.error();
        }
        int sendSize = request.end();
        int options = MACH_SEND_MSG | option | (timeout != 0 ? MACH_SEND_TIMEOUT : 0);
        return traps.machMsg(request.message(), options, sendSize, 0, MACH_PORT_NULL, timeout, MACH_PORT_NULL);
    }

    /**
     * Rejects the reply just received: destroys what it carries
     * ({@code mach_msg_destroy}, as MIG's stubs do) and returns {@code code}.
     * Generated stubs call it with MIG_TYPE_ERROR when an out argument does
     * not type-check.
     */
    public int reject(int code) {
        MachMsgDestroy.machMsgDestroy(traps, buffer);
        return code;
    }

    /** A reader of the out arguments of the reply just received. */
    public MigReader reply() {
        return new MigReader(buffer, memory, REPLY_BODY_OFFSET);
    }

    /** {@code mig_dealloc_reply_port}: destroys the reply port; the next call makes a new one. */
    private void deallocReplyPort() {
        if (parent != null) {
            parent.deallocReplyPort();
            return;
        }
        int port = replyPort;
        replyPort = MACH_PORT_NULL;
        if (taskSelf == MACH_PORT_NULL) {
            taskSelf = traps.machTaskSelf();
        }
        new MachPortUser(this).machPortDestroy(taskSelf, port);
    }
}
