package org.jmach.kernel.ipc;

import static org.jmach.mach.MachMsgReturn.MIG_BAD_ID;
import static org.jmach.mach.MachMsgReturn.MIG_NO_REPLY;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MigServer;

/**
 * The kernel's side of kernel ports (GNU Mach's {@code ipc_kobject_server}):
 * a message sent to a task's, thread's or the host's port is a request to
 * the kernel. The subsystem that holds its id serves it through its
 * MIG-generated demux; the reply goes to the request's reply port. An id
 * no subsystem holds is answered with MIG_BAD_ID.
 */
final class IpcKobject {

    private IpcKobject() {
    }

    /**
     * Routine: ipc_kobject_server. Purpose: consume a request sent to a
     * kernel port and send the reply, if the request had a reply port and
     * the routine replies.
     *
     * <p>Conditions: the IPC lock held; consumes the kmsg. The routine owns
     * the rights it takes from the request; the others are destroyed, as
     * GNU Mach destroys a request whose routine failed.
     */
    static void server(Ipc ipc, IpcKmsg request) {
        IpcObject reply = request.localPort;
        int replyType = (request.bits >>> 8) & 0xff;
        request.localPort = null;
        IpcPort dest = (IpcPort) request.remotePort;
        IpcKobjectRequest rq = new IpcKobjectRequest(ipc, dest, reply, replyType);
        MachMessage in = rq.request(request);
        IpcKobjectServer server = ipc.kobjectServer(request.id);
        MachMessage out = new MachMessage(server != null ? server.replySizeMax() : MigServer.REPLY_HEADER_SIZE);
        MigServer.replyHeader(in, out);
        if (server == null || !server.demux().serve(rq, in, out)) {
            MigServer.reply(out, MIG_BAD_ID);
        }
        rq.end();
        // A routine that answers later (device_read: sreplyport) took the reply right; nothing is sent now.
        reply = rq.replyPort();
        if ((request.bits & 0xff) == MACH_MSG_TYPE_PORT_SEND) {
            IpcRight.releaseSend(ipc, dest);
        } else {
            dest.sorights--;
        }
        request.remotePort = null;
        IpcKmsg kmsg = rq.reply(out, reply, replyType);
        if (!IpcObject.valid(reply) || out.buffer().getInt(MachMsgServer.RET_CODE_OFFSET) == MIG_NO_REPLY) {
            kmsg.remotePort = null;
            IpcKmsgCopyout.destroyBody(ipc, kmsg);
            IpcRight.destroyCarried(ipc, reply, replyType);
            return;
        }
        IpcWaiter w = IpcMqueue.deliver(ipc, kmsg);
        if (w != null) {
            ipc.resumeLater(w);
        }
    }
}
