package org.jmach.mach;

/**
 * Mach IPC message constants ({@code <mach/message.h>}), with Mach's values,
 * and the byte layout of GNU Mach's LP64 user ABI, which jmach uses for every
 * message: little-endian words, 8-byte alignment.
 *
 * <pre>
 * mach_msg_header_t (32 bytes)           mach_msg_type_t (8 bytes, short and long form alike)
 *   0  msgh_bits                           0  bits 0-7 name, 8-23 size (bits per element),
 *   4  msgh_size                              24-28 unused, 29 inline, 30 longform, 31 deallocate
 *   8  msgh_remote_port (name; 4 pad)      4  msgt_number
 *  16  msgh_local_port  (name; 4 pad)
 *  24  msgh_seqno                        Inline data follows its descriptor, padded to 8;
 *  28  msgh_id                           out-of-line data is an 8-byte address.
 * </pre>
 *
 * <p>Inline port rights take 8 bytes each (a name and 4 bytes of padding:
 * msgt_size 64); out-of-line port arrays are arrays of 4-byte names
 * (msgt_size 32).
 */
public final class Message {

    // --- Layout -------------------------------------------------------------

    /** sizeof(mach_msg_header_t) in the LP64 ABI. */
    public static final int MACH_MSG_HEADER_SIZE = 32;
    /** sizeof(mach_msg_type_t) == sizeof(mach_msg_type_long_t) in the LP64 ABI. */
    public static final int MACH_MSG_TYPE_SIZE = 8;
    /** MACH_MSG_USER_ALIGNMENT for LP64: sizes and items are multiples of 8. */
    public static final int MACH_MSG_USER_ALIGNMENT = 8;
    /** Bits of one inline port right (mach_port_name_inlined_t). */
    public static final int PORT_T_SIZE_IN_BITS = 64;
    /** Bits of one out-of-line port name (mach_port_name_t). */
    public static final int PORT_NAME_T_SIZE_IN_BITS = 32;

    public static final int MSGH_BITS_OFFSET = 0;
    public static final int MSGH_SIZE_OFFSET = 4;
    public static final int MSGH_REMOTE_PORT_OFFSET = 8;
    public static final int MSGH_LOCAL_PORT_OFFSET = 16;
    public static final int MSGH_SEQNO_OFFSET = 24;
    public static final int MSGH_ID_OFFSET = 28;

    // mach_msg_type_t word 0
    public static final int MSGT_NAME_MASK = 0xff;
    public static final int MSGT_SIZE_SHIFT = 8;
    public static final int MSGT_SIZE_MASK = 0xffff;
    public static final int MSGT_UNUSED_MASK = 0x1f << 24;
    public static final int MSGT_INLINE = 1 << 29;
    public static final int MSGT_LONGFORM = 1 << 30;
    public static final int MSGT_DEALLOCATE = 1 << 31;

    // --- Header bits --------------------------------------------------------

    public static final int MACH_MSGH_BITS_ZERO = 0;
    public static final int MACH_MSGH_BITS_REMOTE_MASK = 0x000000ff;
    public static final int MACH_MSGH_BITS_LOCAL_MASK = 0x0000ff00;
    public static final int MACH_MSGH_BITS_COMPLEX = 0x80000000;
    public static final int MACH_MSGH_BITS_CIRCULAR = 0x40000000;
    public static final int MACH_MSGH_BITS_COMPLEX_PORTS = 0x20000000;
    public static final int MACH_MSGH_BITS_COMPLEX_DATA = 0x10000000;
    public static final int MACH_MSGH_BITS_MIGRATED = 0x08000000;
    public static final int MACH_MSGH_BITS_UNUSED = 0x07ff0000;
    public static final int MACH_MSGH_BITS_PORTS_MASK = MACH_MSGH_BITS_REMOTE_MASK | MACH_MSGH_BITS_LOCAL_MASK;

    /** MACH_MSGH_BITS(remote, local). */
    public static int machMsghBits(int remote, int local) {
        return remote | (local << 8);
    }

    public static int machMsghBitsRemote(int bits) {
        return bits & MACH_MSGH_BITS_REMOTE_MASK;
    }

    public static int machMsghBitsLocal(int bits) {
        return (bits & MACH_MSGH_BITS_LOCAL_MASK) >>> 8;
    }

