package org.jmach.mach;

/**
 * Notification message ids and layouts ({@code <mach/notify.h>}), with
 * Mach's (octal) values. Every notification is sent to a send-once right;
 * the sizes are those of the LP64 structures.
 */
public final class Notify {

    public static final int MACH_NOTIFY_FIRST = 0100;
    /** A send-once right or dead-name request's name was deleted; body: the name. */
    public static final int MACH_NOTIFY_PORT_DELETED = 0101;
    /** A message sent with MACH_SEND_NOTIFY was accepted; body: the send right's name. */
    public static final int MACH_NOTIFY_MSG_ACCEPTED = 0102;
    public static final int MACH_NOTIFY_OWNERSHIP_RIGHTS = 0103;
    public static final int MACH_NOTIFY_RECEIVE_RIGHTS = 0104;
    /** A receive right would have been destroyed; body: the receive right itself. */
    public static final int MACH_NOTIFY_PORT_DESTROYED = 0105;
    /** No send rights remain; body: the make-send count. */
    public static final int MACH_NOTIFY_NO_SENDERS = 0106;
    /** A send-once right died without being used; no body. */
    public static final int MACH_NOTIFY_SEND_ONCE = 0107;
    /** A send or send-once right became a dead name; body: the name. */
    public static final int MACH_NOTIFY_DEAD_NAME = 0110;
    public static final int MACH_NOTIFY_LAST = 0177;

    /** Header, a type and a 4-byte name or count, padded to 8. */
    public static final int NOTIFICATION_WITH_BODY_SIZE = 48;
    /** The send-once notification: a header alone. */
    public static final int SEND_ONCE_NOTIFICATION_SIZE = 32;
    /** Offset of not_port / not_count in a notification with a body. */
    public static final int NOT_BODY_OFFSET = 40;

    private Notify() {
    }
}
