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
}
