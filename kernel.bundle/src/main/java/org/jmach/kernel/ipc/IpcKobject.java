package org.jmach.kernel.ipc;

import static org.jmach.mach.MachMsgReturn.MIG_BAD_ID;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.machMsghBits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's side of kernel ports (GNU Mach's {@code ipc_kobject_server}):
 * a message sent to a task's or thread's port is a request to the kernel.
 * Until MIG generates the kernel's server demux, the kernel answers every
 * request as a MIG server answers an id it does not know: a
 * {@code mig_reply_header_t} with RetCode MIG_BAD_ID on the reply port.
 */
final class IpcKobject {

    /** sizeof(mig_reply_header_t) in the LP64 ABI: header, a type, a code, padding. */
    static final int MIG_REPLY_SIZE = 48;
    /** Reply ids are request ids plus 100, as MIG numbers them. */
    static final int MIG_REPLY_ID_OFFSET = 100;

    private IpcKobject() {
    }

    /**
     * Routine: ipc_kobject_server. Purpose: consume a request sent to a
     * kernel port and send the reply, if the request had a reply port.
     *
     * <p>Conditions: the IPC lock held; consumes the kmsg.
     */
    static void server(Ipc ipc, IpcKmsg request) {
        IpcObject reply = request.localPort;
        int replyType = (request.bits >>> 8) & 0xff;
        request.localPort = null;
        IpcPort dest = (IpcPort) request.remotePort;
        if ((request.bits & 0xff) == MACH_MSG_TYPE_PORT_SEND) {
            IpcRight.releaseSend(ipc, dest);
        } else {
            dest.sorights--;
        }
        request.remotePort = null;
        IpcKmsgCopyout.destroyBody(ipc, request);
        if (!IpcObject.valid(reply)) {
            return;
        }
        IpcKmsg kmsg = new IpcKmsg();
        kmsg.bits = machMsghBits(replyType, 0);
        kmsg.size = MIG_REPLY_SIZE;
        kmsg.remotePort = reply;
        kmsg.id = request.id + MIG_REPLY_ID_OFFSET;
        kmsg.bytes = new byte[MIG_REPLY_SIZE];
        ByteBuffer b = ByteBuffer.wrap(kmsg.bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MACH_MSG_HEADER_SIZE, MACH_MSG_TYPE_INTEGER_32 | (32 << 8) | MSGT_INLINE);
        b.putInt(MACH_MSG_HEADER_SIZE + 4, 1);
        b.putInt(MACH_MSG_HEADER_SIZE + 8, MIG_BAD_ID);
        IpcWaiter w = IpcMqueue.deliver(ipc, kmsg);
        if (w != null) {
            ipc.resumeLater(w);
        }
    }
}
