package org.jmach.kernel.ipc;

import static org.jmach.mach.Message.MACH_MSGH_BITS_CIRCULAR;

import java.util.ArrayDeque;

/**
 * Message queues (GNU Mach's {@code ipc/ipc_mqueue.c}): putting a message on
 * its port, taking one off, and waking the threads that wait on either end.
 * Blocking itself is in {@link MachMsg}.
 *
 * <p>Conditions for every routine: the IPC lock held.
 */
final class IpcMqueue {

    private IpcMqueue() {
    }

    /**
     * Routine: ipc_mqueue_send (the part that cannot block). Purpose: queue a
     * copied-in message on its destination, ignoring the queue limit (the
     * caller has checked it). A message to a dead port is destroyed; one to a
     * kernel port goes to the kernel's server; a message that would make
     * its port reach itself (a circular receive right) is destroyed.
     *
     * <p>Returns: the woken receiver if it waits with a continuation (the
     * caller runs it, or hands it to {@link Ipc#resumeLater}); else null.
     */
    static IpcWaiter deliver(Ipc ipc, IpcKmsg kmsg) {
        IpcPort port = (IpcPort) kmsg.remotePort;
        if (!port.active) {
            IpcKmsgCopyout.destroy(ipc, kmsg);
            return null;
        }
        if (port.isKernelPort()) {
            IpcKobject.server(ipc, kmsg);
            return null;
        }
        if ((kmsg.bits & MACH_MSGH_BITS_CIRCULAR) != 0) {
            IpcKmsgCopyout.destroy(ipc, kmsg);
            return null;
        }
        kmsg.stamp = ipc.nextStamp();
        port.messages.addLast(kmsg);
        port.queued = port.messages.size();
        markInTransit(kmsg, port);
        IpcWaiter w = port.receivers.pollFirst();
        if (w == null && port.pset != null) {
            w = port.pset.receivers.pollFirst();
        }
        if (w != null && w.wake(IpcWaiter.WOKEN) && w.continuation != null) {
            return w;
        }
        return null;
    }

    /** Receive rights in a queued message are in transit toward its port. */
    private static void markInTransit(IpcKmsg kmsg, IpcPort dest) {
        if (kmsg.items == null) {
            return;
        }
        for (IpcKmsg.Item item : kmsg.items) {
            if (item.rights != null && item.name == org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE) {
                for (IpcObject o : item.rights) {
                    if (IpcObject.valid(o)) {
                        ((IpcPort) o).destination = dest;
                    }
                }
            }
        }
    }

    /**
     * Routine: ipc_mqueue_receive (the part that cannot block). Purpose:
     * take the first message off {@code port}, stamp it with the port's
     * sequence number, and let a blocked sender in if there is room now
     * (firing msg-accepted requests too).
     */
    static IpcKmsg dequeue(Ipc ipc, IpcPort port) {
        IpcKmsg kmsg = port.messages.pollFirst();
        port.queued = port.messages.size();
        kmsg.seqno = port.seqno++;
        msgAccepted(ipc, kmsg);
        if (kmsg.items != null) {
            for (IpcKmsg.Item item : kmsg.items) {
                if (item.rights != null && item.name == org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE) {
                    for (IpcObject o : item.rights) {
                        if (IpcObject.valid(o)) {
                            ((IpcPort) o).destination = null;
                        }
                    }
                }
            }
        }
        roomMade(ipc, port);
        return kmsg;
    }

    /** Wakes a sender if the port has room (one blocked with a continuation goes to the executor). */
    static void roomMade(Ipc ipc, IpcPort port) {
        if (port.msgcount() >= port.qlimit) {
            return;
        }
        IpcWaiter w;
        while ((w = port.senders.pollFirst()) != null) {
            if (w.wake(IpcWaiter.WOKEN)) {
                if (w.continuation != null) {
                    ipc.resumeLater(w);
                }
                break;
            }
        }
    }

    /**
     * Routine: ipc_marequest_destroy. Purpose: a message sent with
     * MACH_SEND_NOTIFY beyond its port's queue limit is being received or
     * destroyed: send its msg-accepted notification, carrying the sender's
     * name for the destination, or MACH_PORT_NULL if that name went away
     * meanwhile (ipc_marequest_cancel) or the sender's space died.
     */
    static void msgAccepted(Ipc ipc, IpcKmsg kmsg) {
        IpcPort notify = kmsg.marequest;
        if (notify == null) {
            return;
        }
        IpcEntry entry = kmsg.marequestEntry;
        kmsg.marequest = null;
        kmsg.marequestEntry = null;
        int name = org.jmach.mach.Port.MACH_PORT_NULL;
        if (entry != null && entry.marequest == notify) {
            entry.marequest = null;
            if (entry.object instanceof IpcPort port) {
                port.marequests.remove(entry);
            }
            if (entry.space.active && entry.space.lookup(entry.name) == entry) {
                name = entry.name;
            }
        }
        IpcNotify.msgAccepted(ipc, notify, name);
    }

    /** Wakes every waiter of a queue with {@code result}; continuations run later. */
    static void wakeAll(Ipc ipc, ArrayDeque<IpcWaiter> queue, int result) {
        IpcWaiter w;
        while ((w = queue.pollFirst()) != null) {
            if (w.wake(result) && w.continuation != null) {
                ipc.resumeLater(w);
            }
        }
    }
}
