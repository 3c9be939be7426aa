package org.jmach.kernel.ipc;

import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_NAME;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.PORT_T_SIZE_IN_BITS;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Notify.MACH_NOTIFY_DEAD_NAME;
import static org.jmach.mach.Notify.MACH_NOTIFY_MSG_ACCEPTED;
import static org.jmach.mach.Notify.MACH_NOTIFY_NO_SENDERS;
import static org.jmach.mach.Notify.MACH_NOTIFY_PORT_DELETED;
import static org.jmach.mach.Notify.MACH_NOTIFY_PORT_DESTROYED;
import static org.jmach.mach.Notify.MACH_NOTIFY_SEND_ONCE;
import static org.jmach.mach.Notify.NOTIFICATION_WITH_BODY_SIZE;
import static org.jmach.mach.Notify.NOT_BODY_OFFSET;
import static org.jmach.mach.Notify.SEND_ONCE_NOTIFICATION_SIZE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's notifications (GNU Mach's {@code ipc/ipc_notify.c}): each is a
 * message the kernel sends on a send-once right, which the message consumes.
 * The layouts are those of {@code <mach/notify.h>} in the LP64 ABI.
 *
 * <p>Conditions for every routine: the IPC lock held. The send-once right
 * passed in is consumed.
 */
final class IpcNotify {

    private IpcNotify() {
    }

    /** MACH_NOTIFY_PORT_DELETED: {@code name} no longer denotes the right a request was for. */
    static void portDeleted(Ipc ipc, IpcPort notify, int name) {
        sendName(ipc, notify, MACH_NOTIFY_PORT_DELETED, name);
    }

    /** MACH_NOTIFY_MSG_ACCEPTED: the message sent on {@code name} with MACH_SEND_NOTIFY was accepted. */
    static void msgAccepted(Ipc ipc, IpcPort notify, int name) {
        sendName(ipc, notify, MACH_NOTIFY_MSG_ACCEPTED, name);
    }

    /** MACH_NOTIFY_DEAD_NAME: {@code name} became a dead name. */
    static void deadName(Ipc ipc, IpcPort notify, int name) {
        sendName(ipc, notify, MACH_NOTIFY_DEAD_NAME, name);
    }

    /** MACH_NOTIFY_NO_SENDERS: no send rights remain; carries the make-send count. */
    static void noSenders(Ipc ipc, IpcPort notify, int mscount) {
        IpcKmsg kmsg = kernelMessage(notify, MACH_NOTIFY_NO_SENDERS, NOTIFICATION_WITH_BODY_SIZE, 0);
        body(kmsg, MACH_MSG_TYPE_INTEGER_32, 32, mscount);
        send(ipc, kmsg);
    }

    /** MACH_NOTIFY_SEND_ONCE: the send-once right {@code port} died unused; sent on that right. */
    static void sendOnce(Ipc ipc, IpcPort port) {
        send(ipc, kernelMessage(port, MACH_NOTIFY_SEND_ONCE, SEND_ONCE_NOTIFICATION_SIZE, 0));
    }

    /**
     * MACH_NOTIFY_PORT_DESTROYED: the receive right of {@code port}, which
     * would have been destroyed, travels to the requester instead.
     */
    static void portDestroyed(Ipc ipc, IpcPort notify, IpcPort port) {
        IpcKmsg kmsg = kernelMessage(notify, MACH_NOTIFY_PORT_DESTROYED, NOTIFICATION_WITH_BODY_SIZE,
                MACH_MSGH_BITS_COMPLEX);
        body(kmsg, MACH_MSG_TYPE_PORT_RECEIVE, PORT_T_SIZE_IN_BITS, 0);
        IpcKmsg.Item item = new IpcKmsg.Item();
        item.descriptorOffset = MACH_MSG_HEADER_SIZE;
        item.dataOffset = NOT_BODY_OFFSET;
        item.name = MACH_MSG_TYPE_PORT_RECEIVE;
        item.sizeBits = PORT_T_SIZE_IN_BITS;
        item.number = 1;
        item.inline = true;
        item.rights = new IpcObject[] {port};
        kmsg.items = new IpcKmsg.Item[] {item};
        port.destination = notify;
        send(ipc, kmsg);
    }

    private static void sendName(Ipc ipc, IpcPort notify, int id, int name) {
        IpcKmsg kmsg = kernelMessage(notify, id, NOTIFICATION_WITH_BODY_SIZE, 0);
        body(kmsg, MACH_MSG_TYPE_PORT_NAME, 32, name);
        send(ipc, kmsg);
    }

    private static IpcKmsg kernelMessage(IpcPort dest, int id, int size, int extraBits) {
        IpcKmsg kmsg = new IpcKmsg();
        kmsg.bits = machMsghBits(MACH_MSG_TYPE_PORT_SEND_ONCE, 0) | extraBits;
        kmsg.size = size;
        kmsg.remotePort = dest;
        kmsg.id = id;
        kmsg.bytes = new byte[size];
        return kmsg;
    }

    private static void body(IpcKmsg kmsg, int typeName, int sizeBits, int value) {
        ByteBuffer b = ByteBuffer.wrap(kmsg.bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MACH_MSG_HEADER_SIZE, typeName | (sizeBits << 8) | MSGT_INLINE);
        b.putInt(MACH_MSG_HEADER_SIZE + 4, 1);
        b.putInt(NOT_BODY_OFFSET, value);
    }

    private static void send(Ipc ipc, IpcKmsg kmsg) {
        IpcWaiter handoff = IpcMqueue.deliver(ipc, kmsg);
        if (handoff != null) {
            ipc.resumeLater(handoff);
        }
    }
}
