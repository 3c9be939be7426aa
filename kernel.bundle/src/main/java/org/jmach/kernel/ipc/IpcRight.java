package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_NAME;
import static org.jmach.mach.KernReturn.KERN_INVALID_RIGHT;
import static org.jmach.mach.KernReturn.KERN_INVALID_VALUE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_UREFS_OVERFLOW;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_DIED;
import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_TYPE_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_UREFS_MAX;

/**
 * Operations on the rights of one entry (GNU Mach's {@code ipc/ipc_right.c}):
 * checking for dead ports, destroying, releasing and adjusting user
 * references, and moving rights into and out of messages.
 *
 * <p>Conditions for every routine: the IPC lock held; the space active
 * unless said otherwise. Routines that take an {@link IpcUndo} record what
 * they change in it, when it is not null, and defer their notifications to
 * its commit.
 */
final class IpcRight {

    private IpcRight() {
    }

    /**
     * Routine: ipc_right_check. Purpose: if the entry holds send or
     * send-once rights for a port that has died, turn it into a dead name
     * (send rights keep their user references; a send-once right leaves one).
     * Returns: true if the entry changed.
     */
    static boolean check(IpcSpace space, IpcEntry entry) {
        if (!entry.has(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE) || entry.has(MACH_PORT_TYPE_RECEIVE)) {
            return false;
        }
        IpcPort port = entry.port();
        if (port.active) {
            return false;
        }
        int urefs = entry.has(MACH_PORT_TYPE_SEND) ? entry.urefs : 1;
        if (space.reverse.get(port) == entry) {
            space.reverse.remove(port);
        }
        if (entry.dnrequest != null) {
            // The dead-name notification was sent when the port died; it carries a uref.
            entry.dnrequest = null;
            urefs++;
        }
        entry.marequest = null;
        entry.type = MACH_PORT_TYPE_DEAD_NAME;
        entry.urefs = Math.min(urefs, MACH_PORT_UREFS_MAX);
        entry.object = null;
        return true;
    }

    /** Looks a name up and checks it for a dead port. Returns: the entry, or null. */
    static IpcEntry lookup(IpcSpace space, int name) {
        IpcEntry e = space.lookup(name);
        if (e != null) {
            check(space, e);
        }
        return e;
    }

    /**
     * Routine: ipc_right_destroy. Purpose: destroy every right the entry
     * holds and remove the name. A receive right's port dies (or goes to
     * its port-destroyed request); a send-once right sends a send-once
     * notification; a pending dead-name request gets port-deleted.
     * Returns: KERN_SUCCESS.
     */
    static int destroy(Ipc ipc, IpcSpace space, IpcEntry entry) {
        check(space, entry);
        space.remove(entry);
        cancelRequests(ipc, entry, null);
        if (entry.has(MACH_PORT_TYPE_PORT_SET)) {
            ((IpcPset) entry.object).destroy(ipc);
        } else if (entry.has(MACH_PORT_TYPE_RECEIVE)) {
            IpcPort port = entry.port();
            if (entry.has(MACH_PORT_TYPE_SEND)) {
                // As GNU Mach: the last send right going here fires no-senders before the port dies.
                releaseSend(ipc, port);
            }
            port.clearReceiver(ipc);
            port.destroy(ipc);
        } else if (entry.has(MACH_PORT_TYPE_SEND)) {
            releaseSend(ipc, entry.port());
        } else if (entry.has(MACH_PORT_TYPE_SEND_ONCE)) {
            releaseSendOnce(ipc, entry.port());
        }
        return KERN_SUCCESS;
    }

    /**
     * Routine: ipc_right_dealloc. Purpose: release one user reference of a
     * send right, a send-once right or a dead name.
     * Returns: KERN_SUCCESS; KERN_INVALID_RIGHT for a receive right alone or
     * a port set.
     */
    static int dealloc(Ipc ipc, IpcSpace space, IpcEntry entry) {
        check(space, entry);
        if (entry.has(MACH_PORT_TYPE_DEAD_NAME)) {
            if (--entry.urefs == 0) {
                space.remove(entry);
            }
            return KERN_SUCCESS;
        }
        if (entry.has(MACH_PORT_TYPE_SEND_ONCE)) {
            space.remove(entry);
            cancelRequests(ipc, entry, null);
            releaseSendOnce(ipc, entry.port());
            return KERN_SUCCESS;
        }
        if (entry.has(MACH_PORT_TYPE_SEND)) {
            dropSendRef(ipc, space, entry, 1);
            return KERN_SUCCESS;
        }
        return KERN_INVALID_RIGHT;
    }

