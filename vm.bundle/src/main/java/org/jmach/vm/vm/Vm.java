package org.jmach.vm.vm;

import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_TEMPORARY;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jmach.hw.PhysicalMemory;
import org.jmach.vm.VmStatistics;
import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.PageoutPolicy;
import org.jmach.vm.spi.PagerChannel;
import org.jmach.vm.spi.VmObjectSummary;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.spi.VmThread;

/**
 * The virtual memory system of one boot: the VM lock, the frames, the
 * objects, the messages VM owes managers, and the counters of
 * vm_statistics.
 *
 * <p>Locking: one lock, {@link #lock}, guards every map, entry, object and
 * page (as the IPC lock does for IPC). Lock order: the IPC lock, then this
 * one. VM never calls the kernel holding it: messages to managers are
 * queued ({@link #send}) and sent in order by whoever unlocks
 * ({@link #unlock}), so that a data_return always precedes the
 * data_request that follows it. A thread waits ({@link #await}) holding no
 * lock, with its processor given back.
 */
public final class Vm implements VmSystem {

    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition daemonWake = lock.newCondition();
    /** Moves at every change a fault may wait for ({@link #wakeup}); written under the VM lock. */
    private volatile long seq;
    /** What {@link #whenChanged} must run at the next change. Guarded by the VM lock. */
    private final ArrayList<Runnable> changeWaiters = new ArrayList<>();
    private boolean shutdown;
    /** Set by the last scan when dirty pages stayed because their pagers' queues were full. Guarded by the VM lock. */
    boolean laundryFull;
    /** How long the daemon waits for a pager to take queued pages before it scans again. */
    private static final long LAUNDRY_WAIT_MILLIS = 2;
    /** Frames ran low since the pageout daemon last looked. */
    private boolean daemonKick;

    private final ArrayDeque<Runnable> outbox = new ArrayDeque<>();
    private boolean draining;

    final VmResident resident;
    final PagerChannel channel;
    private volatile PageoutPolicy policy = new FifoSecondChance();

    private int nextObjectId;
    private final Map<Integer, VmObject> objects = new TreeMap<>();
    private final Map<Object, VmObject> byPager = new IdentityHashMap<>();
    /** Objects whose managers allow caching, kept after their last mapping went (GNU Mach's object cache). */
    private final LinkedHashMap<Object, VmObject> cache = new LinkedHashMap<>();
    private static final int CACHE_MAX = 32;
    Object defaultPager;

    int zeroFillCount;
    int reactivations;
    int pageins;
    int pageouts;
    int faults;
    int cowFaults;
    int lookups;
    int hits;

    public Vm(PhysicalMemory memory, PagerChannel channel) {
        this.resident = new VmResident(memory);
        this.channel = channel;
    }

    // --- locking, messages, waiting ---

    void lock() {
        lock.lock();
    }

    /** Unlocks, then sends the queued messages (unless this thread still holds the lock). */
    void unlock() {
        lock.unlock();
        if (!lock.isHeldByCurrentThread()) {
            drain();
        }
    }

    /** Queues a message to a manager. Conditions: the VM lock held. */
    void send(Runnable message) {
        synchronized (outbox) {
            outbox.add(message);
        }
    }

