package org.jmach.vm.vm;

import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_NONE;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_TEMPORARY;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_RETURN_ALL;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_RETURN_DIRTY;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_RETURN_NONE;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_NO_CHANGE;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.vm.vm.VmReturn.KERN_MEMORY_ERROR;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;

import java.util.ArrayList;

import org.jmach.vm.spi.VmThread;

/**
 * The kernel side of the external memory management protocol (GNU Mach's
 * {@code vm/memory_object.c}): what a manager's calls on a control port do
 * to the object, and the requests a fault makes of the manager.
 *
 * <p>Conditions: the public routines take the VM lock; the others need it.
 */
final class MemoryObject {

    private static final int PAGE = VmResident.PAGE;
    /** kern_return_t KERN_MEMORY_PRESENT: a supplied page was there already. */
    private static final int KERN_MEMORY_PRESENT = 23;

    private MemoryObject() {
    }

    private static boolean aligned(long offset, long size) {
        return offset >= 0 && size >= 0 && (offset & (PAGE - 1)) == 0 && (size & (PAGE - 1)) == 0;
    }

    private static boolean validStrategy(int s) {
        return s >= MEMORY_OBJECT_COPY_NONE && s <= MEMORY_OBJECT_COPY_TEMPORARY;
    }

    /** Routine: memory_object_ready. */
    static int ready(VmObject o, boolean mayCache, int copyStrategy) {
        if (!validStrategy(copyStrategy)) {
            return KERN_INVALID_ARGUMENT;
        }
        Vm vm = o.vm;
        vm.lock();
        try {
            o.mayCache = mayCache;
            o.copyStrategy = copyStrategy;
            vm.pagerReady(o);
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /** Routine: memory_object_data_supply. */
    static int dataSupply(VmObject o, long offset, byte[] data, int lockValue, boolean precious, Object reply) {
        Vm vm = o.vm;
        if (!aligned(offset, data.length) || (lockValue & ~VM_PROT_ALL) != 0) {
            if (reply != null) {
                vm.channel.release(reply);
            }
            return KERN_INVALID_ARGUMENT;
        }
        vm.lock();
        try {
            int result = KERN_SUCCESS;
            long errorOffset = 0;
            for (int at = 0; at < data.length; at += PAGE) {
                long off = offset + at;
                VmPage p = o.page(off);
                if (p != null && !p.absent) {
                    if (result == KERN_SUCCESS) {
                        result = KERN_MEMORY_PRESENT;
                        errorOffset = off;
                    }
                    continue;
                }
                if (p == null) {
                    p = o.pageAlloc(off);
                }
                p.absent = false;
                p.lockValue = lockValue;
                p.precious = precious;
                p.unlockRequested = false;
                int f = vm.frameGrab(VmThread.NO_WAIT);
                if (f >= 0) {
                    vm.resident.write(f, 0, data, at, PAGE);
                    vm.pageInsert(p, f);
                } else {
                    byte[] page = new byte[PAGE];
                    System.arraycopy(data, at, page, 0, PAGE);
                    p.staged = page;
                }
                p.dirty = false;
                vm.pageins++;
                if (p.copyOnArrival) {
                    p.copyOnArrival = false;
                    pushToCopy(o, p);
                }
            }
            vm.wakeup();
            if (reply != null) {
                int r = result;
                long e = errorOffset;
                vm.send(() -> vm.channel.supplyCompleted(reply, o, offset, data.length, r, e));
            }
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /** Routine: memory_object_data_unavailable. */
    static int dataUnavailable(VmObject o, long offset, long size) {
        if (!aligned(offset, size)) {
            return KERN_INVALID_ARGUMENT;
        }
        Vm vm = o.vm;
        vm.lock();
        try {
            for (long off = offset; off < offset + size; off += PAGE) {
                VmPage p = o.page(off);
                if (p == null || !p.absent) {
                    continue;
                }
                if (o.shadow != null) {
                    // The data is below: let the fault look down the chain.
                    o.pagedOut.remove(off);
                    vm.pageFree(p);
                } else {
                    p.absent = false;
                    p.zeroFill = true;
                    if (p.copyOnArrival) {
                        p.copyOnArrival = false;
                        pushToCopy(o, p);
                    }
                }
            }
            vm.wakeup();
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /** Routine: memory_object_data_error. */
    static int dataError(VmObject o, long offset, long size, int reason) {
        if (!aligned(offset, size)) {
            return KERN_INVALID_ARGUMENT;
        }
        Vm vm = o.vm;
        vm.lock();
        try {
            for (long off = offset; off < offset + size; off += PAGE) {
                VmPage p = o.page(off);
                if (p != null && p.absent) {
                    p.absent = false;
                    p.error = reason != 0 ? reason : KERN_MEMORY_ERROR;
                }
            }
            vm.wakeup();
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /** Routine: memory_object_lock_request. */
    static int lockRequest(VmObject o, long offset, long size, int shouldReturn, boolean shouldFlush,
            int lockValue, Object reply) {
        Vm vm = o.vm;
        if (!aligned(offset, VmMap.round(size)) || shouldReturn < MEMORY_OBJECT_RETURN_NONE
                || shouldReturn > MEMORY_OBJECT_RETURN_ALL
                || (lockValue != VM_PROT_NO_CHANGE && (lockValue & ~VM_PROT_ALL) != 0)) {
            if (reply != null) {
                vm.channel.release(reply);
            }
            return KERN_INVALID_ARGUMENT;
        }
        long end = offset + VmMap.round(size);
        vm.lock();
        try {
            for (VmPage p : new ArrayList<>(o.pages.values())) {
                if (p.offset < offset || p.offset >= end || p.absent) {
                    continue;
                }
                if (p.resident()) {
                    Pmap.removeAll(p); // the dirty bit is final from here, and the new lock takes effect
                }
                boolean hasData = p.resident() || p.staged != null;
                boolean give = hasData && (shouldReturn == MEMORY_OBJECT_RETURN_ALL
                        || (shouldReturn == MEMORY_OBJECT_RETURN_DIRTY && (p.dirty || p.precious)));
                if (give && o.pager != null && o.pagerState == VmObject.PAGER_READY) {
                    byte[] bytes = p.resident() ? vm.resident.copyOut(p.frame) : p.staged.clone();
                    boolean dirty = p.dirty;
                    Object pager = o.pager;
                    long off = p.offset;
                    vm.send(() -> vm.channel.dataReturn(pager, o, off, bytes, dirty, false));
                    p.dirty = false;
                    vm.pageouts++;
                }
                if (shouldFlush) {
                    pushToCopy(o, p);
                    vm.pageFree(p);
                } else if (lockValue != VM_PROT_NO_CHANGE) {
                    p.lockValue = lockValue;
                    p.unlockRequested = false;
                }
            }
            vm.wakeup();
            if (reply != null) {
                long length = end - offset;
                vm.send(() -> vm.channel.lockCompleted(reply, o, offset, length));
            }
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /**
     * Routine: vm_object_copy_slowly, without waiting. Purpose: the copy of
     * an object whose manager may change its data behind the kernel's back
     * (MEMORY_OBJECT_COPY_NONE) must hold the data as it is now: every page
     * the kernel has goes into the copy at once, and every other page of the
     * range is asked of the manager now and goes into the copy when it
     * arrives. Conditions: the VM lock held; {@code copy} is {@code o}'s
     * newest copy object.
     */
    static void copyEagerly(VmObject o, VmObject copy, long offset, long size) {
        for (long off = offset; off < offset + size; off += PAGE) {
            VmPage p = o.page(off);
            if (p == null && o.pagerHas(off)) {
                requestData(o, off, org.jmach.vm.VmProt.VM_PROT_READ);
                p = o.page(off);
            }
            if (p == null) {
                continue;
            }
            if (p.absent) {
                p.copyOnArrival = true;
            } else {
                pushToCopy(o, p);
            }
        }
    }

    /**
     * Before a flushed page leaves an object that has a copy object, the
     * copy gets it (staged, without a frame) unless it has its own: the
     * manager may supply other data there later, which the copy must not
     * see. Conditions: the VM lock held.
     */
    private static void pushToCopy(VmObject o, VmPage p) {
        VmObject c = o.copy;
        if (c == null || !(p.resident() || p.staged != null || p.zeroFill)) {
            return;
        }
        long off = p.offset - c.shadowOffset;
        if (off < 0 || off >= c.size || c.page(off) != null || c.pagerHas(off)) {
            return;
        }
        byte[] bytes = p.resident() ? o.vm.resident.copyOut(p.frame)
                : p.staged != null ? p.staged.clone() : new byte[PAGE];
        stagePage(c, off, bytes, true);
    }

    /** Routine: memory_object_change_attributes. */
    static int changeAttributes(VmObject o, boolean mayCache, int copyStrategy, Object reply) {
        Vm vm = o.vm;
        if (!validStrategy(copyStrategy)) {
            if (reply != null) {
                vm.channel.release(reply);
            }
            return KERN_INVALID_ARGUMENT;
        }
        vm.lock();
        try {
            o.mayCache = mayCache;
            o.copyStrategy = copyStrategy;
            if (reply != null) {
                vm.send(() -> vm.channel.changeCompleted(reply, mayCache, copyStrategy));
            }
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /** Routine: memory_object_get_attributes. */
    static int getAttributes(VmObject o, int[] out) {
        Vm vm = o.vm;
        vm.lock();
        try {
            out[0] = o.pagerState == VmObject.PAGER_READY ? 1 : 0;
            out[1] = o.mayCache ? 1 : 0;
            out[2] = o.copyStrategy;
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /** Routine: memory_object_destroy. */
    static int destroy(VmObject o, int reason) {
        Vm vm = o.vm;
        vm.lock();
        try {
            o.destroyed = true;
            for (VmPage p : new ArrayList<>(o.pages.values())) {
                vm.pageFree(p);
            }
            vm.pagerDetach(o, true);
            vm.wakeup();
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /**
     * Routine: vm_object_copy_call. Purpose: a copy of [offset, offset +
     * size) of an object whose manager makes copies itself
     * (MEMORY_OBJECT_COPY_CALL): the range's dirty pages go back to the
     * manager first, so its copy starts from the data the kernel has; then
     * memory_object_copy gives the manager a new memory object port, and the
     * copy is a new object backed by it (memory_object_init follows). Faults
     * on the copy wait until its manager is ready. The copy keeps the
     * source's offsets. Returns it with one reference.
     * Conditions: the VM lock held.
     */
    static VmObject copyCall(VmObject src, long offset, long size) {
        Vm vm = src.vm;
        Object pager = src.pager;
        for (VmPage p : new ArrayList<>(src.pages.values())) {
            if (p.offset >= offset && p.offset < offset + size && p.resident() && p.dirty) {
                Pmap.removeAll(p);
                byte[] bytes = vm.resident.copyOut(p.frame);
                long off = p.offset;
                vm.send(() -> vm.channel.dataReturn(pager, src, off, bytes, true, false));
                p.dirty = false;
                vm.pageouts++;
            }
        }
        VmObject copy = vm.objectCreate(src.size, false);
        copy.pagerState = VmObject.PAGER_CREATING;
        copy.pagerHasAll = true;
        copy.copyStrategy = src.copyStrategy;
        vm.send(() -> {
            Object p = vm.channel.copy(pager, src, offset, size);
            vm.lock();
            try {
                if (p == null || copy.terminated) {
                    copy.pagerState = VmObject.PAGER_DEAD;
                    if (p != null) {
                        vm.send(() -> vm.channel.terminate(p, copy));
                    }
                } else {
                    vm.pagerAttach(copy, p);
                    vm.send(() -> vm.channel.init(p, copy, PAGE));
                }
                vm.wakeup();
            } finally {
                vm.unlock();
            }
        });
        return copy;
    }

    /** A fault asks the manager for a page: an absent page waits for the answer. Conditions: the VM lock held. */
    static void requestData(VmObject o, long offset, int access) {
        VmPage p = o.pageAlloc(offset);
        p.absent = true;
        Vm vm = o.vm;
        Object pager = o.pager;
        vm.send(() -> vm.channel.dataRequest(pager, o, offset, PAGE, access));
    }

    /** A fault asks the manager to unlock a page, once. Conditions: the VM lock held. */
    static void requestUnlock(VmPage p, int access) {
        if (p.unlockRequested) {
            return;
        }
        p.unlockRequested = true;
        VmObject o = p.object;
        Vm vm = o.vm;
        Object pager = o.pager;
        if (pager == null || o.pagerState != VmObject.PAGER_READY) {
            p.lockValue = 0; // no manager left to hold the lock
            vm.wakeup();
            return;
        }
        vm.send(() -> vm.channel.dataUnlock(pager, o, p.offset, PAGE, access));
    }

    /**
     * The object's manager died: the object becomes anonymous memory of
     * the default manager. Resident pages (dirty ones too) stay; pages a
     * fault was waiting for are asked of the default manager, or fail if
     * there is none. Conditions: the VM lock held.
     */
    static void failOver(VmObject o) {
        Vm vm = o.vm;
        vm.pagerDetach(o, false);
        o.internal = true;
        o.pagerHasAll = true;
        for (VmPage p : new ArrayList<>(o.pages.values())) {
            p.lockValue = 0;
            if (p.absent) {
                vm.pageFree(p);
            }
        }
        if (vm.defaultPager != null && !o.terminated) {
            vm.pagerCreate(o);
        } else {
            o.pagerState = VmObject.PAGER_DEAD;
        }
        vm.wakeup();
    }

    /** Puts data in the page at {@code offset}: into its frame if resident, else staged. Conditions: the VM lock held. */
    static void stagePage(VmObject o, long offset, byte[] data, boolean dirty) {
        VmPage p = o.page(offset);
        if (p == null) {
            p = o.pageAlloc(offset);
        }
        if (p.resident()) {
            o.vm.resident.write(p.frame, 0, data, 0, PAGE);
        } else {
            p.staged = data;
            p.zeroFill = false;
        }
        p.absent = false;
        p.error = 0;
        p.dirty = p.dirty || dirty;
        o.vm.wakeup();
    }

    static String pagerStateName(VmObject o) {
        switch (o.pagerState) {
            case VmObject.PAGER_NONE: return "none";
            case VmObject.PAGER_CREATING: return "creating";
            case VmObject.PAGER_INIT: return "init";
            case VmObject.PAGER_READY: return o.internal ? "default" : "external";
            case VmObject.PAGER_DEAD: return o.destroyed ? "destroyed" : "dead";
            default: return Integer.toString(o.pagerState);
        }
    }
}
