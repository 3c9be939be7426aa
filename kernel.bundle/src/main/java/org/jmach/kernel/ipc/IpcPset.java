package org.jmach.kernel.ipc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A port set (GNU Mach's {@code ipc/ipc_pset.h}): receive rights gathered so
 * that one receive takes the oldest message queued on any member. A set
 * lives in exactly one space and never travels.
 *
 * <p>Conditions: every field is guarded by the IPC lock.
 */
final class IpcPset extends IpcObject {

    boolean active = true;
    final IpcSpace space;
    int name;
    final List<IpcPort> members = new ArrayList<>();
    final ArrayDeque<IpcWaiter> receivers = new ArrayDeque<>(1);

    IpcPset(IpcSpace space, int name) {
        this.space = space;
        this.name = name;
    }

    @Override
    boolean isActive() {
        return active;
    }

    /** The member whose first message was queued earliest, or null if none has one. */
    IpcPort oldestMember() {
        IpcPort best = null;
        long bestStamp = Long.MAX_VALUE;
        for (IpcPort p : members) {
            IpcKmsg head = p.messages.peekFirst();
            if (head != null && head.stamp < bestStamp) {
                best = p;
                bestStamp = head.stamp;
            }
        }
        return best;
    }

    /**
     * Routine: ipc_pset_destroy. Purpose: the set goes away: its members
     * leave it, and threads receiving from it get MACH_RCV_PORT_DIED.
     *
     * <p>Conditions: the IPC lock held; the set's entry already removed.
     */
    void destroy(Ipc ipc) {
        active = false;
        for (IpcPort p : members) {
            p.pset = null;
        }
        members.clear();
        IpcMqueue.wakeAll(ipc, receivers, org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_DIED);
    }
}