    /**
     * Routine: ipc_right_delta. Purpose: change the user references of one
     * kind of right the entry holds.
     * Returns: KERN_SUCCESS; KERN_INVALID_RIGHT if the entry does not hold
     * the right; KERN_INVALID_VALUE for a delta that would go below zero or
     * is not 0 or -1 for a receive, send-once or port-set right;
     * KERN_UREFS_OVERFLOW above MACH_PORT_UREFS_MAX.
     */
    static int delta(Ipc ipc, IpcSpace space, IpcEntry entry, int right, int delta) {
        check(space, entry);
        switch (right) {
            case MACH_PORT_RIGHT_PORT_SET:
            case MACH_PORT_RIGHT_RECEIVE:
            case MACH_PORT_RIGHT_SEND_ONCE: {
                int bit = right == MACH_PORT_RIGHT_PORT_SET ? MACH_PORT_TYPE_PORT_SET
                        : right == MACH_PORT_RIGHT_RECEIVE ? MACH_PORT_TYPE_RECEIVE : MACH_PORT_TYPE_SEND_ONCE;
                if (!entry.has(bit)) {
                    return KERN_INVALID_RIGHT;
                }
                if (delta == 0) {
                    return KERN_SUCCESS;
                }
                if (delta != -1) {
                    return KERN_INVALID_VALUE;
                }
                if (right == MACH_PORT_RIGHT_RECEIVE && entry.has(MACH_PORT_TYPE_SEND)) {
                    destroyReceiveKeepSend(ipc, space, entry);
                    return KERN_SUCCESS;
                }
                return right == MACH_PORT_RIGHT_SEND_ONCE ? dealloc(ipc, space, entry) : destroy(ipc, space, entry);
            }
            case MACH_PORT_RIGHT_DEAD_NAME: {
                int kr = checkUrefsDelta(entry, MACH_PORT_TYPE_DEAD_NAME, delta);
                if (kr != KERN_SUCCESS) {
                    return kr;
                }
                entry.urefs += delta;
                if (entry.urefs == 0) {
                    space.remove(entry);
                }
                return KERN_SUCCESS;
            }
            case MACH_PORT_RIGHT_SEND: {
                int kr = checkUrefsDelta(entry, MACH_PORT_TYPE_SEND, delta);
                if (kr != KERN_SUCCESS) {
                    return kr;
                }
                if (delta < 0) {
                    dropSendRef(ipc, space, entry, -delta);
                } else {
                    entry.urefs += delta;
                }
                return KERN_SUCCESS;
            }
            default:
                return KERN_INVALID_VALUE;
        }
    }

    /** Whether {@code delta} may be added to the user references of the entry's {@code type} right. */
    private static int checkUrefsDelta(IpcEntry entry, int type, int delta) {
        if (!entry.has(type)) {
            return KERN_INVALID_RIGHT;
        }
        long urefs = (long) entry.urefs + delta;
        if (urefs < 0) {
            return KERN_INVALID_VALUE;
        }
        return urefs > MACH_PORT_UREFS_MAX ? KERN_UREFS_OVERFLOW : KERN_SUCCESS;
    }

    /** The user references of one kind of right (0 if the entry lacks it). */
    static int refs(IpcSpace space, IpcEntry entry, int right) {
        check(space, entry);
        switch (right) {
            case MACH_PORT_RIGHT_SEND:
                return entry.has(MACH_PORT_TYPE_SEND) ? entry.urefs : 0;
            case MACH_PORT_RIGHT_RECEIVE:
                return entry.has(MACH_PORT_TYPE_RECEIVE) ? 1 : 0;
            case MACH_PORT_RIGHT_SEND_ONCE:
                return entry.has(MACH_PORT_TYPE_SEND_ONCE) ? 1 : 0;
            case MACH_PORT_RIGHT_PORT_SET:
                return entry.has(MACH_PORT_TYPE_PORT_SET) ? 1 : 0;
            case MACH_PORT_RIGHT_DEAD_NAME:
                return entry.has(MACH_PORT_TYPE_DEAD_NAME) ? entry.urefs : 0;
            default:
                return 0;
        }
    }

