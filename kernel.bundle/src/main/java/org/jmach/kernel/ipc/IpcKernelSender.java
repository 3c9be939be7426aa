package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Message.machMsghBitsLocal;
import static org.jmach.mach.Message.machMsghBitsRemote;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MigSender;
import org.jmach.mach.MigWriter;

/**
 * MIG's KernelUser: the kernel sending a message through a generated user
 * stub of a simpleroutine (the notifications of {@code notify.defs}), on
 * rights it owns. The stub's port arguments are handles the kernel
 * {@link #give}s; sending turns the message into a kmsg that carries those
 * rights and queues it, as any message.
 *
 * <p>Conditions: the IPC lock held; one message per sender. Rights given
 * are consumed by the send.
 */
final class IpcKernelSender implements MigSender {

    private final Ipc ipc;
    private final IpcKernelMessage message = new IpcKernelMessage();

    IpcKernelSender(Ipc ipc) {
        this.ipc = ipc;
    }

    /** The handle the message uses for {@code right}, which the message then owns. */
    int give(IpcObject right) {
        return message.give(right);
    }

    /**
     * Starts the kernel's message: {@code dest} and {@code reply} are handles
     * from {@link #give}. Conditions: the IPC lock held. Returns the writer.
     */
    @Override
    public MigWriter request(int size, int dest, int destDisposition, int reply, int replyDisposition, int id) {
        MachMessage m = new MachMessage(size);
        m.setHeader(machMsghBits(destDisposition, replyDisposition), dest, reply, id);
        return new MigWriter(m, message);
    }

    /**
     * Routine: ipc_mqueue_send, for a kernel message. Returns:
     * MACH_MSG_SUCCESS (a message to a dead port is destroyed, as any); the
     * writer's error, the message then destroyed with the rights it carries.
     */
    @Override
    public int send(MigWriter request, int option, int timeout) {
        MachMessage m = request.message();
        request.end();
        int remoteType = machMsghBitsRemote(m.msghBits());
        int localType = machMsghBitsLocal(m.msghBits());
        IpcKmsg kmsg = message.toKmsg(m, message.object(m.msghRemotePort()), IpcRight.copyinType(remoteType),
                message.object(m.msghLocalPort()), localType == 0 ? 0 : IpcRight.copyinType(localType));
        if (request.error() != KERN_SUCCESS) {
            IpcKmsgCopyout.destroy(ipc, kmsg);
            return request.error();
        }
        IpcWaiter handoff = IpcMqueue.deliver(ipc, kmsg);
        if (handoff != null) {
            ipc.resumeSoon(handoff);
        }
        return MACH_MSG_SUCCESS;
    }
}
