package org.jmach.kernel.ipc;

import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;

/**
 * A naked right (GNU Mach's term): a send or send-once right the kernel
 * holds outside any IPC space, with the type it was carried as. The reply
 * port of a memory object control routine (lock_request, data_supply,
 * change_attributes) reaches VM as one, and comes back to
 * {@link KernelPagerChannel} with the completion message, which consumes it.
 *
 * The reply port of a request the kernel answers later (MIG's sreplyport:
 * device_read, device_write) is one too, taken by
 * {@link IpcKobjectRequest#takeReply} and consumed by {@link #send} or
 * {@link #release}.
 *
 * <p>Lifecycle: made when the kernel takes the right from a request
 * ({@link IpcKobjectRequest#takeNaked}, {@link IpcKobjectRequest#takeReply});
 * consumed exactly once, by the message it is sent on, by
 * {@link KernelPagerChannel#release} or by {@link #release}.
 * Conditions: used under the IPC lock.
 */
public final class IpcNakedRight {

    final IpcPort port;
    /** MACH_MSG_TYPE_PORT_SEND or MACH_MSG_TYPE_PORT_SEND_ONCE. */
    final int type;
    /** Set once the right is sent or released. */
    boolean consumed;

    IpcNakedRight(IpcPort port, int type) {
        this.port = port;
        this.type = type;
    }

    /**
     * A kernel message on a naked right: MIG's KernelUser stub of a
     * simpleroutine, called with the sender, the handle of the right and
     * the disposition that moves it.
     */
    @FunctionalInterface
    public interface KernelMessage {
        /** Writes and sends the message; returns what the stub returned. */
        int send(org.jmach.mach.MigSender sender, int port, int disposition);
    }

    /**
     * Routine: the kernel's answer on this right (GNU Mach's
     * {@code ds_device_read_reply} and friends from its io_done thread).
     * Purpose: {@code message} writes a simpleroutine to this right through
     * a kernel sender, which moves the right into it.
     *
     * <p>Conditions: nothing or the IPC lock held; takes the IPC lock
     * (reentrant). Consumes the right. Returns: what the send returned
     * (MACH_MSG_SUCCESS, a message to a dead port destroyed as any);
     * MACH_SEND_INVALID_DEST if the right was consumed already.
     */
    public int send(Ipc ipc, KernelMessage message) {
        ipc.lock.lock();
        try {
            if (consumed) {
                return org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
            }
            consumed = true;
            IpcKernelSender k = new IpcKernelSender(ipc);
            return message.send(k, k.give(port), moveDisposition());
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * Routine: the destruction of an unused naked right (a send-once right
     * sends its send-once notification). Conditions: takes the IPC lock
     * (reentrant). Consumes the right; nothing if it was consumed already.
     */
    public void release(Ipc ipc) {
        ipc.lock.lock();
        try {
            if (!consumed) {
                consumed = true;
                IpcRight.destroyCarried(ipc, port, type);
            }
        } finally {
            ipc.lock.unlock();
        }
    }

    /** The disposition that moves this right into a message. */
    int moveDisposition() {
        return type == MACH_MSG_TYPE_PORT_SEND ? MACH_MSG_TYPE_MOVE_SEND : MACH_MSG_TYPE_MOVE_SEND_ONCE;
    }

    @Override
    public String toString() {
        return (type == MACH_MSG_TYPE_PORT_SEND ? "send right to " : "send-once right to ") + port;
    }
}