    /** Drops {@code n} user references of the entry's send right (n <= urefs). */
    private static void dropSendRef(Ipc ipc, IpcSpace space, IpcEntry entry, int n) {
        entry.urefs -= n;
        if (entry.urefs > 0) {
            return;
        }
        IpcPort port = entry.port();
        if (entry.has(MACH_PORT_TYPE_RECEIVE)) {
            entry.type &= ~MACH_PORT_TYPE_SEND;
            releaseSend(ipc, port);
        } else {
            space.remove(entry);
            cancelRequests(ipc, entry, null);
            releaseSend(ipc, port);
        }
    }

    /** mod_refs(RECEIVE, -1) on a send+receive entry: the port goes, the send right stays (and soon turns dead). */
    private static void destroyReceiveKeepSend(Ipc ipc, IpcSpace space, IpcEntry entry) {
        IpcPort port = entry.port();
        entry.type &= ~MACH_PORT_TYPE_RECEIVE;
        port.clearReceiver(ipc);
        space.reindex(entry);
        port.destroy(ipc);
        check(space, entry);
    }

    /**
     * Cancels the entry's dead-name and msg-accepted requests because its
     * name is going away. The dead-name request's send-once right gets a
     * port-deleted notification (deferred to {@code undo}'s commit if
     * given); a msg-accepted request stays with its message, whose
     * notification will carry MACH_PORT_NULL instead of the name (GNU
     * Mach's ipc_marequest_cancel).
     */
    static void cancelRequests(Ipc ipc, IpcEntry entry, IpcUndo undo) {
        int name = entry.name;
        IpcPort dn = entry.dnrequest;
        if (dn != null) {
            if (entry.object instanceof IpcPort port) {
                port.dnrequests.remove(entry);
            }
            entry.dnrequest = null;
            notify(undo, () -> IpcNotify.portDeleted(ipc, dn, name));
        }
        if (entry.marequest != null) {
            if (entry.object instanceof IpcPort port) {
                port.marequests.remove(entry);
            }
            entry.marequest = null;
        }
    }

    private static void notify(IpcUndo undo, Runnable effect) {
        if (undo != null) {
            undo.defer(effect);
        } else {
            effect.run();
        }
    }

    /**
     * Routine: ipc_port_make_send, for a port whose receive right the kernel
     * holds: one more send right (a dead port gets none counted).
     * Conditions: the IPC lock held.
     */
    static void makeSendLocked(IpcPort port) {
        if (port.active) {
            port.mscount++;
            port.srights++;
        }
    }

    /**
     * Releases one send right (srights); the last one fires a requested
     * no-senders notification with the make-send count.
     */
    static void releaseSend(Ipc ipc, IpcPort port) {
        if (--port.srights == 0 && port.active && port.nsrequest != null) {
            IpcPort notify = port.nsrequest;
            port.nsrequest = null;
            IpcNotify.noSenders(ipc, notify, port.mscount);
        }
    }

    /**
     * Releases a send-once right that was not used: it is used for a
     * send-once notification to its port (which consumes it when received
     * or when the port is dead).
     */
    static void releaseSendOnce(Ipc ipc, IpcPort port) {
        if (!port.active) {
            port.sorights--;
            return;
        }
        IpcNotify.sendOnce(ipc, port);
    }

    /**
     * Releases a right carried by a message (ipc_object_destroy).
     * {@code type} is MACH_MSG_TYPE_PORT_SEND, _SEND_ONCE or _RECEIVE.
     */
    static void destroyCarried(Ipc ipc, IpcObject object, int type) {
        if (!IpcObject.valid(object)) {
            return;
        }
        IpcPort port = (IpcPort) object;
        switch (type) {
            case MACH_MSG_TYPE_PORT_SEND -> releaseSend(ipc, port);
            case MACH_MSG_TYPE_PORT_SEND_ONCE -> releaseSendOnce(ipc, port);
            case MACH_MSG_TYPE_PORT_RECEIVE -> {
                port.destination = null;
                port.destroy(ipc);
            }
            default -> throw new IllegalStateException("not a carried right: " + type);
        }
    }

