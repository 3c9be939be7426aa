package org.jmach.vm.vm;

import static org.jmach.vm.VmProt.VM_PROT_EXECUTE;
import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.jmach.vm.VmProt.VM_PROT_WRITE;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ADDRESS;
import static org.jmach.vm.vm.VmReturn.KERN_MEMORY_ERROR;
import static org.jmach.vm.vm.VmReturn.KERN_MEMORY_FAILURE;
import static org.jmach.vm.vm.VmReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;

import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.spi.VmThread;

/**
 * Page faults (GNU Mach's {@code vm/vm_fault.c}): resolves (map, address,
 * access) to a resident page and enters it in the map's pmap. The page is
 * looked for down the object's shadow chain; if no object has it, the
 * first object gets a zero-filled page; if an object's manager has it, the
 * fault asks with data_request and waits; a write to a page found below
 * the first object copies it up (copy-on-write), and a write to an object
 * that has a copy object first pushes the old page there.
 *
 * <p>Conditions: called with no lock; takes the VM lock, and waits (only if
 * the thread may) without it.
 */
final class VmFault {

    /** Not a Mach code: the state changed while the fault waited; look again. */
    private static final int RETRY = Integer.MIN_VALUE;

    private VmFault() {
    }

    /**
     * Routine: vm_fault. Purpose: makes the page at {@code address} of
     * {@code map} resident and enters it in the map's pmap for
     * {@code access} (GNU Mach's fault_type: VM_PROT_READ, VM_PROT_WRITE,
     * VM_PROT_EXECUTE for an instruction fetch, or a union of them). The
     * translation allows reads always, writes where the entry and the
     * page allow them, and instruction fetches where the entry's protection
     * has VM_PROT_EXECUTE and the manager has not locked it.
     * Conditions: no lock held; takes the VM lock, and waits without it if
     * {@code t} may.
     * Returns: KERN_SUCCESS (the page is in the pmap
     * with at least {@code access}); KERN_INVALID_ADDRESS (no entry);
     * KERN_PROTECTION_FAILURE (the entry forbids the access: a write to
     * memory without VM_PROT_WRITE, a fetch from memory without
     * VM_PROT_EXECUTE);
     * KERN_MEMORY_ERROR (the manager gave data_error); KERN_MEMORY_FAILURE
     * (the object was destroyed, or VM shut down);
     * {@link VmSystem#VM_WOULD_BLOCK} if the thread may not wait.
     */
    static int fault(VmMap map, long address, int access, VmThread t) {
        Vm vm = map.vm;
        vm.lock();
        try {
            vm.faults++;
            while (true) {
                int kr = attempt(map, address & ~(long) (VmResident.PAGE - 1), access, t);
                if (kr != RETRY) {
                    return kr;
                }
                if (vm.isShutdown()) {
                    return KERN_MEMORY_FAILURE;
                }
            }
        } finally {
            vm.unlock();
        }
    }

    /** Waits for a change and asks for a retry. Conditions: the VM lock held. */
    private static int waitAndRetry(Vm vm, VmThread t) {
        if (vm.await(t)) {
            return RETRY;
        }
        return t.mayBlock() || vm.isShutdown() ? KERN_MEMORY_FAILURE : VmSystem.VM_WOULD_BLOCK;
    }