    private void drain() {
        synchronized (outbox) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Runnable r;
            synchronized (outbox) {
                r = outbox.poll();
                if (r == null) {
                    draining = false;
                    return;
                }
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                System.err.println("jmach vm: a message to a memory manager failed: " + e);
            }
        }
    }

    /**
     * Waits for a change (a page arrived, a frame was freed, a manager
     * answered or died). Conditions: the VM lock held once; it is released
     * during the wait (with the queued messages sent and the processor given
     * back) and held again on return. Returns false at once if {@code t} may
     * not block, or after shutdown.
     */
    boolean await(VmThread t) {
        if (!t.mayBlock() || shutdown) {
            return false;
        }
        long s = seq;
        t.messagesBegin();
        try {
            unlock();
        } finally {
            t.messagesEnd(); // a manager run here by handoff may have answered already
        }
        lock.lock();
        if (seq != s || shutdown) {
            return !shutdown;
        }
        lock.unlock();
        t.blockBegin();
        lock.lock();
        try {
            while (seq == s && !shutdown) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
        t.blockEnd();
        lock.lock();
        return !shutdown;
    }

    /** Wakes every waiting thread, and sends what {@link #whenChanged} registered. Conditions: the VM lock held. */
    void wakeup() {
        seq++;
        changed.signalAll();
        if (!changeWaiters.isEmpty()) {
            for (Runnable r : changeWaiters) {
                send(r); // run at unlock, with no VM lock held
            }
            changeWaiters.clear();
        }
    }

    /** The change count {@link #wakeup} moves (see {@link org.jmach.vm.spi.PmapAccess#changeCount}). */
    long changeCount() {
        return seq;
    }

    /**
     * Runs {@code r} once the change count has moved past {@code seen}: at
     * once if it has (or after shutdown), else at the next {@link #wakeup};
     * either way through the outbox, so with no VM lock held.
     * Conditions: no VM lock held.
     */
    void whenChanged(long seen, Runnable r) {
        lock();
        try {
            if (seq != seen || shutdown) {
                send(r);
            } else {
                changeWaiters.add(r);
            }
        } finally {
            unlock();
        }
    }

    boolean isShutdown() {
        return shutdown;
    }

    // --- frames ---

    /**
     * Routine: vm_page_grab, waking the pageout daemon when frames run low.
     * Returns a frame, or -1 if none may be taken now (the caller waits and
     * retries). Conditions: the VM lock held.
     */
    int frameGrab(VmThread t) {
        int f = resident.grab(t.privileged());
        if (resident.belowMin()) {
            daemonKick = true;
            daemonWake.signal();
        }
        return f;
    }

    /** Makes a page resident in a new frame. Conditions: the VM lock held; {@code frame} was grabbed. */
    void pageInsert(VmPage page, int frame) {
        page.frame = frame;
        page.inPolicy = true;
        policy.pageIn(page);
    }

    /** Routine: vm_page_wire. Conditions: the VM lock held; the page is resident. */
    void pageWire(VmPage page) {
        if (page.wireCount++ == 0 && page.inPolicy) {
            page.inPolicy = false;
            policy.remove(page);
        }
    }

    /** Routine: vm_page_unwire. Conditions: the VM lock held. */
    void pageUnwire(VmPage page) {
        if (page.wireCount > 0 && --page.wireCount == 0 && page.resident() && !page.inPolicy) {
            page.inPolicy = true;
            policy.pageIn(page);
        }
    }

    /** Hands a page's place among the pageout candidates to another page (collapse). */
    void policyReplace(VmPage from, VmPage to) {
        policy.remove(from);
        policy.pageIn(to);
    }

    /**
     * Routine: vm_page_free. Purpose: removes the page from its object, its
     * mappings and the pageout candidates, and frees its frame.
     * Conditions: the VM lock held.
     */
    void pageFree(VmPage page) {
        Pmap.removeAll(page);
        if (page.inPolicy) {
            page.inPolicy = false;
            policy.remove(page);
        }
        if (page.frame >= 0) {
            resident.release(page.frame);
            page.frame = -1;
            wakeup();
        }
        if (page.object.pages.get(page.offset) == page) {
            page.object.pages.remove(page.offset);
        }
    }

    // --- objects ---

    /** Routine: vm_object_allocate. Conditions: the VM lock held. Returns an object with one reference. */
    VmObject objectCreate(long size, boolean internal) {
        VmObject o = new VmObject(this, ++nextObjectId, size, internal);
        objects.put(o.id, o);
        return o;
    }

    /**
     * Routine: vm_object_deallocate. Purpose: drops a reference; at zero the
     * object terminates or goes to the cache. Conditions: the VM lock held.
     */
    void objectDeallocate(VmObject o) {
        while (o != null) {
            if (--o.refCount > 0) {
                return;
            }
            if (o.mayCache && !o.internal && o.pagerState == VmObject.PAGER_READY && !o.destroyed
                    && o.copyStrategy != MEMORY_OBJECT_COPY_TEMPORARY) {
                cacheInsert(o);
                return;
            }
            VmObject shadow = objectTerminate(o);
            o = shadow;
        }
    }

    private void cacheInsert(VmObject o) {
        cache.put(o.pager, o);
        if (cache.size() > CACHE_MAX) {
            VmObject oldest = cache.values().iterator().next();
            cache.remove(oldest.pager);
            objectDeallocate(objectTerminate(oldest));
        }
    }

    /**
     * Routine: vm_object_terminate. Purpose: returns the dirty and precious
     * pages to the manager (not for internal objects, whose data dies with
     * them; of a MEMORY_OBJECT_COPY_TEMPORARY object only the precious
     * ones), frees every page, ends the manager's use of the object and
     * returns the shadow, whose reference the caller must drop.
     * Conditions: the VM lock held.
     */
    VmObject objectTerminate(VmObject o) {
        o.terminated = true;
        boolean external = !o.internal && o.pager != null && o.pagerState == VmObject.PAGER_READY;
        for (VmPage p : new ArrayList<>(o.pages.values())) {
            boolean keep = p.precious || (p.dirty && o.copyStrategy != MEMORY_OBJECT_COPY_TEMPORARY);
            if (external && p.resident() && keep) {
                byte[] data = resident.copyOut(p.frame);
                boolean dirty = p.dirty;
                Object pager = o.pager;
                send(() -> channel.dataReturn(pager, o, p.offset, data, dirty, false));
                pageouts++;
            }
            pageFree(p);
        }
        if (o.pager != null || o.ports() != null) {
            // memory_object_terminate (a dead or absent pager too: the object's control and name ports go)
            Object pager = o.pager;
            if (pager != null) {
                byPager.remove(pager);
            }
            send(() -> channel.terminate(pager, o));
            o.pager = null;
        }
        objects.remove(o.id);
        VmObject shadow = o.shadow;
        o.shadow = null;
        if (o.copyOf != null && o.copyOf.copy == o) {
            o.copyOf.copy = null;
        }
        o.copyOf = null;
        wakeup();
        return shadow;
    }

    // --- VmSystem ---

    @Override
    public AddressMap mapCreate() {
        return new VmMap(this);
    }

    @Override
    public MapCopy copyFromBytes(byte[] data) {
        lock();
        try {
            return VmMapCopy.fromBytes(this, data);
        } finally {
            unlock();
        }
    }

    @Override
    public VmStatistics statistics() {
        lock();
        try {
            int active = 0;
            int inactive = 0;
            int wired = 0;
            for (VmObject o : objects.values()) {
                for (VmPage p : o.pages.values()) {
                    if (p.resident()) {
                        if (p.wireCount > 0) {
                            wired++;
                        } else if (p.referenced) {
                            active++;
                        } else {
                            inactive++;
                        }
                    }
                }
            }
            return new VmStatistics(VmResident.PAGE, resident.freeCount(), active, inactive, wired, zeroFillCount,
                    reactivations, pageins, pageouts, faults, cowFaults, lookups, hits);
        } finally {
            unlock();
        }
    }

    @Override
    public Object setDefaultPager(Object pager) {
        lock();
        try {
            Object old = defaultPager;
            if (pager != null) {
                defaultPager = pager;
                daemonWake.signal();
                wakeup();
            }
            return old;
        } finally {
            unlock();
        }
    }

    @Override
    public MemoryObjectControl objectForPager(Object pager, long size) {
        boolean alive = channel.alive(pager); // asked before the VM lock: the channel takes the IPC lock
        lock();
        try {
            lookups++;
            VmObject o = byPager.get(pager);
            if (o != null) {
                hits++;
                send(() -> channel.release(pager)); // the object holds its own send right
                if (cache.remove(pager) != null) {
                    o.refCount = 1;
                } else {
                    o.refCount++;
                }
                o.size = Math.max(o.size, size);
                return o;
            }
            if (!alive) {
                send(() -> channel.release(pager));
                return null;
            }
            o = objectCreate(size, false);
            o.pager = pager;
            o.pagerState = VmObject.PAGER_INIT;
            o.pagerHasAll = true;
            byPager.put(pager, o);
            VmObject obj = o;
            send(() -> channel.init(pager, obj, VmResident.PAGE));
            return o;
        } finally {
            unlock();
        }
    }

    @Override
    public void objectDeallocate(MemoryObjectControl object) {
        lock();
        try {
            objectDeallocate((VmObject) object);
        } finally {
            unlock();
        }
    }

    @Override
    public void managerDied(Object pager) {
        lock();
        try {
            VmObject o = byPager.get(pager);
            if (pager == defaultPager) {
                defaultPager = null;
            }
            if (o != null) {
                MemoryObject.failOver(o);
            }
        } finally {
            unlock();
        }
    }

    /** Gives a failed-over or internal object a new pager at the default manager. Conditions: the VM lock held. */
    void pagerCreate(VmObject o) {
        o.pagerState = VmObject.PAGER_CREATING;
        Object dp = defaultPager;
        long size = o.size;
        send(() -> {
            Object p = channel.create(dp, o, size, VmResident.PAGE);
            lock();
            try {
                if (p == null || o.terminated) {
                    if (p != null) {
                        send(() -> channel.terminate(p, o));
                    }
                    o.pagerState = o.terminated ? VmObject.PAGER_NONE : VmObject.PAGER_DEAD;
                } else {
                    o.pager = p;
                    byPager.put(p, o);
                    o.pagerState = VmObject.PAGER_READY;
                }
                wakeup();
            } finally {
                unlock();
            }
        });
    }

    /**
     * Detaches an object from its pager: with {@code terminate} the manager
     * is told (memory_object_terminate), else (it died) the handle is just
     * released. Conditions: the VM lock held.
     */
    void pagerDetach(VmObject o, boolean terminate) {
        Object pager = o.pager;
        if (pager == null) {
            o.pagerState = VmObject.PAGER_DEAD;
            return;
        }
        byPager.remove(pager);
        cache.remove(pager);
        o.pager = null;
        o.pagerState = VmObject.PAGER_DEAD;
        send(terminate ? () -> channel.terminate(pager, o) : () -> channel.release(pager));
    }

    /** Gives an object the pager of a memory object port; memory_object_init comes next. Conditions: the VM lock held. */
    void pagerAttach(VmObject o, Object pager) {
        o.pager = pager;
        o.pagerState = VmObject.PAGER_INIT;
        byPager.put(pager, o);
    }

    /** Marks an object's pager ready (memory_object_ready, set_attributes). Conditions: the VM lock held. */
    void pagerReady(VmObject o) {
        if (o.pagerState == VmObject.PAGER_INIT) {
            o.pagerState = VmObject.PAGER_READY;
        }
        wakeup();
    }

    @Override
    public void pageoutDaemon(VmThread self) {
        lock();
        try {
            while (!shutdown) {
                if (!resident.belowMin()) {
                    daemonSleep(self, 0);
                    continue;
                }
                boolean progress = VmPageout.scan(this, policy);
                unlock(); // send what the scan owes the managers
                lock();
                if (!progress) {
                    // Nothing could go out now (no default manager, every page busy, pagers' queues full):
                    // wait for a change, or a little while for a pager to take its queued pages.
                    daemonSleep(self, laundryFull ? LAUNDRY_WAIT_MILLIS : 100);
                }
            }
        } finally {
            unlock();
        }
    }

    /**
     * The pageout daemon waits, with its processor given back and no lock
     * held while it gives it back or takes it again: until frames run low
     * (or anything changes, with a timeout in milliseconds).
     * Conditions: the VM lock held once, held again on return.
     */
    private void daemonSleep(VmThread self, long timeoutMillis) {
        long s = seq;
        unlock();
        self.blockBegin();
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (!shutdown && !daemonKick && (timeoutMillis == 0 ? !resident.belowMin() : seq == s)) {
                if (timeoutMillis == 0) {
                    daemonWake.awaitUninterruptibly();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    daemonWake.awaitNanos(left);
                }
            }
            daemonKick = false;
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        self.blockEnd();
        lock.lock();
    }

    @Override
    public void setPageoutPolicy(PageoutPolicy next) {
        lock();
        try {
            PageoutPolicy old = policy;
            for (VmObject o : objects.values()) {
                for (VmPage p : o.pages.values()) {
                    if (p.inPolicy) {
                        old.remove(p);
                        p.setPolicyData(null);
                        next.pageIn(p);
                    }
                }
            }
            policy = next;
        } finally {
            unlock();
        }
    }

    @Override
    public String pageoutPolicyName() {
        return policy.name();
    }

    @Override
    public List<VmObjectSummary> objects() {
        lock();
        try {
            List<VmObjectSummary> out = new ArrayList<>();
            for (VmObject o : objects.values()) {
                out.add(new VmObjectSummary(o.id, o.size, o.refCount, o.residentCount(),
                        o.shadow == null ? 0 : o.shadow.id, o.internal, MemoryObject.pagerStateName(o),
                        o.copyStrategy));
            }
            return out;
        } finally {
            unlock();
        }
    }

    @Override
    public void shutdown() {
        lock();
        try {
            shutdown = true;
            daemonWake.signalAll();
            wakeup();
        } finally {
            unlock();
        }
    }
}