    /** The right a disposition puts in a message (ipc_object_copyin_type). */
    static int copyinType(int disposition) {
        switch (disposition) {
            case MACH_MSG_TYPE_MOVE_RECEIVE:
                return MACH_MSG_TYPE_PORT_RECEIVE;
            case MACH_MSG_TYPE_MOVE_SEND_ONCE:
            case MACH_MSG_TYPE_MAKE_SEND_ONCE:
                return MACH_MSG_TYPE_PORT_SEND_ONCE;
            case MACH_MSG_TYPE_MOVE_SEND:
            case MACH_MSG_TYPE_MAKE_SEND:
            case MACH_MSG_TYPE_COPY_SEND:
                return MACH_MSG_TYPE_PORT_SEND;
            default:
                return 0;
        }
    }

    /**
     * Routine: ipc_right_copyin. Purpose: take a right out of a space for a
     * message, according to its disposition. With {@code deadOk}, a dead name
     * (or a right to a dead port) copies in as MACH_PORT_DEAD.
     *
     * <p>Returns: KERN_SUCCESS with the object in {@code out[0]};
     * KERN_INVALID_NAME if the name denotes nothing; KERN_INVALID_RIGHT if
     * it does not hold the right the disposition needs (or is dead and not
     * {@code deadOk}); KERN_INVALID_VALUE for a disposition that is not one.
     */
    static int copyin(Ipc ipc, IpcSpace space, int name, int disposition, boolean deadOk,
            IpcUndo undo, IpcObject[] out) {
        IpcEntry entry = space.lookup(name);
        if (entry == null) {
            return KERN_INVALID_NAME;
        }
        check(space, entry);
        switch (disposition) {
            case MACH_MSG_TYPE_MAKE_SEND:
            case MACH_MSG_TYPE_MAKE_SEND_ONCE: {
                if (!entry.has(MACH_PORT_TYPE_RECEIVE)) {
                    return KERN_INVALID_RIGHT;
                }
                IpcPort port = entry.port();
                save(undo, port);
                if (disposition == MACH_MSG_TYPE_MAKE_SEND) {
                    port.mscount++;
                    port.srights++;
                } else {
                    port.sorights++;
                }
                out[0] = port;
                return KERN_SUCCESS;
            }
            case MACH_MSG_TYPE_MOVE_RECEIVE: {
                if (!entry.has(MACH_PORT_TYPE_RECEIVE)) {
                    return KERN_INVALID_RIGHT;
                }
                IpcPort port = entry.port();
                save(undo, space, entry);
                save(undo, port);
                if (entry.has(MACH_PORT_TYPE_SEND)) {
                    entry.type = MACH_PORT_TYPE_SEND;
                    space.reindex(entry);
                } else {
                    space.remove(entry);
                    cancelRequests(ipc, entry, undo);
                }
                port.leaveSpace(ipc, undo);
                out[0] = port;
                return KERN_SUCCESS;
            }
            case MACH_MSG_TYPE_COPY_SEND:
            case MACH_MSG_TYPE_MOVE_SEND:
            case MACH_MSG_TYPE_MOVE_SEND_ONCE: {
                if (entry.has(MACH_PORT_TYPE_DEAD_NAME)) {
                    if (!deadOk) {
                        return KERN_INVALID_RIGHT;
                    }
                    if (disposition != MACH_MSG_TYPE_COPY_SEND) {
                        save(undo, space, entry);
                        if (--entry.urefs == 0) {
                            space.remove(entry);
                        }
                    }
                    out[0] = IpcObject.DEAD;
                    return KERN_SUCCESS;
                }
                if (disposition == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
                    if (!entry.has(MACH_PORT_TYPE_SEND_ONCE)) {
                        return KERN_INVALID_RIGHT;
                    }
                    save(undo, space, entry);
                    save(undo, entry.port());
                    space.remove(entry);
                    cancelRequests(ipc, entry, undo);
                    out[0] = entry.object;
                    return KERN_SUCCESS;
                }
                if (!entry.has(MACH_PORT_TYPE_SEND)) {
                    return KERN_INVALID_RIGHT;
                }
                IpcPort port = entry.port();
                save(undo, port);
                if (disposition == MACH_MSG_TYPE_COPY_SEND || entry.urefs > 1) {
                    port.srights++;
                    if (disposition == MACH_MSG_TYPE_MOVE_SEND) {
                        save(undo, space, entry);
                        entry.urefs--;
                    }
                } else {
                    // The entry's last reference: its send right moves into the message.
                    save(undo, space, entry);
                    entry.urefs = 0;
                    if (entry.has(MACH_PORT_TYPE_RECEIVE)) {
                        entry.type &= ~MACH_PORT_TYPE_SEND;
                    } else {
                        space.remove(entry);
                        cancelRequests(ipc, entry, undo);
                    }
                }
                out[0] = port;
                return KERN_SUCCESS;
            }
            default:
                return KERN_INVALID_VALUE;
        }
    }

