package org.jmach.mach;

/**
 * {@code mach_port_status_t}: the state of a receive right, as
 * mach_port_get_receive_status returns it.
 *
 * @param mpsPset the name of the containing port set, or MACH_PORT_NULL
 * @param mpsSeqno the sequence number the next received message will carry
 * @param mpsMscount the make-send count
 * @param mpsQlimit the queue limit
 * @param mpsMsgcount messages in the queue
 * @param mpsSorights send-once rights in existence
 * @param mpsSrights whether send rights exist
 * @param mpsPdrequest whether a port-destroyed notification is requested
 * @param mpsNsrequest whether a no-senders notification is requested
 */
public record MachPortStatus(int mpsPset, int mpsSeqno, int mpsMscount, int mpsQlimit,
        int mpsMsgcount, int mpsSorights, boolean mpsSrights, boolean mpsPdrequest,
        boolean mpsNsrequest) {

    /** Words of {@code mach_port_status_t} in a message ({@code struct[9] of integer_t}). */
    public static final int MACH_PORT_STATUS_COUNT = 9;

    /** The status from the words a mach_port_get_receive_status reply carries. */
    public static MachPortStatus decode(int[] w) {
        return new MachPortStatus(w[0], w[1], w[2], w[3], w[4], w[5], w[6] != 0, w[7] != 0, w[8] != 0);
    }

    /** The words of this status, in the order of {@code mach_port_status_t}. */
    public int[] encode() {
        return new int[] {mpsPset, mpsSeqno, mpsMscount, mpsQlimit, mpsMsgcount, mpsSorights, mpsSrights ? 1 : 0,
            mpsPdrequest ? 1 : 0, mpsNsrequest ? 1 : 0};
    }
}