    // --- msgt_name values ---------------------------------------------------

    public static final int MACH_MSG_TYPE_UNSTRUCTURED = 0;
    public static final int MACH_MSG_TYPE_BIT = 0;
    public static final int MACH_MSG_TYPE_BOOLEAN = 0;
    public static final int MACH_MSG_TYPE_INTEGER_16 = 1;
    public static final int MACH_MSG_TYPE_INTEGER_32 = 2;
    public static final int MACH_MSG_TYPE_CHAR = 8;
    public static final int MACH_MSG_TYPE_BYTE = 9;
    public static final int MACH_MSG_TYPE_INTEGER_8 = 9;
    public static final int MACH_MSG_TYPE_REAL = 10;
    public static final int MACH_MSG_TYPE_INTEGER_64 = 11;
    public static final int MACH_MSG_TYPE_STRING = 12;
    public static final int MACH_MSG_TYPE_STRING_C = 12;
    public static final int MACH_MSG_TYPE_PORT_NAME = 15;

    public static final int MACH_MSG_TYPE_MOVE_RECEIVE = 16;
    public static final int MACH_MSG_TYPE_MOVE_SEND = 17;
    public static final int MACH_MSG_TYPE_MOVE_SEND_ONCE = 18;
    public static final int MACH_MSG_TYPE_COPY_SEND = 19;
    public static final int MACH_MSG_TYPE_MAKE_SEND = 20;
    public static final int MACH_MSG_TYPE_MAKE_SEND_ONCE = 21;

    public static final int MACH_MSG_TYPE_PORT_RECEIVE = MACH_MSG_TYPE_MOVE_RECEIVE;
    public static final int MACH_MSG_TYPE_PORT_SEND = MACH_MSG_TYPE_MOVE_SEND;
    public static final int MACH_MSG_TYPE_PORT_SEND_ONCE = MACH_MSG_TYPE_MOVE_SEND_ONCE;
    public static final int MACH_MSG_TYPE_PROTECTED_PAYLOAD = 23;
    public static final int MACH_MSG_TYPE_LAST = 23;
    /** A dummy value: the disposition is chosen at run time. */
    public static final int MACH_MSG_TYPE_POLYMORPHIC = -1;

    public static boolean machMsgTypePortAny(int x) {
        return x >= MACH_MSG_TYPE_MOVE_RECEIVE && x <= MACH_MSG_TYPE_MAKE_SEND_ONCE;
    }

    public static boolean machMsgTypePortAnySend(int x) {
        return x >= MACH_MSG_TYPE_MOVE_SEND && x <= MACH_MSG_TYPE_MAKE_SEND_ONCE;
    }

    public static boolean machMsgTypePortAnyRight(int x) {
        return x >= MACH_MSG_TYPE_MOVE_RECEIVE && x <= MACH_MSG_TYPE_MOVE_SEND_ONCE;
    }

    // --- mach_msg options ---------------------------------------------------

    public static final int MACH_MSG_OPTION_NONE = 0;
    public static final int MACH_SEND_MSG = 0x00000001;
    public static final int MACH_RCV_MSG = 0x00000002;
    public static final int MACH_SEND_TIMEOUT = 0x00000010;
    public static final int MACH_SEND_NOTIFY = 0x00000020;
    public static final int MACH_SEND_INTERRUPT = 0x00000040;
    public static final int MACH_SEND_CANCEL = 0x00000080;
    public static final int MACH_RCV_TIMEOUT = 0x00000100;
    public static final int MACH_RCV_NOTIFY = 0x00000200;
    public static final int MACH_RCV_INTERRUPT = 0x00000400;
    public static final int MACH_RCV_LARGE = 0x00000800;
    public static final int MACH_SEND_ALWAYS = 0x00010000;

    /** No timeout (without MACH_SEND_TIMEOUT / MACH_RCV_TIMEOUT). */
    public static final int MACH_MSG_TIMEOUT_NONE = 0;

    private Message() {
    }

    /** Rounds a size up to MACH_MSG_USER_ALIGNMENT. */
    public static int machMsgAlign(int size) {
        return (size + MACH_MSG_USER_ALIGNMENT - 1) & ~(MACH_MSG_USER_ALIGNMENT - 1);
    }
}