    private static int attempt(VmMap map, long va, int access, VmThread t) {
        Vm vm = map.vm;
        VmMapEntry e = map.lookup(va);
        if (e == null) {
            return KERN_INVALID_ADDRESS;
        }
        if ((e.protection & access) != access) {
            return KERN_PROTECTION_FAILURE;
        }
        boolean write = (access & VM_PROT_WRITE) != 0;
        if (e.object == null) {
            e.object = map.privateObject(e.size());
            e.offset = 0;
            e.needsCopy = false;
        } else if (write && e.needsCopy) {
            map.shadowEntry(e);
        }
        VmObject first = e.object;
        long firstOffset = e.objectOffset(va);
        VmCollapse.collapse(first);

        VmObject obj = first;
        long off = firstOffset;
        VmPage page = null;
        while (true) {
            if (obj.destroyed) {
                return KERN_MEMORY_FAILURE;
            }
            page = obj.page(off);
            if (page != null) {
                if (page.absent) {
                    return waitAndRetry(vm, t);
                }
                if (page.error != 0) {
                    vm.pageFree(page);
                    return KERN_MEMORY_ERROR;
                }
                if ((page.lockValue & access) != 0) {
                    MemoryObject.requestUnlock(page, access);
                    return waitAndRetry(vm, t);
                }
                if (!page.resident()) {
                    int f = vm.frameGrab(t);
                    if (f < 0) {
                        return waitAndRetry(vm, t);
                    }
                    materialize(vm, page, f);
                }
                break;
            }
            if (obj.pagerState == VmObject.PAGER_INIT
                    || (obj.pagerState == VmObject.PAGER_CREATING && (obj.pagerHasAll || obj.pagedOut.contains(off)))) {
                return waitAndRetry(vm, t);
            }
            if (obj.pagerHas(off)) {
                MemoryObject.requestData(obj, off, access);
                return waitAndRetry(vm, t);
            }
            if (obj.pagerState == VmObject.PAGER_DEAD && obj.pagerHasAll) {
                return KERN_MEMORY_FAILURE;
            }
            if (obj.shadow == null) {
                page = null;
                break;
            }
            off += obj.shadowOffset;
            obj = obj.shadow;
        }

        if (write && first.copy != null) {
            int kr = pushToCopy(vm, first, firstOffset, page, obj == first, t);
            if (kr != KERN_SUCCESS) {
                return kr;
            }
        }
        if (page == null) {
            int f = vm.frameGrab(t);
            if (f < 0) {
                return waitAndRetry(vm, t);
            }
            page = first.pageAlloc(firstOffset);
            vm.resident.zero(f);
            vm.pageInsert(page, f);
            vm.zeroFillCount++;
            obj = first;
        } else if (obj != first && write) {
            int f = vm.frameGrab(t);
            if (f < 0) {
                return waitAndRetry(vm, t);
            }
            VmPage copy = first.pageAlloc(firstOffset);
            vm.resident.copyFrame(page.frame, f);
            vm.pageInsert(copy, f);
            copy.dirty = true;
            page.referenced = true;
            page = copy;
            obj = first;
            vm.cowFaults++;
        }
        boolean writable = obj == first && (e.protection & VM_PROT_WRITE) != 0 && !e.needsCopy
                && (page.lockValue & VM_PROT_WRITE) == 0 && copyHolds(first, firstOffset);
        boolean executable = (e.protection & VM_PROT_EXECUTE) != 0 && (page.lockValue & VM_PROT_EXECUTE) == 0;
        page.referenced = true;
        if (write) {
            page.dirty = true;
        }
        map.pmap.enter(va / VmResident.PAGE, page,
                VM_PROT_READ | (writable ? VM_PROT_WRITE : 0) | (executable ? VM_PROT_EXECUTE : 0));
        if (e.wired && obj == first && page.wireCount == 0) {
            vm.pageWire(page);
        }
        return KERN_SUCCESS;
    }

    /** Whether writes to the page at {@code offset} need no push to the object's copy. */
    private static boolean copyHolds(VmObject o, long offset) {
        VmObject c = o.copy;
        return c == null || c.page(offset - c.shadowOffset) != null || c.pagerHas(offset - c.shadowOffset);
    }

    /**
     * Routine: the copy-object push of vm_fault_page. Purpose: before a
     * write changes the page at {@code offset} of {@code o}, its copy object
     * gets the old contents (zeros if {@code page} is null) unless it has
     * its own page there already. Returns KERN_SUCCESS or RETRY (after a
     * wait for a frame). Conditions: the VM lock held.
     */
    private static int pushToCopy(Vm vm, VmObject o, long offset, VmPage page, boolean pageInO, VmThread t) {
        VmObject c = o.copy;
        long cOffset = offset - c.shadowOffset;
        if (cOffset < 0 || cOffset >= c.size || c.page(cOffset) != null || c.pagerHas(cOffset)) {
            return KERN_SUCCESS;
        }
        int f = vm.frameGrab(t);
        if (f < 0) {
            return waitAndRetry(vm, t);
        }
        VmPage pushed = c.pageAlloc(cOffset);
        if (page == null) {
            vm.resident.zero(f);
        } else {
            vm.resident.copyFrame(page.frame, f);
        }
        vm.pageInsert(pushed, f);
        pushed.dirty = true;
        if (pageInO && page != null) {
            Pmap.removeAll(page); // mappings of the copy that read through to this page
        }
        return KERN_SUCCESS;
    }

    /** Puts a staged or zero-fill page in its frame. Conditions: the VM lock held. */
    static void materialize(Vm vm, VmPage page, int frame) {
        if (page.staged != null) {
            vm.resident.write(frame, 0, page.staged, 0, VmResident.PAGE);
            page.staged = null;
        } else {
            vm.resident.zero(frame);
        }
        page.zeroFill = false;
        vm.pageInsert(page, frame);
    }
}
