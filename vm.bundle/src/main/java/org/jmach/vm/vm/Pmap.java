package org.jmach.vm.vm;

import static org.jmach.vm.VmProt.VM_PROT_READ;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

/**
 * A map's translations (GNU Mach's machine-dependent {@code pmap}): virtual
 * page number to resident page and frame, with the accesses allowed
 * (a translation always allows reads; writes and instruction fetches only
 * where its protection says so, as a RISC-V PTE's W and X bits).
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
        /** The accesses allowed: VM_PROT_READ, with VM_PROT_WRITE and VM_PROT_EXECUTE where given. */
        final int protection;

        Pte(VmPage page, int protection) {
            this.page = page;
            this.frame = page.frame;
            this.protection = protection | VM_PROT_READ;
        }

        /** Whether the translation allows every access of {@code access} (vm_prot_t bits). */
        boolean allows(int access) {
            return (protection & access) == access;
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

    /**
     * Routine: pmap_enter. Purpose: translates {@code vpn} to the page's
     * frame for the accesses of {@code protection} (vm_prot_t bits; read
     * access is always given). A translation that replaces another page's,
     * or narrows the accesses the old one allowed (write or execute taken
     * away), is a barrier: a TLB may still hold the old one.
     * Conditions: the VM lock held; the page is resident.
     */
    void enter(long vpn, VmPage page, int protection) {
        Pte pte = new Pte(page, protection);
        Pte old = ptes.get(vpn);
        if (old != null && old.page == page && old.protection == pte.protection) {
            return;
        }
        ptes.put(vpn, pte);
        if (old == null || old.page != page) {
            if (old != null) {
                old.page.mappings.remove(new Mapping(this, vpn));
            }
            page.mappings.add(new Mapping(this, vpn)); // the same page keeps its one entry in the pv list
        }
        if (old != null && (old.page != page || (old.protection & ~pte.protection) != 0)) {
            barrier(); // a TLB may still hold the old frame, or write or execute access to it
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
