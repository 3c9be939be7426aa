package org.jmach.kernel.ipc;

/**
 * A message in the kernel (GNU Mach's {@code ipc/ipc_kmsg.h}): the header
 * with ports in place of names, the sender's bytes after the header, and for
 * a complex message its items with rights as objects and out-of-line data
 * copied in. Between copyin and copyout the message owns everything it
 * carries: one send or send-once right for each port in it, and receive
 * rights in transit.
 *
 * <p>Conditions: a kmsg belongs to one thread, or to one port's queue under
 * the IPC lock.
 */
final class IpcKmsg {

    /** One typed item of a complex message. */
    static final class Item {
        /** Offset of the descriptor in the message (from the header's start). */
        int descriptorOffset;
        int dataOffset;
        /** msgt_name after copyin: MACH_MSG_TYPE_PORT_* for rights. */
        int name;
        int sizeBits;
        int number;
        boolean inline;
        /** For port items: one object per element (null: MACH_PORT_NULL). */
        IpcObject[] rights;
        /** For out-of-line data to the kernel, or made by it: the bytes. */
        byte[] data;
        /** For out-of-line data between tasks: the sender's pages, copy-on-write. */
        org.jmach.vm.spi.MapCopy copy;
    }

    int bits;
    int size;
    IpcObject remotePort;
    IpcObject localPort;
    int seqno;
    int id;
    /** The message's bytes, header included (header fields are kept above). */
    byte[] bytes;
    Item[] items;
    /** Order of queueing, to receive from a port set oldest first. */
    long stamp;
    /**
     * A msg-accepted request riding with the message (GNU Mach's
     * {@code ikm_marequest}, from MACH_SEND_NOTIFY): the send-once right the
     * notification will use, and the sender's entry for the destination
     * (null if it had none). Fired when the message is received or destroyed.
     */
    IpcPort marequest;
    /** Where copyin found a page that must be faulted in first (MACH_SEND_FAULT_FIRST). */
    long faultAddress;
    IpcEntry marequestEntry;

    boolean isComplex() {
        return items != null && items.length > 0;
    }
}
