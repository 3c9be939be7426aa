package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_NAME;
import static org.jmach.mach.KernReturn.KERN_INVALID_RIGHT;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_INVALID_VALUE;
import static org.jmach.mach.KernReturn.KERN_NAME_EXISTS;
import static org.jmach.mach.KernReturn.KERN_NOT_IN_SET;
import static org.jmach.mach.KernReturn.KERN_RIGHT_EXISTS;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_CHANGED;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_RIGHT;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.Notify.MACH_NOTIFY_DEAD_NAME;
import static org.jmach.mach.Notify.MACH_NOTIFY_NO_SENDERS;
import static org.jmach.mach.Notify.MACH_NOTIFY_PORT_DESTROYED;
import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_QLIMIT_MAX;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_NUMBER;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_TYPE_PORT_RIGHTS;
import static org.jmach.mach.Port.MACH_PORT_TYPE_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_UREFS_MAX;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import org.jmach.kernel.mig.MachPortServer;
import org.jmach.kernel.mig.MachPortServerDemux;
import org.jmach.mach.MachPortIds;
import org.jmach.mach.MachPortStatus;

/**
 * The mach_port interface (GNU Mach's {@code ipc/mach_port.c}): the kernel's
 * implementation of {@code mach_port.defs}, which the MIG-generated demux
 * calls for one request sent to a task port. {@code task} is the space of
 * the task the request was sent to ({@code convert_port_to_space}). Rights
 * that come in with the request are taken from it, rights that go back are
 * given to the reply (see {@link IpcKobjectRequest}).
 *
 * <p>Conditions, for every routine: the IPC lock held (the kernel serves
 * requests under it). Every routine may also return KERN_INVALID_TASK when
 * the port is not a live task's.
 */
public final class MachPortRoutines implements MachPortServer<IpcSpace> {

    private final Ipc ipc;
    private final IpcKobjectRequest rq;

    MachPortRoutines(Ipc ipc, IpcKobjectRequest rq) {
        this.ipc = ipc;
        this.rq = rq;
    }

    /** The subsystem as the kernel serves it: mach_port.defs on task ports. */
    static IpcKobjectServer kobjectServer(Ipc ipc) {
        return new IpcKobjectServer(MachPortIds.BASE, MachPortIds.END, MachPortServerDemux.REPLY_SIZE_MAX,
                (rq, in, out) -> MachPortServerDemux.machPortServer(new MachPortRoutines(ipc, rq), rq, in, out));
    }

    /**
     * Routine: convert_port_to_space. Returns: the space of the live task
     * whose port {@code port} is, or null.
     */
    @Override
    public IpcSpace convertPortToSpace(int port) {
        return rq.kobject(port) instanceof IpcTaskObject target ? target.ipcSpace() : null;
    }

    /**
     * Routine: space_deallocate. Purpose: release what convert_port_to_space
     * took. jmach's conversion takes no reference (the task is held by the
     * request's send right until the request ends), so there is nothing to
     * release.
     */
    @Override
    public void spaceDeallocate(IpcSpace space) {
        // No reference was taken.
    }

    /** Runs a routine on the target space, if it is a live task's. Conditions: the IPC lock held. */
    private static int onSpace(IpcSpace space, ToIntFunction<IpcSpace> routine) {
        if (space == null || !space.active) {
            return KERN_INVALID_TASK;
        }
        return routine.applyAsInt(space);
    }

