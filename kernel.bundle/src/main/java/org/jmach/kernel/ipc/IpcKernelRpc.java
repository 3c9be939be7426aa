package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.jmach.mach.MachMsgReturn.MIG_REPLY_MISMATCH;
import static org.jmach.mach.MachMsgReturn.MIG_SERVER_DIED;
import static org.jmach.mach.MachMsgReturn.MIG_TYPE_ERROR;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_64;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;

import java.nio.ByteBuffer;

import org.jmach.mach.ExcIds;
import org.jmach.mach.ExcServerDemux;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MigReader;
import org.jmach.mach.MigWriter;
import org.jmach.mach.Notify;

/**
 * MIG's KernelUser for routines (GNU Mach's {@code kern/exception.c}, the
 * part that talks to a handler): the kernel sends a request on rights it
 * makes, with a reply port of its own, and the calling thread waits for
 * the reply as a user stub would in mach_msg.
 *
 * <p>The request is written as the generated {@code ExcUser} stub writes it
 * (same layout, same ids), through an {@link IpcKernelSender}. The reply
 * port is a port whose receive right lives in the kernel's space with no
 * kernel object, so that messages queue on it; the request carries a
 * send-once right to it. Whatever happens to that right, exactly one message
 * comes back on it: the handler's reply, or the send-once notification the
 * kernel sends when the right dies unused (the handler destroyed the
 * request, or its port died with the request queued). Hence the wait always
 * ends, unless the handler keeps the request and never answers; then only
 * thread_abort ends it, as in Mach.
 *
 * <p>Lifecycle of the reply port: allocated in the kernel's space before
 * the request is built, destroyed (with anything still queued on it) before
 * the routine returns, on every path. A reply that comes later finds it
 * dead and is destroyed.
 */
public final class IpcKernelRpc {

    /** exception_raise's request id (exc.defs). */
    private static final int EXCEPTION_RAISE = ExcIds.EXCEPTION_RAISE;
    /** exception_raise's reply id: the request's plus 100. */
    private static final int EXCEPTION_RAISE_REPLY = EXCEPTION_RAISE + ExcIds.REPLY_OFFSET;
    /** sizeof(mig_reply_header_t) (LP64): header, RetCode's descriptor, RetCode, padding. */
    private static final int REPLY_HEADER_SIZE = ExcServerDemux.REPLY_SIZE_MAX;

    private IpcKernelRpc() {
    }

    /**
     * Routine: exception_raise (the kernel's user side, GNU Mach's
     * {@code exception_raise} in {@code kern/exception.c}). Purpose: send
     * exception_raise to {@code exceptionPort}, carrying send rights for
     * {@code threadPort} and {@code taskPort} and a send-once right for a new
     * reply port, and wait for the reply.
     *
     * <p>Conditions: nothing locked; the caller is {@code self}, a thread
     * that holds a processor (its blockBegin/blockEnd are called around the
     * wait, as MachMsg.block does). No reference of the ports passed is
     * consumed: the message gets send rights the kernel makes (a copied send
     * right for the exception port, made send rights for the thread's and
     * task's ports; a dead thread or task port travels as MACH_PORT_DEAD, a
     * null one as MACH_PORT_NULL). Every right made and the reply port are
     * gone when the routine returns. No Java exception escapes.
     *
     * <p>Returns: the handler's RetCode (KERN_SUCCESS: the thread is to
     * resume); MACH_SEND_INVALID_DEST if {@code exceptionPort} is null or
     * dead (nothing is sent); MIG_SERVER_DIED if the request was destroyed
     * without a reply; MIG_REPLY_MISMATCH for a reply with another id;
     * MIG_TYPE_ERROR for a reply without a well-formed RetCode (or with a
     * body after a RetCode of KERN_SUCCESS); MACH_RCV_INTERRUPTED if
     * thread_abort ended the wait; KERN_FAILURE if the kernel itself failed
     * (a bug, reported on standard error).
     */
    public static int exceptionRaise(Ipc ipc, IpcThread self, IpcPort exceptionPort, IpcPort threadPort,
            IpcPort taskPort, int exception, int code, long subcode) {
        ipc.lock.lock();
        IpcPort reply = null;
        try {
            if (exceptionPort == null || !exceptionPort.active) {
                return MACH_SEND_INVALID_DEST;
            }
            reply = replyPortAlloc(ipc);
            int mr = sendExceptionRaise(ipc, exceptionPort, threadPort, taskPort, reply, exception, code, subcode);
            if (mr != MACH_MSG_SUCCESS) {
                return mr;
            }
            IpcKmsg[] out = new IpcKmsg[1];
            mr = MachMsg.receiveKernel(ipc, self, reply, out);
            if (mr != MACH_MSG_SUCCESS) {
                return mr;
            }
            return consumeReply(ipc, reply, out[0], EXCEPTION_RAISE_REPLY);
        } catch (RuntimeException e) {
            // A bug of the kernel's: it must not unwind the thread that took the exception.
            System.err.println("jmach: exception_raise failed in the kernel: " + e);
            return KERN_FAILURE;
        } finally {
            try {
                if (reply != null) {
                    replyPortDestroy(ipc, reply);
                }
            } finally {
                ipc.lock.unlock();
            }
        }
    }

