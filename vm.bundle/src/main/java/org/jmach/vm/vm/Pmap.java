package org.jmach.vm.vm;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

/**
 * A map's translations (GNU Mach's machine-dependent {@code pmap}): virtual
 * page number to resident page and frame, with whether writes are allowed.
 * The accessor reads it without the VM lock, holding {@link #lock} for
 * reading only while it copies to or from the frame; VM changes it under
 * the VM lock and then {@link #barrier}s, so that no access still in flight
 * touches a frame VM is about to reuse (a TLB shootdown). A hart's run
 * slice is one such access ({@link org.jmach.vm.spi.PmapAccess}): the
 * barrier first asks running harts to stop (the shootdown hooks) and moves
 * the generation, so that they flush their TLBs before they run again.
 *
 * <p>Conditions: {@link #enter} and the removals need the VM lock; the
 * accessor takes only {@link #lock}, and never waits for the VM lock while
 * holding it.
 */
final class Pmap {

    /** A translation. */
    static final class Pte {
        final VmPage page;
        final int frame;
        final boolean writable;

        Pte(VmPage page, boolean writable) {
            this.page = page;
            this.frame = page.frame;
            this.writable = writable;
        }
    }

    /** One entry of a page's list of mappings (GNU Mach's pv list). */
    record Mapping(Pmap pmap, long vpn) {
    }

    final StampedLock lock = new StampedLock();
    /** Moves at every barrier: processors caching translations forget those of another generation. */
    volatile long generation;
    /** What makes processors running in this pmap end their run slices (PmapAccess's shootdown hooks). */
    final java.util.List<Runnable> shootdowns = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Long, Pte> ptes = new ConcurrentHashMap<>();

    /** The translation of a virtual page, or null. Conditions: {@link #lock} held for reading. */
    Pte lookup(long vpn) {
        return ptes.get(vpn);
    }

    /** Routine: pmap_enter. Conditions: the VM lock held; the page is resident. */
    void enter(long vpn, VmPage page, boolean writable) {
        Pte old = ptes.get(vpn);
        if (old != null) {
            if (old.page == page && old.writable == writable) {
                return;
            }
            old.page.mappings.remove(new Mapping(this, vpn));
        }
        ptes.put(vpn, new Pte(page, writable));
        if (old == null || old.page != page) {
            page.mappings.add(new Mapping(this, vpn));
        }
        if (old != null && (old.page != page || (old.writable && !writable))) {
            barrier(); // a TLB may still hold the old frame, or write access to it
        }
    }

    /** Routine: pmap_remove, for [startVpn, endVpn). Conditions: the VM lock held. */
    void remove(long startVpn, long endVpn) {
        if (ptes.isEmpty()) {
            return;
        }
        if (endVpn - startVpn <= ptes.size()) {
            for (long v = startVpn; v < endVpn; v++) {
                removeOne(v);
            }
        } else {
            for (Map.Entry<Long, Pte> e : new ArrayList<>(ptes.entrySet())) {
                long v = e.getKey();
                if (v >= startVpn && v < endVpn) {
                    removeOne(v);
                }
            }
        }
        barrier();
    }

    private void removeOne(long vpn) {
        Pte old = ptes.remove(vpn);
        if (old != null) {
            old.page.mappings.remove(new Mapping(this, vpn));
        }
    }

    /**
     * Routine: pmap_page_protect(page, VM_PROT_NONE). Purpose: removes every
     * translation of the page, waiting for accesses in flight.
     * Conditions: the VM lock held.
     */
    static void removeAll(VmPage page) {
        if (page.mappings.isEmpty()) {
            return;
        }
        for (Mapping m : new ArrayList<>(page.mappings)) {
            Pte pte = m.pmap.ptes.get(m.vpn);
            if (pte != null && pte.page == page) {
                m.pmap.ptes.remove(m.vpn, pte);
            }
            m.pmap.barrier();
        }
        page.mappings.clear();
    }

    /** Waits until no access that may have read an old translation is in flight. */
    void barrier() {
        generation++;
        for (Runnable r : shootdowns) {
            r.run();
        }
        long s = lock.writeLock();
        lock.unlockWrite(s);
    }

    /** Removes every translation (the map is destroyed). Conditions: the VM lock held. */
    void clear() {
        remove(0, Long.MAX_VALUE);
    }

    int size() {
        return ptes.size();
    }
}
