package org.jmach.vm.vm;

import org.jmach.vm.spi.PageoutPolicy;

/**
 * The pageout daemon's scan (GNU Mach's {@code vm/vm_pageout.c}): takes
 * victims from the policy until enough frames are free. A clean page is
 * dropped (its manager, the shadow chain or zero fill has its data); a
 * dirty or precious one goes back to its manager first — data_return, or
 * for anonymous memory data_initialize to the default manager the first
 * time a page goes out (memory_object_create gives the object a pager at
 * its first pageout).
 *
 * <p>Conditions: the VM lock held.
 */
final class VmPageout {

    /** Victims put back in one scan before it gives up (every page busy or unpageable). */
    private static final int MAX_SKIPS = 64;
    /**
     * Most messages a pager may have waiting before dirty pages stop going
     * to it (vm_pageout_laundry): without a limit the daemon, whose
     * data_return frees the frame at once, would queue pages far faster
     * than a pager writes them, and a fault on any of them would wait
     * behind the whole queue.
     */
    static final int LAUNDRY_MAX = 64;

    private VmPageout() {
    }

    /**
     * Routine: vm_pageout_scan. Returns whether any frame was freed; sets
     * {@code vm.laundryFull} if a dirty page stayed because its pager's
     * queue is full.
     */
    static boolean scan(Vm vm, PageoutPolicy policy) {
        vm.laundryFull = false;
        // Pages this scan sent each pager: they wait in VM's outbox until the scan unlocks.
        java.util.Map<Object, Integer> sent = new java.util.HashMap<>();
        boolean progress = false;
        int skips = 0;
        java.util.List<VmPage> skipped = new java.util.ArrayList<>();
        while (!vm.resident.enough() && skips < MAX_SKIPS) {
            PageoutPolicy.ResidentPage victim = policy.selectVictim();
            if (victim == null) {
                break;
            }
            VmPage p = (VmPage) victim;
            p.inPolicy = false;
            if (!p.resident() || p.object.terminated || p.object.keepResident) {
                // Gone, or kept resident: out of the policy until it is freed.
                continue;
            }
            if (pageOut(vm, p, sent)) {
                progress = true;
            } else {
                skipped.add(p);
                skips++;
            }
        }
        for (VmPage p : skipped) {
            if (p.resident() && !p.inPolicy) {
                p.inPolicy = true;
                policy.pageIn(p);
            }
        }
        return progress;
    }

    /** Pages one page out; false if it must stay (no manager can take it now). */
    private static boolean pageOut(Vm vm, VmPage p, java.util.Map<Object, Integer> sent) {
        VmObject o = p.object;
        Pmap.removeAll(p);
        if (p.dirty || p.precious) {
            if (o.pagerState == VmObject.PAGER_NONE && o.internal) {
                if (vm.defaultPager == null) {
                    return false;
                }
                vm.pagerCreate(o);
            }
            if (o.pagerState == VmObject.PAGER_DEAD || o.pagerState == VmObject.PAGER_INIT) {
                return false;
            }
            if (o.pager != null && vm.channel.backlog(o.pager) + sent.getOrDefault(o.pager, 0) >= LAUNDRY_MAX) {
                vm.laundryFull = true;
                return false;
            }
            if (o.pager != null) {
                sent.merge(o.pager, 1, Integer::sum);
            }
            byte[] data = vm.resident.copyOut(p.frame);
            long off = p.offset;
            boolean dirty = p.dirty;
            if (o.internal && o.pagedOut.add(off)) {
                vm.send(() -> vm.channel.dataInitialize(o.pager, o, off, data));
            } else {
                vm.send(() -> vm.channel.dataReturn(o.pager, o, off, data, dirty, false));
            }
            vm.pageouts++;
        }
        vm.pageFree(p);
        return true;
    }
}