    private static void save(IpcUndo undo, IpcSpace space, IpcEntry entry) {
        if (undo != null) {
            undo.save(space, entry);
        }
    }

    private static void save(IpcUndo undo, IpcPort port) {
        if (undo != null) {
            undo.save(port);
        }
    }

    /**
     * Routine: ipc_object_copyout. Purpose: put a right carried by a message
     * into a space and return its name there. A send right joins the
     * space's existing name for the port; a dead port yields MACH_PORT_DEAD
     * and the right is released.
     *
     * <p>Returns: the name; MACH_PORT_NULL for no right; MACH_PORT_DEAD for
     * a dead port or an inactive space (the right is then released).
     */
    static int copyout(Ipc ipc, IpcSpace space, IpcObject object, int type) {
        if (object == null) {
            return MACH_PORT_NULL;
        }
        if (object == IpcObject.DEAD) {
            return MACH_PORT_DEAD;
        }
        IpcPort port = (IpcPort) object;
        if (!space.active || (!port.active && type != MACH_MSG_TYPE_PORT_RECEIVE)) {
            destroyCarried(ipc, port, type);
            return MACH_PORT_DEAD;
        }
        switch (type) {
            case MACH_MSG_TYPE_PORT_SEND: {
                IpcEntry entry = space.entryFor(port);
                if (entry != null && entry.has(MACH_PORT_TYPE_SEND)) {
                    if (entry.urefs < MACH_PORT_UREFS_MAX) {
                        entry.urefs++;
                    }
                    port.srights--; // two send rights merge into the entry's one
                    return entry.name;
                }
                if (entry != null) {
                    entry.type |= MACH_PORT_TYPE_SEND;
                    entry.urefs = 1;
                    return entry.name;
                }
                return space.enter(space.allocateName(), MACH_PORT_TYPE_SEND, 1, port).name;
            }
            case MACH_MSG_TYPE_PORT_SEND_ONCE:
                return space.enter(space.allocateName(), MACH_PORT_TYPE_SEND_ONCE, 1, port).name;
            case MACH_MSG_TYPE_PORT_RECEIVE: {
                IpcEntry entry = space.reverse.get(port);
                int name;
                if (entry != null) {
                    entry.type |= MACH_PORT_TYPE_RECEIVE;
                    space.reindex(entry);
                    name = entry.name;
                } else {
                    name = space.enter(space.allocateName(), MACH_PORT_TYPE_RECEIVE, 0, port).name;
                }
                port.receiver = space;
                port.receiverName = name;
                port.destination = null;
                return name;
            }
            default:
                throw new IllegalStateException("not a carried right: " + type);
        }
    }

    /** Whether the entry holds send and/or receive rights only for its port. */
    static boolean isSendReceive(IpcEntry entry) {
        return (entry.type & ~MACH_PORT_TYPE_SEND_RECEIVE) == 0 && entry.type != 0;
    }
}