    /** Routine: mach_port_names. Returns: KERN_SUCCESS; KERN_INVALID_TASK. */
    @Override
    public int machPortNames(IpcSpace task, int[][] names, int[][] types) {
        return onSpace(task, space -> {
            int[] all = space.table.names();
            int[] t = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                IpcEntry e = IpcRight.lookup(space, all[i]);
                t[i] = e.reportedType();
            }
            names[0] = all;
            types[0] = t;
            return KERN_SUCCESS;
        });
    }

    /** Routine: mach_port_type. Returns: KERN_SUCCESS; KERN_INVALID_NAME. */
    @Override
    public int machPortType(IpcSpace task, int name, int[] ptype) {
        return onSpace(task, space -> {
            IpcEntry e = IpcRight.lookup(space, name);
            if (e == null) {
                return KERN_INVALID_NAME;
            }
            ptype[0] = e.reportedType();
            return KERN_SUCCESS;
        });
    }

    /**
     * Routine: mach_port_rename. Returns: KERN_SUCCESS; KERN_INVALID_VALUE if
     * the new name is NULL or DEAD; KERN_INVALID_NAME if the old one denotes
     * nothing; KERN_NAME_EXISTS if the new one is taken.
     */
    @Override
    public int machPortRename(IpcSpace task, int oldName, int newName) {
        return onSpace(task, space -> {
            if (newName == MACH_PORT_NULL || newName == MACH_PORT_DEAD) {
                return KERN_INVALID_VALUE;
            }
            IpcEntry e = IpcRight.lookup(space, oldName);
            if (e == null) {
                return KERN_INVALID_NAME;
            }
            if (space.lookup(newName) != null) {
                return KERN_NAME_EXISTS;
            }
            space.rename(e, newName);
            if (e.has(MACH_PORT_TYPE_RECEIVE)) {
                e.port().receiverName = newName;
            } else if (e.has(MACH_PORT_TYPE_PORT_SET)) {
                ((IpcPset) e.object).name = newName;
            }
            return KERN_SUCCESS;
        });
    }

    /**
     * Routine: mach_port_allocate_name. Returns: KERN_SUCCESS;
     * KERN_INVALID_VALUE for a bad right or a NULL/DEAD name; KERN_NAME_EXISTS.
     */
    @Override
    public int machPortAllocateName(IpcSpace task, int right, int name) {
        return onSpace(task, space -> {
            if (name == MACH_PORT_NULL || name == MACH_PORT_DEAD) {
                return KERN_INVALID_VALUE;
            }
            if (right != MACH_PORT_RIGHT_RECEIVE && right != MACH_PORT_RIGHT_PORT_SET
                    && right != MACH_PORT_RIGHT_DEAD_NAME) {
                return KERN_INVALID_VALUE;
            }
            if (space.lookup(name) != null) {
                return KERN_NAME_EXISTS;
            }
            allocateAt(space, right, name);
            return KERN_SUCCESS;
        });
    }

    /** Routine: mach_port_allocate. Returns: KERN_SUCCESS; KERN_INVALID_VALUE for a bad right. */
    @Override
    public int machPortAllocate(IpcSpace task, int right, int[] name) {
        return onSpace(task, space -> {
            if (right != MACH_PORT_RIGHT_RECEIVE && right != MACH_PORT_RIGHT_PORT_SET
                    && right != MACH_PORT_RIGHT_DEAD_NAME) {
                return KERN_INVALID_VALUE;
            }
            name[0] = allocateAt(space, right, space.allocateName());
            return KERN_SUCCESS;
        });
    }

    private int allocateAt(IpcSpace space, int right, int name) {
        switch (right) {
            case MACH_PORT_RIGHT_RECEIVE -> {
                IpcPort port = new IpcPort(ipc.defaultQlimit());
                port.receiver = space;
                port.receiverName = name;
                space.enter(name, MACH_PORT_TYPE_RECEIVE, 0, port);
            }
            case MACH_PORT_RIGHT_PORT_SET -> space.enter(name, MACH_PORT_TYPE_PORT_SET, 0, new IpcPset(space, name));
            default -> space.enter(name, MACH_PORT_TYPE_DEAD_NAME, 1, null);
        }
        return name;
    }

    /** Routine: mach_port_destroy. Returns: KERN_SUCCESS; KERN_INVALID_NAME. */
    @Override
    public int machPortDestroy(IpcSpace task, int name) {
        return onSpace(task, space -> {
            IpcEntry e = space.lookup(name);
            return e == null ? KERN_INVALID_NAME : IpcRight.destroy(ipc, space, e);
        });
    }

    /** Routine: mach_port_deallocate. Returns: KERN_SUCCESS; KERN_INVALID_NAME; KERN_INVALID_RIGHT. */
    @Override
    public int machPortDeallocate(IpcSpace task, int name) {
        return onSpace(task, space -> {
            IpcEntry e = space.lookup(name);
            return e == null ? KERN_INVALID_NAME : IpcRight.dealloc(ipc, space, e);
        });
    }

    /** Routine: mach_port_get_refs. Returns: KERN_SUCCESS; KERN_INVALID_VALUE; KERN_INVALID_NAME. */
    @Override
    public int machPortGetRefs(IpcSpace task, int name, int right, int[] refs) {
        return onSpace(task, space -> {
            if (right < 0 || right >= MACH_PORT_RIGHT_NUMBER) {
                return KERN_INVALID_VALUE;
            }
            IpcEntry e = space.lookup(name);
            if (e == null) {
                return KERN_INVALID_NAME;
            }
            refs[0] = IpcRight.refs(space, e, right);
            return KERN_SUCCESS;
        });
    }

    /**
     * Routine: mach_port_mod_refs. Returns: KERN_SUCCESS; KERN_INVALID_VALUE;
     * KERN_INVALID_NAME; KERN_INVALID_RIGHT; KERN_UREFS_OVERFLOW.
     */
    @Override
    public int machPortModRefs(IpcSpace task, int name, int right, int delta) {
        return onSpace(task, space -> {
            if (right < 0 || right >= MACH_PORT_RIGHT_NUMBER) {
                return KERN_INVALID_VALUE;
            }
            IpcEntry e = space.lookup(name);
            return e == null ? KERN_INVALID_NAME : IpcRight.delta(ipc, space, e, right, delta);
        });
    }

    /** The port of a receive right in {@code space}, or an error code in {@code err[0]}. */
    private static IpcPort receiveRight(IpcSpace space, int name, int[] err) {
        IpcEntry e = IpcRight.lookup(space, name);
        if (e == null) {
            err[0] = KERN_INVALID_NAME;
            return null;
        }
        if (!e.has(MACH_PORT_TYPE_RECEIVE)) {
            err[0] = KERN_INVALID_RIGHT;
            return null;
        }
        return e.port();
    }

    /** Routine: mach_port_set_qlimit. Returns: KERN_SUCCESS; KERN_INVALID_NAME; KERN_INVALID_RIGHT; KERN_INVALID_VALUE. */
    @Override
    public int machPortSetQlimit(IpcSpace task, int name, int qlimit) {
        return onSpace(task, space -> {
            int[] err = new int[1];
            IpcPort port = receiveRight(space, name, err);
            if (port == null) {
                return err[0];
            }
            if (qlimit < 0 || qlimit > MACH_PORT_QLIMIT_MAX) {
                return KERN_INVALID_VALUE;
            }
            port.qlimit = qlimit;
            IpcMqueue.roomMade(ipc, port);
            return KERN_SUCCESS;
        });
    }

    /** Routine: mach_port_set_mscount. Returns: KERN_SUCCESS; KERN_INVALID_NAME; KERN_INVALID_RIGHT. */
    @Override
    public int machPortSetMscount(IpcSpace task, int name, int mscount) {
        return onSpace(task, space -> {
            int[] err = new int[1];
            IpcPort port = receiveRight(space, name, err);
            if (port == null) {
                return err[0];
            }
            port.mscount = mscount;
            return KERN_SUCCESS;
        });
    }

    /** Routine: mach_port_set_seqno. Returns: KERN_SUCCESS; KERN_INVALID_NAME; KERN_INVALID_RIGHT. */
    @Override
    public int machPortSetSeqno(IpcSpace task, int name, int seqno) {
        return onSpace(task, space -> {
            int[] err = new int[1];
            IpcPort port = receiveRight(space, name, err);
            if (port == null) {
                return err[0];
            }
            port.seqno = seqno;
            return KERN_SUCCESS;
        });
    }

    /** Routine: mach_port_get_receive_status. Returns: KERN_SUCCESS; KERN_INVALID_NAME; KERN_INVALID_RIGHT. */
    @Override
    public int machPortGetReceiveStatus(IpcSpace task, int name, int[][] status) {
        return onSpace(task, space -> {
            int[] err = new int[1];
            IpcPort port = receiveRight(space, name, err);
            if (port == null) {
                return err[0];
            }
            status[0] = status(space, port).encode();
            return KERN_SUCCESS;
        });
    }

    static MachPortStatus status(IpcSpace space, IpcPort port) {
        int pset = port.pset != null && port.pset.space == space ? port.pset.name : MACH_PORT_NULL;
        return new MachPortStatus(pset, port.seqno, port.mscount, port.qlimit, port.msgcount(),
                port.sorights, port.srights > 0, port.pdrequest != null, port.nsrequest != null);
    }

    /** Routine: mach_port_get_set_status. Returns: KERN_SUCCESS; KERN_INVALID_NAME; KERN_INVALID_RIGHT. */
    @Override
    public int machPortGetSetStatus(IpcSpace task, int name, int[][] members) {
        return onSpace(task, space -> {
            IpcEntry e = IpcRight.lookup(space, name);
            if (e == null) {
                return KERN_INVALID_NAME;
            }
            if (!e.has(MACH_PORT_TYPE_PORT_SET)) {
                return KERN_INVALID_RIGHT;
            }
            IpcPset pset = (IpcPset) e.object;
            members[0] = pset.members.stream().mapToInt(p -> p.receiverName).sorted().toArray();
            return KERN_SUCCESS;
        });
    }

    /**
     * Routine: mach_port_move_member. Purpose: put a receive right in a port
     * set (leaving any other), or with MACH_PORT_NULL take it out. Threads
     * receiving on the port itself get MACH_RCV_PORT_CHANGED.
     * Returns: KERN_SUCCESS; KERN_INVALID_NAME; KERN_INVALID_RIGHT;
     * KERN_NOT_IN_SET when removing a port that is in no set.
     */
    @Override
    public int machPortMoveMember(IpcSpace task, int member, int after) {
        return onSpace(task, space -> {
            int[] err = new int[1];
            IpcPort port = receiveRight(space, member, err);
            if (port == null) {
                return err[0];
            }
            IpcPset target = null;
            if (after != MACH_PORT_NULL) {
                IpcEntry a = IpcRight.lookup(space, after);
                if (a == null) {
                    return KERN_INVALID_NAME;
                }
                if (!a.has(MACH_PORT_TYPE_PORT_SET)) {
                    return KERN_INVALID_RIGHT;
                }
                target = (IpcPset) a.object;
            } else if (port.pset == null) {
                return KERN_NOT_IN_SET;
            }
            if (port.pset != null) {
                port.pset.members.remove(port);
            }
            port.pset = target;
            if (target != null) {
                target.members.add(port);
                IpcMqueue.wakeAll(ipc, port.receivers, MACH_RCV_PORT_CHANGED);
                if (!port.messages.isEmpty()) {
                    IpcWaiter w = target.receivers.pollFirst();
                    if (w != null && w.wake(IpcWaiter.WOKEN) && w.continuation != null) {
                        ipc.resumeLater(w);
                    }
                }
            }
            return KERN_SUCCESS;
        });
    }

    /**
     * Routine: mach_port_request_notification. Purpose: register (or with a
     * NULL notify, cancel) a port-destroyed or no-senders request on a
     * receive right, or a dead-name request on any port right; the request
     * it replaces goes back in the reply as the send-once right
     * {@code previous}. A no-senders request fires at once if there are no
     * send rights and the make-send count has reached {@code sync}; a
     * dead-name request with a non-zero {@code sync} on a name that is
     * already dead fires at once (the name gains a user reference).
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_VALUE for an unknown variant or
     * a notify disposition that is not a send-once one; KERN_INVALID_NAME;
     * KERN_INVALID_RIGHT if the name lacks the right the variant needs;
     * KERN_INVALID_ARGUMENT for a dead-name request on a dead name without
     * {@code sync} or without a notify port; KERN_UREFS_OVERFLOW if that
     * dead name cannot take another user reference; KERN_INVALID_VALUE for
     * a port-destroyed request with {@code sync}; MACH_SEND_INVALID_RIGHT
     * for a dead notify right.
     *
     * <p>Conditions: takes the notify right from the request; on any error
     * destroys it (the sender's made send-once right then notifies its port).
     */
    @Override
    public int machPortRequestNotification(IpcSpace task, int name, int variant, int sync, int notify,
            int notifyPoly, int[] previous) {
        IpcObject notifyRight = rq.take(notify);
        int kr = requestNotification(task, name, variant, sync, notifyRight, notifyPoly, previous);
        if (kr != KERN_SUCCESS) {
            IpcRight.destroyCarried(ipc, notifyRight, notifyPoly);
        }
        return kr;
    }

    private int requestNotification(IpcSpace task, int name, int variant, int sync, IpcObject notify,
            int notifyPoly, int[] previous) {
        return onSpace(task, space -> {
            if (variant != MACH_NOTIFY_PORT_DESTROYED && variant != MACH_NOTIFY_NO_SENDERS
                    && variant != MACH_NOTIFY_DEAD_NAME) {
                return KERN_INVALID_VALUE;
            }
            IpcEntry e = IpcRight.lookup(space, name);
            if (e == null) {
                return KERN_INVALID_NAME;
            }
            int needed = variant == MACH_NOTIFY_DEAD_NAME ? MACH_PORT_TYPE_PORT_RIGHTS | MACH_PORT_TYPE_DEAD_NAME
                    : MACH_PORT_TYPE_RECEIVE;
            if (!e.has(needed)) {
                return KERN_INVALID_RIGHT;
            }
            if (variant == MACH_NOTIFY_PORT_DESTROYED && sync != 0) {
                return KERN_INVALID_VALUE;
            }
            if (variant == MACH_NOTIFY_DEAD_NAME && e.has(MACH_PORT_TYPE_DEAD_NAME)) {
                // ipc_right_dnrequest: only an immediate request with a notify port can use a dead name.
                if (sync == 0 || notify == null) {
                    return KERN_INVALID_ARGUMENT;
                }
                if (e.urefs >= MACH_PORT_UREFS_MAX) {
                    return org.jmach.mach.KernReturn.KERN_UREFS_OVERFLOW;
                }
            }
            IpcPort so = null;
            if (notify != null) {
                if (notifyPoly != MACH_MSG_TYPE_PORT_SEND_ONCE) {
                    return KERN_INVALID_VALUE;
                }
                if (notify == IpcObject.DEAD) {
                    return MACH_SEND_INVALID_RIGHT;
                }
                so = (IpcPort) notify;
            }
            IpcPort old = register(space, e, variant, sync, so);
            previous[0] = rq.give(old);
            return KERN_SUCCESS;
        });
    }

    /** Installs the request; returns the send-once right it replaces, or null. */
    private IpcPort register(IpcSpace space, IpcEntry e, int variant, int sync, IpcPort so) {
        IpcPort old;
        if (variant == MACH_NOTIFY_PORT_DESTROYED) {
            IpcPort port = e.port();
            old = port.pdrequest;
            port.pdrequest = so;
        } else if (variant == MACH_NOTIFY_NO_SENDERS) {
            IpcPort port = e.port();
            old = port.nsrequest;
            port.nsrequest = so;
            if (so != null && port.srights == 0 && Integer.compareUnsigned(port.mscount, sync) >= 0) {
                port.nsrequest = null;
                IpcNotify.noSenders(ipc, so, port.mscount);
            }
        } else if (e.has(MACH_PORT_TYPE_DEAD_NAME)) {
            old = null;
            e.urefs++;
            IpcNotify.deadName(ipc, so, e.name);
        } else {
            IpcPort port = e.port();
            old = e.dnrequest;
            e.dnrequest = so;
            if (old == null && so != null) {
                port.dnrequests.add(e);
            } else if (old != null && so == null) {
                port.dnrequests.remove(e);
            }
        }
        return old;
    }

    /**
     * Routine: mach_port_insert_right. Purpose: give the target task the
     * right {@code poly} (which the request carries, of type {@code polyPoly}) under
     * the name {@code name}. As in Mach, the right is consumed even when the
     * insertion fails.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_VALUE for a NULL/DEAD name or a
     * disposition that is not a port one; MACH_SEND_INVALID_RIGHT if the
     * request carries no valid right; KERN_NAME_EXISTS if the name denotes
     * another right; KERN_RIGHT_EXISTS if the task holds the port under
     * another name; KERN_UREFS_OVERFLOW.
     */
    @Override
    public int machPortInsertRight(IpcSpace task, int name, int poly, int polyPoly) {
        return onSpace(task, space -> {
            if (name == MACH_PORT_NULL || name == MACH_PORT_DEAD
                    || !org.jmach.mach.Message.machMsgTypePortAny(polyPoly)) {
                return KERN_INVALID_VALUE;
            }
            IpcObject right = rq.take(poly);
            if (!IpcObject.valid(right)) {
                return MACH_SEND_INVALID_RIGHT;
            }
            int type = IpcRight.copyinType(polyPoly);
            int kr = copyoutName(space, (IpcPort) right, type, name);
            if (kr != KERN_SUCCESS) {
                IpcRight.destroyCarried(ipc, right, type);
            }
            return kr;
        });
    }

    /** Routine: ipc_object_copyout_name. Puts a carried right into {@code space} at {@code name}. */
    private int copyoutName(IpcSpace space, IpcPort port, int type, int name) {
        IpcEntry at = IpcRight.lookup(space, name);
        IpcEntry existing = type == MACH_MSG_TYPE_PORT_SEND_ONCE ? null : space.entryFor(port);
        if (existing != null && existing != at) {
            return KERN_RIGHT_EXISTS;
        }
        if (at != null && (at.object != port || type == MACH_MSG_TYPE_PORT_SEND_ONCE)) {
            return KERN_NAME_EXISTS;
        }
        if (!port.active) {
            IpcRight.destroyCarried(ipc, port, type);
            space.enter(name, MACH_PORT_TYPE_DEAD_NAME, 1, null);
            return KERN_SUCCESS;
        }
        switch (type) {
            case MACH_MSG_TYPE_PORT_SEND -> {
                if (at == null) {
                    space.enter(name, MACH_PORT_TYPE_SEND, 1, port);
                } else if (at.has(MACH_PORT_TYPE_SEND)) {
                    if (at.urefs >= MACH_PORT_UREFS_MAX) {
                        return org.jmach.mach.KernReturn.KERN_UREFS_OVERFLOW;
                    }
                    at.urefs++;
                    port.srights--;
                } else {
                    at.type |= MACH_PORT_TYPE_SEND;
                    at.urefs = 1;
                }
            }
            case MACH_MSG_TYPE_PORT_SEND_ONCE -> space.enter(name, MACH_PORT_TYPE_SEND_ONCE, 1, port);
            case MACH_MSG_TYPE_PORT_RECEIVE -> {
                if (at == null) {
                    space.enter(name, MACH_PORT_TYPE_RECEIVE, 0, port);
                } else {
                    at.type |= MACH_PORT_TYPE_RECEIVE;
                    space.reindex(at);
                }
                port.receiver = space;
                port.receiverName = name;
                port.destination = null;
            }
            default -> throw new IllegalStateException("not a carried right: " + type);
        }
        return KERN_SUCCESS;
    }

    /**
     * Routine: mach_port_extract_right. Purpose: take a right out of the
     * target task's space, by {@code desiredType}, into the reply (the
     * caller receives it in its space).
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_VALUE for a disposition that is
     * not a port one; KERN_INVALID_NAME; KERN_INVALID_RIGHT.
     */
    @Override
    public int machPortExtractRight(IpcSpace task, int name, int desiredType, int[] poly, int[] polyPoly) {
        return onSpace(task, space -> {
            if (!org.jmach.mach.Message.machMsgTypePortAny(desiredType)) {
                return KERN_INVALID_VALUE;
            }
            IpcObject[] out = new IpcObject[1];
            int kr = IpcRight.copyin(ipc, space, name, desiredType, false, null, out);
            if (kr != KERN_SUCCESS) {
                return kr;
            }
            int type = IpcRight.copyinType(desiredType);
            poly[0] = rq.give(out[0]);
            polyPoly[0] = type;
            return KERN_SUCCESS;
        });
    }

    /** Every name of a space and its entry, for the debugging view. Conditions: the IPC lock held. */
    static List<IpcEntry> entries(IpcSpace space) {
        List<IpcEntry> list = new ArrayList<>();
        for (int name : space.table.names()) {
            list.add(IpcRight.lookup(space, name));
        }
        return list;
    }
}
