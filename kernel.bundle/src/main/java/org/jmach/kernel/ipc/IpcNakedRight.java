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
 * <p>Lifecycle: made when the kernel takes the right from a request
 * ({@link IpcKobjectRequest#takeNaked}); consumed exactly once, by the
 * message it is sent on or by {@link KernelPagerChannel#release}.
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

    /** The disposition that moves this right into a message. */
    int moveDisposition() {
        return type == MACH_MSG_TYPE_PORT_SEND ? MACH_MSG_TYPE_MOVE_SEND : MACH_MSG_TYPE_MOVE_SEND_ONCE;
    }

    @Override
    public String toString() {
        return (type == MACH_MSG_TYPE_PORT_SEND ? "send right to " : "send-once right to ") + port;
    }
}
