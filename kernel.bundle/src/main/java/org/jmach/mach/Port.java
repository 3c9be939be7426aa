package org.jmach.mach;

/**
 * Port names, rights and types ({@code <mach/port.h>}), with Mach's values.
 *
 * <p>A name is 32 bits: an index in the task's IPC space in the upper 24
 * bits and a generation in the low 8 ({@link #machPortIndex},
 * {@link #machPortGen}), so a stale name never reaches a right that later
 * reuses the same slot.
 */
public final class Port {

    public static final int MACH_PORT_NULL = 0;
    public static final int MACH_PORT_DEAD = ~0;

    /** A name that denotes a right (neither NULL nor DEAD). */
    public static boolean machPortValid(int name) {
        return name != MACH_PORT_NULL && name != MACH_PORT_DEAD;
    }

    public static int machPortIndex(int name) {
        return name >>> 8;
    }

    public static int machPortGen(int name) {
        return name & 0xff;
    }

    public static int machPortMake(int index, int gen) {
        return (index << 8) | (gen & 0xff);
    }

    // mach_port_right_t
    public static final int MACH_PORT_RIGHT_SEND = 0;
    public static final int MACH_PORT_RIGHT_RECEIVE = 1;
    public static final int MACH_PORT_RIGHT_SEND_ONCE = 2;
    public static final int MACH_PORT_RIGHT_PORT_SET = 3;
    public static final int MACH_PORT_RIGHT_DEAD_NAME = 4;
    public static final int MACH_PORT_RIGHT_NUMBER = 5;

    /** MACH_PORT_TYPE(right). */
    public static int machPortType(int right) {
        return 1 << (right + 16);
    }

    // mach_port_type_t
    public static final int MACH_PORT_TYPE_NONE = 0;
    public static final int MACH_PORT_TYPE_SEND = 1 << 16;
    public static final int MACH_PORT_TYPE_RECEIVE = 1 << 17;
    public static final int MACH_PORT_TYPE_SEND_ONCE = 1 << 18;
    public static final int MACH_PORT_TYPE_PORT_SET = 1 << 19;
    public static final int MACH_PORT_TYPE_DEAD_NAME = 1 << 20;
    /** A dead-name request is registered for the name. */
    public static final int MACH_PORT_TYPE_DNREQUEST = 0x80000000;
    /** A msg-accepted request is registered for the name. */
    public static final int MACH_PORT_TYPE_MAREQUEST = 0x40000000;

    public static final int MACH_PORT_TYPE_SEND_RECEIVE = MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE;
    public static final int MACH_PORT_TYPE_SEND_RIGHTS = MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE;
    public static final int MACH_PORT_TYPE_PORT_RIGHTS = MACH_PORT_TYPE_SEND_RIGHTS | MACH_PORT_TYPE_RECEIVE;
    public static final int MACH_PORT_TYPE_PORT_OR_DEAD = MACH_PORT_TYPE_PORT_RIGHTS | MACH_PORT_TYPE_DEAD_NAME;
    public static final int MACH_PORT_TYPE_ALL_RIGHTS = MACH_PORT_TYPE_PORT_OR_DEAD | MACH_PORT_TYPE_PORT_SET;

    /** Most user references a name may carry (mach_port_urefs_t). */
    public static final int MACH_PORT_UREFS_MAX = 0xffff;

    /**
     * The queue limit a new port gets. GNU Mach uses 5; jmach uses 8, and
     * the kernel's configuration may change it.
     */
    public static final int MACH_PORT_QLIMIT_DEFAULT = 8;
    /** The largest queue limit a port may have (GNU Mach: 16; jmach: 1024). */
    public static final int MACH_PORT_QLIMIT_MAX = 1024;

    private Port() {
    }

    /** A short readable form of a type, like "send+receive". */
    public static String typeName(int type) {
        StringBuilder s = new StringBuilder();
        append(s, type, MACH_PORT_TYPE_SEND, "send");
        append(s, type, MACH_PORT_TYPE_RECEIVE, "receive");
        append(s, type, MACH_PORT_TYPE_SEND_ONCE, "send-once");
        append(s, type, MACH_PORT_TYPE_PORT_SET, "port-set");
        append(s, type, MACH_PORT_TYPE_DEAD_NAME, "dead-name");
        append(s, type, MACH_PORT_TYPE_DNREQUEST, "dnrequest");
        append(s, type, MACH_PORT_TYPE_MAREQUEST, "marequest");
        return s.length() == 0 ? "none" : s.toString();
    }

    private static void append(StringBuilder s, int type, int bit, String name) {
        if ((type & bit) != 0) {
            if (s.length() > 0) {
                s.append('+');
            }
            s.append(name);
        }
    }
}
