package org.jmach.kernel.ipc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A port: a kernel-protected message queue with one receive right and any
 * number of send and send-once rights (GNU Mach's {@code ipc/ipc_port.h}).
 *
 * <p>The receive right is in one of four states, as in GNU Mach:
 * <ul>
 * <li><b>in a space</b>: {@code receiver} is the space, {@code receiverName}
 *     its name there;</li>
 * <li><b>in transit</b>: carried by a message; {@code receiver} is null and
 *     {@code destination} is the port the message is going to;</li>
 * <li><b>in limbo</b>: carried by a message that is not queued anywhere;
 *     {@code receiver} and {@code destination} are null;</li>
 * <li><b>dead</b>: {@code active} is false; every send right to it turns
 *     into a dead name when its space next looks at it.</li>
 * </ul>
 *
 * <p>{@code srights} counts send rights: one per space entry holding send
 * rights (however many user references it has) and one per right in a
 * message; {@code sorights} likewise for send-once rights. When
 * {@code srights} drops to 0 a requested no-senders notification fires.
 *
 * <p>Conditions: every field is guarded by the IPC lock.
 */
public final class IpcPort extends IpcObject {

    boolean active = true;
    IpcSpace receiver;
    int receiverName;
    IpcPort destination;
    IpcPset pset;

    int mscount;
    int srights;
    int sorights;
    int seqno;
    int qlimit;

    /** Send-once rights for port-destroyed and no-senders notifications. */
    IpcPort pdrequest;
    IpcPort nsrequest;
    /** Entries (in any space) with a dead-name request on this port. */
    final List<IpcEntry> dnrequests = new ArrayList<>(0);
    /** Entries waiting for a msg-accepted notification. */
    final List<IpcEntry> marequests = new ArrayList<>(0);
    /**
     * The kernel's own dead-name request (what GNU Mach would do with a
     * dead-name notification sent to a kernel port): run once, when the
     * port dies, after its other requests have fired and its queue is
     * gone. VM's pager ports carry one ({@link KernelPagerChannel}).
     */
    Runnable kernelDnrequest;

    final ArrayDeque<IpcKmsg> messages = new ArrayDeque<>();
    final ArrayDeque<IpcWaiter> receivers = new ArrayDeque<>(1);
    final ArrayDeque<IpcWaiter> senders = new ArrayDeque<>(0);

    /** The kernel object behind a kernel port (a task, a thread), or null. */
    Object kobject;
    int kotype;

    IpcPort(int qlimit) {
        this.qlimit = qlimit;
    }

    @Override
    boolean isActive() {
        return active;
    }

    /** Whether the kernel receives from this port (a kernel object's port). */
    boolean isKernelPort() {
        return kobject != null;
    }

    int msgcount() {
        return messages.size();
    }

    /**
     * The queue's length as last set under the IPC lock, readable without
     * it (by VM, whose lock comes after the IPC lock: the pageout daemon's
     * laundry count).
     */
    volatile int queued;

    /**
     * Routine: ipc_port_clear_receiver. Purpose: the receive right leaves
     * its space (destroyed or put in limbo): threads receiving from the port
     * get MACH_RCV_PORT_DIED, it leaves its port set, and the make-send count
     * and sequence number start again.
     *
     * <p>Conditions: the IPC lock held.
     */
    void clearReceiver(Ipc ipc) {
        if (pset != null) {
            pset.members.remove(this);
            pset = null;
        }
        IpcMqueue.wakeAll(ipc, receivers, org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_DIED);
        receiver = null;
        receiverName = 0;
        mscount = 0;
        seqno = 0;
    }

    /**
     * The receive right is copied into a message (MOVE_RECEIVE): as
     * {@link #clearReceiver}, but undoable until the copyin commits.
     */
    void leaveSpace(Ipc ipc, IpcUndo undo) {
        if (undo == null) {
            clearReceiver(ipc);
            return;
        }
        if (pset != null) {
            pset.members.remove(this);
            pset = null;
        }
        receiver = null;
        receiverName = 0;
        mscount = 0;
        seqno = 0;
        undo.defer(() -> IpcMqueue.wakeAll(ipc, receivers, org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_DIED));
    }

    /**
     * Routine: ipc_port_destroy. Purpose: the receive right is being
     * destroyed. If a port-destroyed notification was requested, the right
     * goes to it instead, with its queue (unless that would send the port
     * toward itself). Otherwise the port dies: waiting
     * senders and receivers wake, queued messages are destroyed, dead-name
     * requests fire (their entries become dead names with one more user
     * reference), the no-senders request's send-once right is released,
     * and last the kernel's own dead-name request runs (it may send
     * messages and destroy other ports: the IPC lock is reentrant).
     *
     * <p>Conditions: the IPC lock held; the receive right in no space.
     */
    void destroy(Ipc ipc) {
        if (!active) {
            return;
        }
        if (pdrequest != null) {
            IpcPort notify = pdrequest;
            pdrequest = null;
            if (!IpcKmsgCopyin.circular(this, notify)) {
                IpcNotify.portDestroyed(ipc, notify, this);
                return;
            }
            // The notification would carry the port toward itself: release its send-once
            // right unused (ipc_port_release_sonce, no notification) and destroy the port.
            notify.sorights--;
        }
        active = false;
        kobject = null;
        IpcMqueue.wakeAll(ipc, receivers, org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_DIED);
        IpcMqueue.wakeAll(ipc, senders, IpcWaiter.WOKEN);
        for (IpcEntry entry : dnrequests.toArray(new IpcEntry[0])) {
            IpcPort notify = entry.dnrequest;
            entry.dnrequest = null;
            IpcSpace space = entry.object == this && entry.space.lookup(entry.name) == entry ? entry.space : null;
            if (space != null) {
                int urefs = entry.has(org.jmach.mach.Port.MACH_PORT_TYPE_SEND) ? entry.urefs : 1;
                if (space.reverse.get(this) == entry) {
                    space.reverse.remove(this);
                }
                entry.type = org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;
                entry.urefs = Math.min(urefs + 1, org.jmach.mach.Port.MACH_PORT_UREFS_MAX);
                entry.object = null;
            }
            if (notify != null) {
                IpcNotify.deadName(ipc, notify, entry.name);
            }
        }
        dnrequests.clear();
        // Msg-accepted requests ride with the queued messages destroyed below, which send them.
        if (nsrequest != null) {
            IpcPort ns = nsrequest;
            nsrequest = null;
            IpcRight.releaseSendOnce(ipc, ns);
        }
        IpcKmsg kmsg;
        queued = 0;
        while ((kmsg = messages.pollFirst()) != null) {
            IpcKmsgCopyout.destroy(ipc, kmsg);
        }
        if (kernelDnrequest != null) {
            Runnable request = kernelDnrequest;
            kernelDnrequest = null;
            request.run();
        }
    }

    @Override
    public String toString() {
        return "port" + (active ? "" : " (dead)") + (receiver != null
                ? " 0x" + Integer.toHexString(receiverName) + " in " + receiver : " in transit");
    }
}
