package org.jmach.mach;

/**
 * The mach_msg return codes ({@code mach_msg_return_t}) of
 * {@code <mach/message.h>}: IPC is system 4, send errors subsystem 0,
 * receive errors subsystem 1. Some codes carry extra bits from
 * {@link #MACH_MSG_MASK}.
 */
public final class MachMsgReturn {

    public static final int MACH_MSG_SUCCESS = 0x00000000;

    public static final int MACH_MSG_MASK = 0x00003c00;
    public static final int MACH_MSG_IPC_SPACE = 0x00002000;
    public static final int MACH_MSG_VM_SPACE = 0x00001000;
    public static final int MACH_MSG_IPC_KERNEL = 0x00000800;
    public static final int MACH_MSG_VM_KERNEL = 0x00000400;

    public static final int MACH_SEND_IN_PROGRESS = 0x10000001;
    public static final int MACH_SEND_INVALID_DATA = 0x10000002;
    public static final int MACH_SEND_INVALID_DEST = 0x10000003;
    public static final int MACH_SEND_TIMED_OUT = 0x10000004;
    public static final int MACH_SEND_WILL_NOTIFY = 0x10000005;
    public static final int MACH_SEND_NOTIFY_IN_PROGRESS = 0x10000006;
    public static final int MACH_SEND_INTERRUPTED = 0x10000007;
    public static final int MACH_SEND_MSG_TOO_SMALL = 0x10000008;
    public static final int MACH_SEND_INVALID_REPLY = 0x10000009;
    public static final int MACH_SEND_INVALID_RIGHT = 0x1000000a;
    public static final int MACH_SEND_INVALID_NOTIFY = 0x1000000b;
    public static final int MACH_SEND_INVALID_MEMORY = 0x1000000c;
    public static final int MACH_SEND_NO_BUFFER = 0x1000000d;
    public static final int MACH_SEND_NO_NOTIFY = 0x1000000e;
    public static final int MACH_SEND_INVALID_TYPE = 0x1000000f;
    public static final int MACH_SEND_INVALID_HEADER = 0x10000010;

    public static final int MACH_RCV_IN_PROGRESS = 0x10004001;
    public static final int MACH_RCV_INVALID_NAME = 0x10004002;
    public static final int MACH_RCV_TIMED_OUT = 0x10004003;
    public static final int MACH_RCV_TOO_LARGE = 0x10004004;
    public static final int MACH_RCV_INTERRUPTED = 0x10004005;
    public static final int MACH_RCV_PORT_CHANGED = 0x10004006;
    public static final int MACH_RCV_INVALID_NOTIFY = 0x10004007;
    public static final int MACH_RCV_INVALID_DATA = 0x10004008;
    public static final int MACH_RCV_PORT_DIED = 0x10004009;
    public static final int MACH_RCV_IN_SET = 0x1000400a;
    public static final int MACH_RCV_HEADER_ERROR = 0x1000400b;
    public static final int MACH_RCV_BODY_ERROR = 0x1000400c;

    /** MIG: a type descriptor of the reply is not what the routine returns (mig_errors.h). */
    public static final int MIG_TYPE_ERROR = -300;
    /** MIG: the reply's id is not the request's plus 100. */
    public static final int MIG_REPLY_MISMATCH = -301;
    /** MIG: the server raised an error. */
    public static final int MIG_REMOTE_ERROR = -302;
    /** MIG: the message id is not one the server knows (mig_errors.h). */
    public static final int MIG_BAD_ID = -303;
    /** MIG: the request's size or type descriptors are not the routine's. */
    public static final int MIG_BAD_ARGUMENTS = -304;
    /** MIG: the server will not reply (mig_errors.h). */
    public static final int MIG_NO_REPLY = -305;
    /** MIG: the server raised an exception. */
    public static final int MIG_EXCEPTION = -306;
    /** MIG: an array is larger than its type allows. */
    public static final int MIG_ARRAY_TOO_LARGE = -307;
    /** MIG: the server died (the reply right came back as a send-once notification). */
    public static final int MIG_SERVER_DIED = -308;
    /** MIG: the server asks the caller to destroy the request. */
    public static final int MIG_DESTROY_REQUEST = -309;

    private static final String[] SEND = {
        null, "MACH_SEND_IN_PROGRESS", "MACH_SEND_INVALID_DATA", "MACH_SEND_INVALID_DEST",
        "MACH_SEND_TIMED_OUT", "MACH_SEND_WILL_NOTIFY", "MACH_SEND_NOTIFY_IN_PROGRESS",
        "MACH_SEND_INTERRUPTED", "MACH_SEND_MSG_TOO_SMALL", "MACH_SEND_INVALID_REPLY",
        "MACH_SEND_INVALID_RIGHT", "MACH_SEND_INVALID_NOTIFY", "MACH_SEND_INVALID_MEMORY",
        "MACH_SEND_NO_BUFFER", "MACH_SEND_NO_NOTIFY", "MACH_SEND_INVALID_TYPE",
        "MACH_SEND_INVALID_HEADER",
    };
    private static final String[] RCV = {
        null, "MACH_RCV_IN_PROGRESS", "MACH_RCV_INVALID_NAME", "MACH_RCV_TIMED_OUT",
        "MACH_RCV_TOO_LARGE", "MACH_RCV_INTERRUPTED", "MACH_RCV_PORT_CHANGED",
        "MACH_RCV_INVALID_NOTIFY", "MACH_RCV_INVALID_DATA", "MACH_RCV_PORT_DIED",
        "MACH_RCV_IN_SET", "MACH_RCV_HEADER_ERROR", "MACH_RCV_BODY_ERROR",
    };

    private static final String[] MIG = {
        "MIG_TYPE_ERROR", "MIG_REPLY_MISMATCH", "MIG_REMOTE_ERROR", "MIG_BAD_ID", "MIG_BAD_ARGUMENTS",
        "MIG_NO_REPLY", "MIG_EXCEPTION", "MIG_ARRAY_TOO_LARGE", "MIG_SERVER_DIED", "MIG_DESTROY_REQUEST",
    };

    private MachMsgReturn() {
    }

    /**
     * The Mach name of any return code: a kern_return_t, a mach_msg code
     * (with its special bits named after a {@code |}), or a MIG code.
     */
    public static String name(int code) {
        int bits = code & MACH_MSG_MASK;
        int base = code & ~MACH_MSG_MASK;
        String[] table = (base & 0xffffc000) == 0x10000000 ? SEND
                : (base & 0xffffc000) == 0x10004000 ? RCV : null;
        if (table != null) {
            int index = base & 0x3fff;
            if (index < table.length && table[index] != null) {
                return table[index] + specialBits(bits);
            }
        }
        if (code <= MIG_TYPE_ERROR && code >= MIG_DESTROY_REQUEST) {
            return MIG[MIG_TYPE_ERROR - code];
        }
        return code == MACH_MSG_SUCCESS ? "MACH_MSG_SUCCESS" : KernReturn.name(code);
    }

    private static String specialBits(int bits) {
        StringBuilder s = new StringBuilder();
        if ((bits & MACH_MSG_IPC_SPACE) != 0) {
            s.append("|MACH_MSG_IPC_SPACE");
        }
        if ((bits & MACH_MSG_VM_SPACE) != 0) {
            s.append("|MACH_MSG_VM_SPACE");
        }
        if ((bits & MACH_MSG_IPC_KERNEL) != 0) {
            s.append("|MACH_MSG_IPC_KERNEL");
        }
        if ((bits & MACH_MSG_VM_KERNEL) != 0) {
            s.append("|MACH_MSG_VM_KERNEL");
        }
        return s.toString();
    }
}
