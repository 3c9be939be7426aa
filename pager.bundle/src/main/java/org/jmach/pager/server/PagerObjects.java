package org.jmach.pager.server;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jmach.cthreads.CThreads;
import org.jmach.cthreads.Condition;
import org.jmach.cthreads.Mutex;
import org.jmach.mach.MachPortStatus;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.pager.area.PagingArea;

/**
 * The memory objects the pager serves, by the name of each object's port in
 * the pager's space, and the order their requests are served in.
 *
 * <p>Several threads receive from one port set, so two requests for one
 * page (a data_return and the data_request that follows it) may be taken
 * by two threads and race. As Mach's own default pager does, requests are
 * <em>admitted</em> in the order of their message sequence numbers: the
 * thread holding request {@code n} waits (blocked in the kernel, on a C
 * threads condition) until request {@code n - 1} is admitted. Once admitted,
 * a request waits only for earlier requests on overlapping pages to finish,
 * so requests for different pages of one object are served at once (their
 * disk transfers overlap) while those for one page keep their order.
 * Requests that name no pages (terminate, lock_completed, ...) cover the
 * whole object. An object's next sequence number comes from
 * mach_port_get_receive_status when an implementation attaches, so the
 * order holds across a swap.
 */
final class PagerObjects {

    /** One memory object. Fields guarded by the table's mutex. */
    static final class PagerObject {
        final int port;
        final Condition turn;
        long size;
        /** The sequence number of the next request to admit. */
        int nextSeqno;
        /** Requests admitted and not done: seqno, first byte, one past the last. */
        final List<long[]> inProgress = new ArrayList<>();

        PagerObject(int port, long size, int nextSeqno, Condition turn) {
            this.port = port;
            this.size = size;
            this.nextSeqno = nextSeqno;
            this.turn = turn;
        }

        private boolean admitted(int seqno) {
            for (long[] r : inProgress) {
                if (r[0] == seqno) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an earlier request on a byte of [start, end) is still being served. */
        private boolean blocked(int seqno, long start, long end) {
            for (long[] r : inProgress) {
                if (r[0] - seqno < 0 && r[1] < end && start < r[2]) {
                    return true;
                }
            }
            return false;
        }
    }

    private final CThreads cthreads;
    private final Mutex lock;
    private final Map<Integer, PagerObject> table = new HashMap<>();

    PagerObjects(CThreads cthreads) {
        this.cthreads = cthreads;
        this.lock = cthreads.mutexAlloc("pager objects");
    }

    /** Adds an object whose port's next message has sequence number {@code seqno}. */
    PagerObject add(int port, long size, int seqno) {
        lock.mutexLock();
        try {
            PagerObject o = new PagerObject(port, size, seqno, cthreads.conditionAlloc("object " + port));
            table.put(port, o);
            return o;
        } finally {
            lock.mutexUnlock();
        }
    }

    PagerObject get(int port) {
        lock.mutexLock();
        try {
            return table.get(port);
        } finally {
            lock.mutexUnlock();
        }
    }

    void remove(int port) {
        lock.mutexLock();
        try {
            table.remove(port);
        } finally {
            lock.mutexUnlock();
        }
    }

    List<PagerObject> list() {
        lock.mutexLock();
        try {
            return new ArrayList<>(table.values());
        } finally {
            lock.mutexUnlock();
        }
    }

    /**
     * Admits request {@code seqno} for bytes [offset, offset + length) once
     * every earlier request is admitted, then waits until no earlier request
     * on those bytes is being served.
     */
    void order(PagerObject o, int seqno, long offset, long length) {
        long end = length < 0 || offset + length < offset ? Long.MAX_VALUE : offset + length;
        lock.mutexLock();
        try {
            while (o.nextSeqno != seqno) {
                o.turn.conditionWait(lock);
            }
            o.inProgress.add(new long[] {seqno, offset, end});
            o.nextSeqno++;
            o.turn.conditionBroadcast();
            while (o.blocked(seqno, offset, end)) {
                o.turn.conditionWait(lock);
            }
        } finally {
            lock.mutexUnlock();
        }
    }

    /** Whether request {@code seqno} was admitted (its routine ordered itself). */
    boolean admitted(PagerObject o, int seqno) {
        lock.mutexLock();
        try {
            return o.admitted(seqno);
        } finally {
            lock.mutexUnlock();
        }
    }

    /** Request {@code seqno} is done: the requests waiting for its bytes may go. */
    void done(PagerObject o, int seqno) {
        lock.mutexLock();
        try {
            o.inProgress.removeIf(r -> r[0] == seqno);
            o.turn.conditionBroadcast();
        } finally {
            lock.mutexUnlock();
        }
    }

    /**
     * On attaching to a task an earlier implementation served: the objects
     * are the members of the port set (but the default port and ports of
     * no object); the area's objects without a port are dropped (their
     * pages freed), ports without pages yet get an empty entry.
     */
    void reconcile(MachTraps t, int self, PagingArea area) {
        MachPortUser ports = t.machPort();
        int[][] members = new int[1][];
        DefaultPager.check("mach_port_get_set_status",
                ports.machPortGetSetStatus(self, PagerNames.PORT_SET, members));
        Set<Integer> live = new HashSet<>();
        for (int port : members[0]) {
            if (port == PagerNames.DEFAULT_PORT) {
                continue;
            }
            int[][] status = new int[1][];
            if (ports.machPortGetReceiveStatus(self, port, status) != KERN_SUCCESS) {
                continue;
            }
            MachPortStatus s = MachPortStatus.decode(status[0]);
            live.add(port);
            if (!area.has(port)) {
                area.createObject(port, 0);
            }
            add(port, area.size(port), s.mpsSeqno());
        }
        for (int port : area.objects()) {
            if (!live.contains(port)) {
                area.removeObject(port);
            }
        }
    }
}