    /**
     * The request half of {@link #exceptionRaise}, for a thread that waits
     * for the reply with a continuation (an interpreted thread): sends
     * exception_raise to {@code exceptionPort} with a send-once right to
     * {@code reply}, a port whose receive right the thread's task holds and
     * on which the thread then receives; {@link #exceptionReplyCode} reads
     * the reply.
     *
     * <p>Conditions: nothing locked; takes the IPC lock; does not block.
     * Returns: MACH_MSG_SUCCESS; MACH_SEND_INVALID_DEST for no live port
     * (either); KERN_FAILURE if the kernel itself failed (a bug, reported
     * on standard error).
     */
    public static int exceptionRaiseSend(Ipc ipc, IpcPort exceptionPort, IpcPort threadPort, IpcPort taskPort,
            IpcPort reply, int exception, int code, long subcode) {
        ipc.lock.lock();
        try {
            if (exceptionPort == null || !exceptionPort.active || reply == null || !reply.active) {
                return MACH_SEND_INVALID_DEST;
            }
            return sendExceptionRaise(ipc, exceptionPort, threadPort, taskPort, reply, exception, code, subcode);
        } catch (RuntimeException e) {
            System.err.println("jmach: exception_raise failed in the kernel: " + e);
            return KERN_FAILURE;
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * The handler's answer in a reply to {@link #exceptionRaiseSend},
     * received (and copied out) as any message: checked as a MIG user stub
     * does. Returns the RetCode; MIG_SERVER_DIED for a send-once
     * notification (the handler dropped the reply right); MIG_REPLY_MISMATCH
     * for another message; MIG_TYPE_ERROR for a malformed reply.
     * Conditions: any.
     */
    public static int exceptionReplyCode(MachMessage m) {
        int id = m.msghId();
        if (id == Notify.MACH_NOTIFY_SEND_ONCE) {
            return MIG_SERVER_DIED;
        }
        if (id != EXCEPTION_RAISE_REPLY) {
            return MIG_REPLY_MISMATCH;
        }
        int size = m.msghSize();
        if (size < REPLY_HEADER_SIZE || size > m.capacity()) {
            return MIG_TYPE_ERROR;
        }
        MachMessage body = new MachMessage(m.buffer().duplicate().position(0).limit(size).slice());
        body.setMsghSize(size);
        MigReader r = new MigReader(body, new IpcKernelMessage(), MACH_MSG_HEADER_SIZE);
        int kr = r.int32(MACH_MSG_TYPE_INTEGER_32);
        if (r.failed()) {
            return MIG_TYPE_ERROR;
        }
        if (kr == KERN_SUCCESS && ((m.msghBits() & org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX) != 0 || !r.end())) {
            return MIG_TYPE_ERROR;
        }
        return kr;
    }

    /**
     * Whether {@code port}'s receive right is alive (the port is not dead).
     * A null port is not.
     *
     * <p>Conditions: nothing locked; takes the IPC lock.
     */
    public static boolean isActive(Ipc ipc, IpcPort port) {
        if (port == null) {
            return false;
        }
        ipc.lock.lock();
        try {
            return port.active;
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * Routine: ipc_port_alloc_reply (GNU Mach's kernel reply ports).
     * Purpose: a new port whose receive right is in the kernel's space,
     * without a kernel object, so that messages sent to it queue.
     *
     * <p>Conditions: the IPC lock held. Returns the port.
     */
    static IpcPort replyPortAlloc(Ipc ipc) {
        IpcPort port = new IpcPort(ipc.defaultQlimit());
        int name = ipc.kernelSpace.allocateName();
        ipc.kernelSpace.enter(name, MACH_PORT_TYPE_RECEIVE, 0, port);
        port.receiver = ipc.kernelSpace;
        port.receiverName = name;
        return port;
    }

    /**
     * Routine: ipc_port_dealloc_reply. Purpose: destroy a reply port made by
     * {@link #replyPortAlloc}: its name leaves the kernel's space, messages
     * still queued are destroyed, and send-once rights to it elsewhere now
     * denote a dead port.
     *
     * <p>Conditions: the IPC lock held.
     */
    static void replyPortDestroy(Ipc ipc, IpcPort port) {
        if (port.receiver != ipc.kernelSpace) {
            return;
        }
        IpcEntry entry = ipc.kernelSpace.lookup(port.receiverName);
        if (entry != null && entry.object == port) {
            IpcRight.destroy(ipc, ipc.kernelSpace, entry);
        }
    }

    /**
     * Builds exception_raise's request as the generated stub does and
     * queues it on {@code exceptionPort} (a receiver waiting with a
     * continuation is resumed on the executor).
     *
     * <p>Conditions: the IPC lock held; {@code exceptionPort} alive. The
     * rights the message carries are made here; the message owns them.
     *
     * <p>Returns: MACH_MSG_SUCCESS; the writer's error (the message is then
     * destroyed with its rights).
     */
    private static int sendExceptionRaise(Ipc ipc, IpcPort exceptionPort, IpcPort threadPort, IpcPort taskPort,
            IpcPort reply, int exception, int code, long subcode) {
        IpcKernelSender k = new IpcKernelSender(ipc);
        exceptionPort.srights++; // ipc_port_copy_send
        reply.sorights++; // ipc_port_make_sonce
        MigWriter w = k.request(ExcServerDemux.REQUEST_SIZE_MAX, k.give(exceptionPort), MACH_MSG_TYPE_COPY_SEND,
                k.give(reply), MACH_MSG_TYPE_MAKE_SEND_ONCE, EXCEPTION_RAISE);
        w.port(MACH_MSG_TYPE_MAKE_SEND, k.give(makeSend(threadPort)));
        w.port(MACH_MSG_TYPE_MAKE_SEND, k.give(makeSend(taskPort)));
        w.int32(MACH_MSG_TYPE_INTEGER_32, exception);
        w.int32(MACH_MSG_TYPE_INTEGER_32, code);
        w.int64(MACH_MSG_TYPE_INTEGER_64, subcode);
        return k.send(w, 0, 0);
    }

    /**
     * Routine: ipc_port_make_send. Returns the object the message carries
     * for {@code port}: the port with one more send right, DEAD for a dead
     * port, null for none. Conditions: the IPC lock held.
     */
    private static IpcObject makeSend(IpcPort port) {
        if (port == null) {
            return null;
        }
        if (!port.active) {
            return IpcObject.DEAD;
        }
        port.mscount++;
        port.srights++;
        return port;
    }

    /**
     * Checks a routine's reply as a MIG user stub does and destroys it: the
     * kernel received it, so the right it carried for the reply port is
     * consumed (not released unused, which would send a notification), and
     * anything else it carries is destroyed.
     *
     * <p>Conditions: the IPC lock held; consumes {@code kmsg}.
     *
     * <p>Returns: the RetCode; MIG_SERVER_DIED for a send-once notification;
     * MIG_REPLY_MISMATCH for another id; MIG_TYPE_ERROR for a malformed
     * reply.
     */
    private static int consumeReply(Ipc ipc, IpcPort reply, IpcKmsg kmsg, int replyId) {
        int kr;
        if (kmsg.id == Notify.MACH_NOTIFY_SEND_ONCE) {
            kr = MIG_SERVER_DIED;
        } else if (kmsg.id != replyId) {
            kr = MIG_REPLY_MISMATCH;
        } else {
            kr = retCode(kmsg);
        }
        if ((kmsg.bits & 0xff) == MACH_MSG_TYPE_PORT_SEND) {
            IpcRight.releaseSend(ipc, reply);
        } else {
            reply.sorights--;
        }
        kmsg.remotePort = null;
        IpcKmsgCopyout.destroy(ipc, kmsg);
        return kr;
    }

    /** The RetCode of a reply with no out arguments, or MIG_TYPE_ERROR. */
    private static int retCode(IpcKmsg kmsg) {
        if (kmsg.size < REPLY_HEADER_SIZE || kmsg.bytes == null || kmsg.bytes.length < kmsg.size) {
            return MIG_TYPE_ERROR;
        }
        MachMessage m = new MachMessage(ByteBuffer.wrap(kmsg.bytes, 0, kmsg.size).slice());
        m.setMsghSize(kmsg.size);
        MigReader r = new MigReader(m, new IpcKernelMessage(), MACH_MSG_HEADER_SIZE);
        int kr = r.int32(MACH_MSG_TYPE_INTEGER_32);
        if (r.failed()) {
            return MIG_TYPE_ERROR;
        }
        if (kr == KERN_SUCCESS && (kmsg.isComplex() || !r.end())) {
            return MIG_TYPE_ERROR;
        }
        return kr;
    }
}
