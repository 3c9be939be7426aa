package org.jmach.mach;

import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TOO_LARGE;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Message.machMsghBitsRemote;
import static org.jmach.mach.Port.MACH_PORT_NULL;

/**
 * libmach's server loop ({@code mach_msg_server}): receive a request, let a
 * demux function (what MIG generates for a subsystem) build the reply, send
 * the reply and receive the next request in one mach_msg. Replies go with
 * a zero send timeout, as in libmach: a client that does not wait for its
 * reply cannot block the server.
 */
public final class MachMsgServer {

    /** Offset of RetCode in a {@code mig_reply_header_t} (LP64). */
    public static final int RET_CODE_OFFSET = MACH_MSG_HEADER_SIZE + Message.MACH_MSG_TYPE_SIZE;

    /**
     * A server demux: handles {@code request} and writes the reply body into
     * {@code reply}, whose header is already set up to answer it (remote =
     * the reply right, id = request id + 100). Returns false if it does not
     * know the request's id.
     */
    @FunctionalInterface
    public interface Demux {
        boolean demux(MachMessage request, MachMessage reply);
    }

    private MachMsgServer() {
    }

    /**
     * {@code mach_msg_server(demux, max_size, rcv_name)}: serves forever on
     * the calling thread. Returns the mach_msg error that ended the loop.
     */
    public static int machMsgServer(MachTraps self, Demux demux, int maxSize, int rcvName) {
        MachMessage request = new MachMessage(maxSize);
        MachMessage reply = new MachMessage(maxSize);
        int mr = self.machMsg(request, MACH_RCV_MSG, 0, maxSize, rcvName, 0, 0);
        while (true) {
            if (mr != MACH_MSG_SUCCESS && mr != MACH_RCV_TOO_LARGE) {
                return mr;
            }
            if (mr == MACH_RCV_TOO_LARGE || !prepareReply(self, demux, request, reply)) {
                mr = self.machMsg(request, MACH_RCV_MSG, 0, maxSize, rcvName, 0, 0);
                continue;
            }
            mr = sendReceive(self, reply, maxSize, rcvName, null);
            MachMessage t = request;
            request = reply;
            reply = t;
        }
    }

    /**
     * The server loop with continuations: the serving thread blocks with no
     * Java stack, and each request is handled on the processor that
     * delivered it (handoff). Returns MACH_RCV_IN_PROGRESS once the thread
     * waits; afterwards requests are served until a mach_msg error other
     * than an interrupted wait (which waits again), which ends the thread.
     */
    public static int machMsgServerContinue(MachTraps self, Demux demux, int maxSize, int rcvName) {
        MachMessage buffer = new MachMessage(maxSize);
        MachMessage reply = new MachMessage(maxSize);
        MachMsgContinuation[] loop = new MachMsgContinuation[1];
        loop[0] = (traps, msg, result) -> {
            int mr = result;
            // An interrupted wait (thread_abort) waits again, as libmach's mach_msg does without MACH_RCV_INTERRUPT.
            while (mr == MACH_MSG_SUCCESS || mr == MACH_RCV_TOO_LARGE || mr == MACH_RCV_INTERRUPTED) {
                if (mr == MACH_MSG_SUCCESS && prepareReply(traps, demux, msg, reply)) {
                    msg.buffer().put(0, reply.buffer(), 0, reply.msghSize());
                    mr = sendReceive(traps, msg, maxSize, rcvName, loop[0]);
                } else {
                    mr = traps.machMsgContinue(msg, MACH_RCV_MSG, 0, maxSize, rcvName, 0, 0, loop[0]);
                }
            }
        };
        int mr = self.machMsgContinue(buffer, MACH_RCV_MSG, 0, maxSize, rcvName, 0, 0, loop[0]);
        if (mr != MACH_RCV_IN_PROGRESS) {
            loop[0].resume(self, buffer, mr);
            return MACH_RCV_IN_PROGRESS;
        }
        return mr;
    }

    /**
     * Sets up the reply header and runs the demux; false if there is
     * nothing to send. As in libmach, a request the demux does not know is
     * answered too: with RetCode MIG_BAD_ID (which MIG's demuxes write
     * themselves; a hand-written demux that wrote nothing gets it here).
     * A request whose routine failed is destroyed but for its reply right
     * (the routine consumed nothing of it), so that its rights do not pile
     * up in the server's space.
     */
    private static boolean prepareReply(MachTraps self, Demux demux, MachMessage request, MachMessage reply) {
        reply.setHeader(machMsghBits(machMsghBitsRemote(request.msghBits()), 0), request.msghRemotePort(),
                MACH_PORT_NULL, request.msghId() + 100);
        reply.endBody();
        if (!demux.demux(request, reply) && reply.msghSize() < MigServer.REPLY_HEADER_SIZE) {
            MigServer.badId(reply);
        }
        int retCode = reply.msghSize() >= MigServer.REPLY_HEADER_SIZE ? reply.buffer().getInt(RET_CODE_OFFSET)
                : KernReturn.KERN_SUCCESS;
        if (retCode != KernReturn.KERN_SUCCESS && retCode != MachMsgReturn.MIG_NO_REPLY) {
            request.setMsghRemotePort(MACH_PORT_NULL);
            MachMsgDestroy.machMsgDestroy(self, request);
        }
        return MigServer.sendsReply(reply);
    }

    private static int sendReceive(MachTraps self, MachMessage msg, int maxSize, int rcvName,
            MachMsgContinuation continuation) {
        int option = MACH_SEND_MSG | MACH_RCV_MSG | MACH_SEND_TIMEOUT;
        int mr = continuation == null
                ? self.machMsg(msg, option, msg.msghSize(), maxSize, rcvName, 0, 0)
                : self.machMsgContinue(msg, option, msg.msghSize(), maxSize, rcvName, 0, 0, continuation);
        if ((mr & 0xffffc000) == 0x10000000 && mr != MachMsgReturn.MACH_SEND_IN_PROGRESS) {
            // The reply could not be sent (the client is gone or not waiting): drop it, keep serving.
            return continuation == null ? self.machMsg(msg, MACH_RCV_MSG, 0, maxSize, rcvName, 0, 0)
                    : self.machMsgContinue(msg, MACH_RCV_MSG, 0, maxSize, rcvName, 0, 0, continuation);
        }
        return mr;
    }
}
