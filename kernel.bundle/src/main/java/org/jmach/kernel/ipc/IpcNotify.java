package org.jmach.kernel.ipc;

import org.jmach.mach.NotifyUser;

/**
 * The kernel's notifications (GNU Mach's {@code ipc/ipc_notify.c}): each is
 * a simpleroutine of {@code notify.defs}, sent by the kernel through the
 * MIG-generated {@link NotifyUser} stub (MIG's KernelUser) on a send-once
 * right, which the message consumes. The messages are therefore the ones
 * {@code notify.defs} describes, in the LP64 layout.
 *
 * <p>Conditions for every routine: the IPC lock held. The send-once right
 * passed in is consumed.
 */
final class IpcNotify {

    private IpcNotify() {
    }

    /** MACH_NOTIFY_PORT_DELETED: {@code name} no longer denotes the right a request was for. */
    static void portDeleted(Ipc ipc, IpcPort notify, int name) {
        IpcKernelSender k = new IpcKernelSender(ipc);
        new NotifyUser(k).machNotifyPortDeleted(k.give(notify), name);
    }

    /** MACH_NOTIFY_MSG_ACCEPTED: the message sent on {@code name} with MACH_SEND_NOTIFY was accepted. */
    static void msgAccepted(Ipc ipc, IpcPort notify, int name) {
        IpcKernelSender k = new IpcKernelSender(ipc);
        new NotifyUser(k).machNotifyMsgAccepted(k.give(notify), name);
    }

    /** MACH_NOTIFY_DEAD_NAME: {@code name} became a dead name. */
    static void deadName(Ipc ipc, IpcPort notify, int name) {
        IpcKernelSender k = new IpcKernelSender(ipc);
        new NotifyUser(k).machNotifyDeadName(k.give(notify), name);
    }

    /** MACH_NOTIFY_NO_SENDERS: no send rights remain; carries the make-send count. */
    static void noSenders(Ipc ipc, IpcPort notify, int mscount) {
        IpcKernelSender k = new IpcKernelSender(ipc);
        new NotifyUser(k).machNotifyNoSenders(k.give(notify), mscount);
    }

    /** MACH_NOTIFY_SEND_ONCE: the send-once right {@code port} died unused; sent on that right. */
    static void sendOnce(Ipc ipc, IpcPort port) {
        IpcKernelSender k = new IpcKernelSender(ipc);
        new NotifyUser(k).machNotifySendOnce(k.give(port));
    }

    /**
     * MACH_NOTIFY_PORT_DESTROYED: the receive right of {@code port}, which
     * would have been destroyed, travels to the requester instead.
     */
    static void portDestroyed(Ipc ipc, IpcPort notify, IpcPort port) {
        IpcKernelSender k = new IpcKernelSender(ipc);
        port.destination = notify;
        new NotifyUser(k).machNotifyPortDestroyed(k.give(notify), k.give(port));
    }
}
