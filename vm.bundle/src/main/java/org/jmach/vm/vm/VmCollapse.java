package org.jmach.vm.vm;

import java.util.ArrayList;

/**
 * Shadow-chain collapse (GNU Mach's {@code vm_object_collapse}): when the
 * object an object shadows is referenced by nothing else, is anonymous
 * memory never paged out and has no copy, its pages move up into the
 * shadowing object (where that has none of its own) and it leaves the
 * chain, so chains made by repeated copy-on-write stay short.
 *
 * <p>Conditions: the VM lock held.
 */
final class VmCollapse {

    private VmCollapse() {
    }

    /** Routine: vm_object_collapse. Collapses as long as the chain below {@code o} allows. */
    static void collapse(VmObject o) {
        while (true) {
            VmObject backing = o.shadow;
            if (backing == null || backing.refCount != 1 || !backing.internal
                    || backing.pagerState != VmObject.PAGER_NONE || backing.copy != null || backing.copyOf != null
                    || o.copy != null && o.copy == backing || hasAbsent(backing)) {
                return;
            }
            Vm vm = o.vm;
            long delta = o.shadowOffset;
            for (VmPage p : new ArrayList<>(backing.pages.values())) {
                long up = p.offset - delta;
                boolean wanted = up >= 0 && up < o.size && o.page(up) == null && !o.pagedOut.contains(up)
                        && p.resident();
                if (wanted) {
                    Pmap.removeAll(p);
                    VmPage moved = o.pageAlloc(up);
                    moved.frame = p.frame;
                    moved.dirty = true;
                    moved.referenced = p.referenced;
                    moved.inPolicy = p.inPolicy;
                    moved.wireCount = p.wireCount;
                    if (p.inPolicy) {
                        p.inPolicy = false;
                        o.vm.policyReplace(p, moved);
                    }
                    p.frame = -1;
                    backing.pages.remove(p.offset);
                } else {
                    vm.pageFree(p);
                }
            }
            o.shadow = backing.shadow;
            o.shadowOffset += backing.shadowOffset;
            backing.shadow = null;
            backing.refCount = 0;
            vm.objectTerminate(backing);
        }
    }

    private static boolean hasAbsent(VmObject o) {
        for (VmPage p : o.pages.values()) {
            if (p.absent || p.staged != null || p.zeroFill) {
                return true;
            }
        }
        return false;
    }
}
