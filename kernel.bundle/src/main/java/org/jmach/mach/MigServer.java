package org.jmach.mach;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MIG_BAD_ID;
import static org.jmach.mach.MachMsgReturn.MIG_NO_REPLY;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Message.machMsghBitsRemote;
import static org.jmach.mach.Port.MACH_PORT_NULL;

/**
 * The server side of MIG's runtime: what generated server demuxes call to
 * answer a request. A reply is a {@code mig_reply_header_t} (the header and
 * RetCode), followed by the out arguments when RetCode is KERN_SUCCESS.
 */
public final class MigServer {

    /** sizeof(mig_reply_header_t) in the LP64 ABI: header, RetCode's type, RetCode, padding. */
    public static final int REPLY_HEADER_SIZE = MigUser.REPLY_BODY_OFFSET;

    /**
     * The most elements a demux allocates for an unbounded countinout array,
     * whatever count the request asks for: a client's number must not size
     * a server's memory.
     */
    public static final int UNBOUNDED_COUNT_MAX = 1 << 16;

    private MigServer() {
    }

    /** Sets {@code reply}'s header to answer {@code request}: to its reply port, id + 100. */
    public static void replyHeader(MachMessage request, MachMessage reply) {
        reply.setHeader(machMsghBits(machMsghBitsRemote(request.msghBits()), 0), request.msghRemotePort(),
                MACH_PORT_NULL, request.msghId() + 100);
    }

    /** A reply of RetCode {@code code} alone; returns true (the request was handled). */
    public static boolean reply(MachMessage reply, int code) {
        reply.setMsghBits(reply.msghBits() & ~Message.MACH_MSGH_BITS_COMPLEX);
        reply.writePosition(MACH_MSG_HEADER_SIZE);
        reply.putInteger32(code);
        reply.endBody();
        return true;
    }

    /** A simpleroutine's answer: RetCode MIG_NO_REPLY, so that nothing is sent. */
    public static boolean noReply(MachMessage reply) {
        return reply(reply, MIG_NO_REPLY);
    }

    /** An unknown id: RetCode MIG_BAD_ID; returns false, as MIG's demux does. */
    public static boolean badId(MachMessage reply) {
        reply(reply, MIG_BAD_ID);
        return false;
    }

    /** A writer of a successful reply's out arguments, after RetCode KERN_SUCCESS. */
    public static MigWriter replyWriter(MachMessage reply, MigMemory memory) {
        reply(reply, KERN_SUCCESS);
        return new MigWriter(reply, memory);
    }

    /** Ends a successful reply; if an out argument could not be written, the reply is that error. */
    public static boolean finish(MigWriter w) {
        if (w.error() != KERN_SUCCESS) {
            return reply(w.message(), w.error());
        }
        w.end();
        return true;
    }

    /** Whether a demuxed reply is to be sent: it has a destination and its RetCode is not MIG_NO_REPLY. */
    public static boolean sendsReply(MachMessage reply) {
        return reply.msghRemotePort() != MACH_PORT_NULL
                && !(reply.msghSize() >= REPLY_HEADER_SIZE
                        && reply.buffer().getInt(MachMsgServer.RET_CODE_OFFSET) == MIG_NO_REPLY);
    }

    /** The type descriptor word of RetCode: one inline 32-bit integer. */
    static int retCodeType() {
        return MACH_MSG_TYPE_INTEGER_32 | (32 << Message.MSGT_SIZE_SHIFT) | Message.MSGT_INLINE;
    }
}
