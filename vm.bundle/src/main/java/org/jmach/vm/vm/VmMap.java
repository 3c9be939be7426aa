package org.jmach.vm.vm;

import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_CALL;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_NONE;
import static org.jmach.vm.VmInherit.VM_INHERIT_COPY;
import static org.jmach.vm.VmInherit.VM_INHERIT_LAST_VALID;
import static org.jmach.vm.VmInherit.VM_INHERIT_NONE;
import static org.jmach.vm.VmInherit.VM_INHERIT_SHARE;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;
import static org.jmach.vm.VmProt.VM_PROT_NONE;
import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.jmach.vm.VmProt.VM_PROT_WRITE;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ADDRESS;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.vm.vm.VmReturn.KERN_NO_ACCESS;
import static org.jmach.vm.vm.VmReturn.KERN_NO_SPACE;
import static org.jmach.vm.vm.VmReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.PmapAccess;
import org.jmach.vm.spi.VmRegion;
import org.jmach.vm.spi.VmThread;

/**
 * A task's address map (GNU Mach's {@code vm/vm_map.c}): entries by start
 * address, disjoint, each over a VM object, and the pmap of the pages
 * faulted in. Copy-on-write is symmetric (both entries marked needs-copy)
 * for an object only this entry writes, and goes through a copy object
 * ({@link VmObject#copy}) for one that a shared mapping may still write.
 *
 * <p>Conditions: every routine takes the VM lock (none nested); the
 * accessor ({@link #load}, {@link #store}) reads the pmap without it and
 * faults ({@link VmFault}) when a translation is missing.
 */
final class VmMap implements AddressMap {

    private static final long PAGE = VmResident.PAGE;
    private static final long PAGE_MASK = PAGE - 1;
    /** Where anywhere allocations start looking, above where programs are loaded. */
    static final long ANYWHERE_BASE = 0x1000_0000L;

    final Vm vm;
    final Pmap pmap = new Pmap();
    final TreeMap<Long, VmMapEntry> entries = new TreeMap<>();
    private long sizeCurrent = MAX_ADDRESS;
    private long sizeMax = MAX_ADDRESS;
    private boolean destroyed;
    /** The memory of this map alone is kept resident ({@link #keepReceivedResident}). Guarded by the VM lock. */
    private boolean keepReceivedResident;

    VmMap(Vm vm) {
        this.vm = vm;
    }

    static long trunc(long a) {
        return a & ~PAGE_MASK;
    }

    static long round(long a) {
        return (a + PAGE_MASK) & ~PAGE_MASK;
    }

    /** Whether [address, address + size) lies in the user range, without wrapping. */
    static boolean inRange(long address, long size) {
        return size >= 0 && address >= 0 && address <= MAX_ADDRESS - size;
    }

    // --- entries ---

    /** Routine: vm_map_lookup_entry. The entry holding {@code a}, or null. Conditions: the VM lock held. */
    VmMapEntry lookup(long a) {
        Map.Entry<Long, VmMapEntry> f = entries.floorEntry(a);
        return f != null && f.getValue().end > a ? f.getValue() : null;
    }

    /** Splits entries so that none straddles {@code a}. Conditions: the VM lock held. */
    private void clip(long a) {
        VmMapEntry e = lookup(a);
        if (e != null && e.start < a) {
            VmMapEntry upper = e.splitAt(a);
            entries.put(upper.start, upper);
        }
    }

    /** The entries of [start, end) after clipping, lowest first. Conditions: the VM lock held. */
    private List<VmMapEntry> clipped(long start, long end) {
        clip(start);
        clip(end);
        return new ArrayList<>(entries.subMap(start, true, end, false).values());
    }

    /** Whether every page of [start, end) is mapped. Conditions: the VM lock held. */
    private boolean covered(long start, long end) {
        long at = start;
        while (at < end) {
            VmMapEntry e = lookup(at);
            if (e == null) {
                return false;
            }
            at = e.end;
        }
        return true;
    }

    /** The entries overlapping [start, end), when {@link #covered} says there are. Conditions: the VM lock held. */
    private java.util.Collection<VmMapEntry> overlapping(long start, long end) {
        return entries.subMap(entries.floorKey(start), true, end, false).values();
    }

    /**
     * Whether every page of [start, end) is mapped with at least
     * {@code needed}: KERN_SUCCESS, KERN_INVALID_ADDRESS or
     * KERN_PROTECTION_FAILURE. Conditions: the VM lock held.
     */
    private int mappedWith(long start, long end, int needed) {
        if (!covered(start, end)) {
            return KERN_INVALID_ADDRESS;
        }
        for (VmMapEntry e : overlapping(start, end)) {
            if ((e.protection & needed) != needed) {
                return KERN_PROTECTION_FAILURE;
            }
        }
        return KERN_SUCCESS;
    }

    /** Routine: vm_map_delete. Conditions: the VM lock held. */
    private void remove(long start, long end) {
        for (VmMapEntry e : clipped(start, end)) {
            entries.remove(e.start);
            vm.objectDeallocate(e.object);
        }
        pmap.remove(start / PAGE, end / PAGE);
    }

    /** First-fit search for {@code size} bytes aligned to {@code mask}; -1 if none. */
    private long findSpace(long size, long mask) {
        long at = ANYWHERE_BASE;
        while (true) {
            at = (at + mask) & ~mask;
            if (at > MAX_ADDRESS - size) {
                return -1;
            }
            Map.Entry<Long, VmMapEntry> before = entries.lowerEntry(at + size);
            if (before == null || before.getValue().end <= at) {
                return at;
            }
            at = before.getValue().end;
        }
    }

    /** Bytes mapped with a protection other than none. Conditions: the VM lock held. */
    private long accounted() {
        long n = 0;
        for (VmMapEntry e : entries.values()) {
            if (e.protection != VM_PROT_NONE) {
                n += e.size();
            }
        }
        return n;
    }

    /**
     * Routine: vm_object_shadow for an entry. Purpose: gives a needs-copy
     * entry a private object shadowing the shared one.
     * Conditions: the VM lock held.
     */
    void shadowEntry(VmMapEntry e) {
        VmObject s = privateObject(e.size());
        s.shadow = e.object;
        s.shadowOffset = e.offset;
        e.object = s;
        e.offset = 0;
        e.needsCopy = false;
    }

    /**
     * Routine: vm_object_allocate for memory of this map alone (zero fill,
     * a shadow for a write): kept resident if the map's task pages for the
     * kernel ({@link #keepReceivedResident}). Conditions: the VM lock held.
     * Returns an object with one reference.
     */
    VmObject privateObject(long size) {
        VmObject o = vm.objectCreate(size, true);
        o.keepResident = keepReceivedResident;
        return o;
    }

    /**
     * The copy-on-write copy of entry {@code e} for another entry: the
     * object the copy maps (with a reference for it). Symmetric when only
     * this entry writes the object; through a copy object otherwise.
     * Conditions: the VM lock held.
     */
    private VmObject copyOf(VmMapEntry e) {
        if (e.object == null) {
            e.object = vm.objectCreate(e.size(), true);
            e.offset = 0;
        }
        VmObject o = e.object;
        VmCollapse.collapse(o);
        if (!o.internal && o.copyStrategy == MEMORY_OBJECT_COPY_CALL && o.pagerState == VmObject.PAGER_READY) {
            return MemoryObject.copyCall(o, e.offset, e.size());
        }
        if (e.needsCopy || (o.refCount == 1 && o.internal)) {
            // Symmetric: nobody else sees the object, so either side may shadow it. A manager's object
            // keeps taking the original's writes instead, through a copy object.
            e.needsCopy = true;
            pmap.remove(e.start / PAGE, e.end / PAGE);
            o.refCount++;
            return o;
        }
        VmObject c = copyObject(o);
        if (!o.internal && o.copyStrategy == MEMORY_OBJECT_COPY_NONE && o.pagerState == VmObject.PAGER_READY) {
            MemoryObject.copyEagerly(o, c, e.offset, e.size());
        }
        return c;
    }

    /**
     * Routine: vm_object_copy_delayed. Purpose: a new copy object of
     * {@code o}, which stays writable: the previous copy now reads through
     * the new one, and every mapping of {@code o}'s pages is removed so
     * that the next write faults and pushes. Conditions: the VM lock held.
     * Returns the copy with one reference.
     */
    private VmObject copyObject(VmObject o) {
        VmObject c = vm.objectCreate(o.size, true);
        c.shadow = o;
        o.refCount++;
        VmObject old = o.copy;
        if (old != null) {
            old.shadow = c;
            old.copyOf = null;
            c.refCount++;
            o.refCount--;
        }
        o.copy = c;
        c.copyOf = o;
        for (VmPage p : o.pages.values()) {
            Pmap.removeAll(p);
        }
        return c;
    }

    // --- AddressMap ---

    @Override
    public int allocate(long[] address, long size, boolean anywhere) {
        return map(address, size, 0, anywhere, null, 0, false, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY);
    }

    @Override
    public int map(long[] address, long size, long mask, boolean anywhere, MemoryObjectControl object,
            long offset, boolean copy, int curProtection, int maxProtection, int inheritance) {
        if ((curProtection & ~VM_PROT_ALL) != 0 || (maxProtection & ~VM_PROT_ALL) != 0
                || (curProtection & maxProtection) != curProtection || inheritance < 0
                || inheritance > VM_INHERIT_LAST_VALID || (offset & PAGE_MASK) != 0 || offset < 0
                || (object != null && !(object instanceof VmObject))) {
            return KERN_INVALID_ARGUMENT;
        }
        if (size == 0) {
            address[0] = 0;
            return KERN_SUCCESS;
        }
        if (size < 0 || size > MAX_ADDRESS) {
            return KERN_INVALID_ARGUMENT;
        }
        long length = round(size);
        vm.lock();
        try {
            if (destroyed) {
                return KERN_INVALID_ARGUMENT;
            }
            long start;
            if (anywhere) {
                start = findSpace(length, mask | PAGE_MASK);
                if (start < 0) {
                    return KERN_NO_SPACE;
                }
            } else {
                start = trunc(address[0]);
                if (start < MIN_ADDRESS || !inRange(start, length) || (start & mask) != 0) {
                    return KERN_INVALID_ADDRESS;
                }
                Map.Entry<Long, VmMapEntry> before = entries.lowerEntry(start + length);
                if (before != null && before.getValue().end > start) {
                    return KERN_NO_SPACE;
                }
            }
            if (curProtection != VM_PROT_NONE && accounted() + length > sizeCurrent) {
                return KERN_NO_SPACE;
            }
            VmObject o = null;
            long off = 0;
            boolean needsCopy = false;
            if (object != null) {
                VmObject mo = (VmObject) object;
                mo.refCount++;
                o = mo;
                off = offset;
                if (copy) {
                    VmMapEntry tmp = new VmMapEntry(start, start + length, mo, off, curProtection,
                            maxProtection, inheritance);
                    o = copyOf(tmp);
                    vm.objectDeallocate(mo);
                    needsCopy = true;
                }
            }
            VmMapEntry e = new VmMapEntry(start, start + length, o, off, curProtection, maxProtection,
                    inheritance);
            e.needsCopy = needsCopy;
            entries.put(start, e);
            address[0] = start;
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int deallocate(long address, long size) {
        if (!inRange(address, size)) {
            return KERN_INVALID_ADDRESS;
        }
        if (size == 0) {
            return KERN_SUCCESS;
        }
        vm.lock();
        try {
            remove(trunc(address), round(address + size));
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int protect(long address, long size, boolean setMaximum, int newProtection) {
        if ((newProtection & ~VM_PROT_ALL) != 0) {
            return KERN_INVALID_ARGUMENT;
        }
        if (!inRange(address, size)) {
            return KERN_INVALID_ADDRESS;
        }
        long start = trunc(address);
        long end = round(address + size);
        vm.lock();
        try {
            if (!covered(start, end)) {
                return KERN_INVALID_ADDRESS;
            }
            long growing = 0;
            for (VmMapEntry e : overlapping(start, end)) {
                if ((newProtection & e.maxProtection) != newProtection) {
                    return KERN_PROTECTION_FAILURE;
                }
                long s = Math.max(e.start, start);
                long t = Math.min(e.end, end);
                int after = setMaximum ? e.protection & newProtection : newProtection;
                if (e.protection == VM_PROT_NONE && after != VM_PROT_NONE) {
                    growing += t - s;
                }
            }
            if (growing > 0 && accounted() + growing > sizeCurrent) {
                return KERN_NO_SPACE;
            }
            for (VmMapEntry e : clipped(start, end)) {
                if (setMaximum) {
                    e.maxProtection = newProtection;
                    e.protection &= newProtection;
                } else {
                    e.protection = newProtection;
                }
            }
            pmap.remove(start / PAGE, end / PAGE);
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int inherit(long address, long size, int inheritance) {
        if (inheritance < VM_INHERIT_SHARE || inheritance > VM_INHERIT_LAST_VALID) {
            return KERN_INVALID_ARGUMENT;
        }
        if (!inRange(address, size)) {
            return KERN_INVALID_ADDRESS;
        }
        vm.lock();
        try {
            for (VmMapEntry e : clipped(trunc(address), round(address + size))) {
                e.inheritance = inheritance;
            }
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int wire(long address, long size, int access) {
        if ((access & ~VM_PROT_ALL) != 0) {
            return KERN_INVALID_ARGUMENT;
        }
        if (!inRange(address, size)) {
            return KERN_INVALID_ADDRESS;
        }
        long start = trunc(address);
        long end = round(address + size);
        vm.lock();
        try {
            int kr = mappedWith(start, end, access);
            if (kr != KERN_SUCCESS) {
                return kr;
            }
            List<VmMapEntry> range = clipped(start, end);
            for (VmMapEntry e : range) {
                boolean was = e.wired;
                e.wired = access != VM_PROT_NONE;
                if (was == e.wired) {
                    continue;
                }
                for (long a = e.start; a < e.end; a += PAGE) {
                    if (e.wired) {
                        // Fault it in now if no manager must be waited for; else it is wired when it comes.
                        VmFault.fault(this, a, access | VM_PROT_READ, VmThread.NO_WAIT);
                        continue;
                    }
                    long stamp = pmap.lock.readLock();
                    Pmap.Pte pte;
                    try {
                        pte = pmap.lookup(a / PAGE);
                    } finally {
                        pmap.lock.unlockRead(stamp);
                    }
                    if (pte != null && pte.page.object == e.object) {
                        vm.pageUnwire(pte.page);
                    }
                }
            }
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int copyin(long address, long size, boolean deallocate, MapCopy[] copy) {
        if (!inRange(address, size)) {
            return KERN_INVALID_ADDRESS;
        }
        vm.lock();
        try {
            if (size == 0) {
                copy[0] = new VmMapCopy(vm, 0, 0, List.of());
                return KERN_SUCCESS;
            }
            long start = trunc(address);
            long end = round(address + size);
            int kr = mappedWith(start, end, VM_PROT_READ);
            if (kr != KERN_SUCCESS) {
                return kr;
            }
            List<VmMapCopy.Piece> pieces = new ArrayList<>();
            for (VmMapEntry e : clipped(start, end)) {
                pieces.add(new VmMapCopy.Piece(e.start - start, e.size(), copyOf(e), e.offset));
            }
            copy[0] = new VmMapCopy(vm, address & PAGE_MASK, size, pieces);
            if (deallocate) {
                remove(start, end);
            }
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public void keepReceivedResident() {
        vm.lock();
        try {
            keepReceivedResident = true;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int copyout(MapCopy copy, long[] address) {
        VmMapCopy c = (VmMapCopy) copy;
        if (c.size() == 0) {
            address[0] = 0;
            c.discard();
            return KERN_SUCCESS;
        }
        vm.lock();
        try {
            long length = c.pageSpan();
            long start = findSpace(length, PAGE_MASK);
            if (start < 0 || accounted() + length > sizeCurrent || destroyed) {
                return KERN_NO_SPACE;
            }
            for (VmMapCopy.Piece p : c.take()) {
                VmMapEntry e = new VmMapEntry(start + p.at(), start + p.at() + p.size(), p.object(), p.offset(),
                        VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY);
                e.needsCopy = p.object() != null;
                if (keepReceivedResident && p.object() != null && p.object().refCount == 1) {
                    // The data is this map's alone (the kernel's, typically): never page it out.
                    p.object().keepResident = true;
                }
                entries.put(e.start, e);
            }
            address[0] = start + c.pageOffset();
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int overwrite(long address, MapCopy copy) {
        VmMapCopy c = (VmMapCopy) copy;
        if ((address & PAGE_MASK) != 0 || c.pageOffset() != 0 || (c.size() & PAGE_MASK) != 0) {
            return KERN_INVALID_ARGUMENT;
        }
        if (!inRange(address, c.size())) {
            return KERN_INVALID_ADDRESS;
        }
        if (c.size() == 0) {
            c.discard();
            return KERN_SUCCESS;
        }
        long end = address + c.size();
        vm.lock();
        try {
            int kr = mappedWith(address, end, VM_PROT_WRITE);
            if (kr != KERN_SUCCESS) {
                return kr;
            }
            List<VmMapEntry> old = clipped(address, end);
            List<VmMapCopy.Piece> pieces = c.take();
            for (VmMapEntry d : old) {
                entries.remove(d.start);
                for (VmMapCopy.Piece p : pieces) {
                    long s = Math.max(d.start, address + p.at());
                    long t = Math.min(d.end, address + p.at() + p.size());
                    if (s >= t) {
                        continue;
                    }
                    VmObject o = p.object();
                    if (o != null) {
                        o.refCount++;
                    }
                    VmMapEntry n = new VmMapEntry(s, t, o, p.offset() + (s - address - p.at()), d.protection,
                            d.maxProtection, d.inheritance);
                    n.needsCopy = o != null;
                    entries.put(s, n);
                }
                if (d.object != null && d.object.refCount > 1 && !d.needsCopy) {
                    // A shared destination keeps its object: the others see the write.
                    writeThrough(d, address, pieces);
                } else {
                    vm.objectDeallocate(d.object);
                }
            }
            for (VmMapCopy.Piece p : pieces) {
                vm.objectDeallocate(p.object());
            }
            pmap.remove(address / PAGE, end / PAGE);
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    /**
     * vm_write into memory another task shares: the shared object keeps the
     * mapping and gets the new data page by page through the shared
     * object's resident pages; pages not resident get the copy's pages as
     * staged data. Conditions: the VM lock held; {@code d} was removed and
     * replaced by entries of the copy, which are put back to {@code d}.
     */
    private void writeThrough(VmMapEntry d, long address, List<VmMapCopy.Piece> pieces) {
        for (VmMapEntry n : new ArrayList<>(entries.subMap(d.start, true, d.end, false).values())) {
            entries.remove(n.start);
            for (long a = n.start; a < n.end; a += PAGE) {
                byte[] data = VmMapCopy.pageData(vm, n.object, n.objectOffset(a));
                MemoryObject.stagePage(d.object, d.objectOffset(a), data, true);
            }
            vm.objectDeallocate(n.object);
        }
        entries.put(d.start, d);
    }

    @Override
    public VmRegion region(long address) {
        vm.lock();
        try {
            Map.Entry<Long, VmMapEntry> f = entries.floorEntry(address);
            VmMapEntry e = f != null && f.getValue().end > address ? f.getValue() : null;
            if (e == null) {
                Map.Entry<Long, VmMapEntry> h = entries.higherEntry(address);
                e = h == null ? null : h.getValue();
            }
            return e == null ? null : regionOf(e);
        } finally {
            vm.unlock();
        }
    }

    @Override
    public List<VmRegion> regions() {
        vm.lock();
        try {
            List<VmRegion> out = new ArrayList<>();
            for (VmMapEntry e : entries.values()) {
                out.add(regionOf(e));
            }
            return out;
        } finally {
            vm.unlock();
        }
    }

    private VmRegion regionOf(VmMapEntry e) {
        VmObject o = e.object;
        int resident = o == null ? 0 : o.residentIn(e.offset, e.size());
        return new VmRegion(e.start, e.end, e.protection, e.maxProtection, e.inheritance,
                e.isShared, o, o == null ? 0 : o.id, e.offset, resident);
    }

    @Override
    public AddressMap fork() {
        vm.lock();
        try {
            VmMap child = new VmMap(vm);
            child.sizeCurrent = sizeCurrent;
            child.sizeMax = sizeMax;
            for (VmMapEntry e : new ArrayList<>(entries.values())) {
                if (e.inheritance == VM_INHERIT_NONE) {
                    continue;
                }
                VmMapEntry n = new VmMapEntry(e.start, e.end, null, 0, e.protection, e.maxProtection,
                        e.inheritance);
                if (e.inheritance == VM_INHERIT_SHARE) {
                    if (e.object == null) {
                        e.object = vm.objectCreate(e.size(), true);
                        e.offset = 0;
                    } else if (e.needsCopy) {
                        shadowEntry(e);
                        pmap.remove(e.start / PAGE, e.end / PAGE);
                    }
                    e.object.refCount++;
                    n.object = e.object;
                    n.offset = e.offset;
                    e.isShared = true;
                    n.isShared = true;
                } else {
                    VmObject o = copyOf(e);
                    n.object = o;
                    n.offset = e.offset;
                    n.needsCopy = true;
                }
                child.entries.put(n.start, n);
            }
            return child;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int setSizeLimit(long current, long maximum, boolean privileged) {
        if (current > maximum || current < 0) {
            return KERN_INVALID_ARGUMENT;
        }
        vm.lock();
        try {
            if (maximum > sizeMax && !privileged) {
                return KERN_NO_ACCESS;
            }
            sizeCurrent = current;
            sizeMax = maximum;
            return KERN_SUCCESS;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public long[] sizeLimit() {
        vm.lock();
        try {
            return new long[] {sizeCurrent, sizeMax};
        } finally {
            vm.unlock();
        }
    }

    @Override
    public long virtualSize() {
        vm.lock();
        try {
            long n = 0;
            for (VmMapEntry e : entries.values()) {
                n += e.size();
            }
            return n;
        } finally {
            vm.unlock();
        }
    }

    @Override
    public long accountedSize() {
        vm.lock();
        try {
            return accounted();
        } finally {
            vm.unlock();
        }
    }

    @Override
    public int residentPages() {
        return pmap.size();
    }

    @Override
    public int load(long address, byte[] dst, int offset, int length, VmThread thread) {
        return VmAccess.access(this, address, dst, offset, length, false, thread);
    }

    @Override
    public int store(long address, byte[] src, int offset, int length, VmThread thread) {
        return VmAccess.access(this, address, src, offset, length, true, thread);
    }

    private final PmapAccess pmapAccess = new PmapAccess() {
        @Override
        public long beginRun() {
            return pmap.lock.readLock();
        }

        @Override
        public void endRun(long stamp) {
            pmap.lock.unlockRead(stamp);
        }

        @Override
        public long generation() {
            return pmap.generation;
        }

        @Override
        public byte[] frame(long vpn, int access) {
            Pmap.Pte pte = pmap.lookup(vpn);
            if (pte == null || !pte.allows(access)) {
                return null;
            }
            VmPage page = pte.page;
            if (!page.referenced) {
                page.referenced = true;
            }
            if ((access & VM_PROT_WRITE) != 0 && !page.dirty) {
                page.dirty = true;
            }
            return vm.resident.memory.frame(pte.frame);
        }

        @Override
        public int fault(long address, int access, VmThread thread) {
            if ((access & ~VM_PROT_ALL) != 0) {
                return KERN_INVALID_ARGUMENT;
            }
            if (address < 0 || address >= MAX_ADDRESS) {
                thread.faultAddress = address;
                return KERN_INVALID_ADDRESS;
            }
            int kr = VmFault.fault(VmMap.this, address, access, thread);
            if (kr != KERN_SUCCESS) {
                thread.faultAddress = address;
            }
            return kr;
        }

        @Override
        public long changeCount() {
            return vm.changeCount();
        }

        @Override
        public void whenChanged(long seen, Runnable r) {
            vm.whenChanged(seen, r);
        }

        @Override
        public void addShootdown(Runnable hook) {
            pmap.shootdowns.add(hook);
        }

        @Override
        public void removeShootdown(Runnable hook) {
            pmap.shootdowns.remove(hook);
        }
    };

    @Override
    public PmapAccess pmapAccess() {
        return pmapAccess;
    }

    @Override
    public void destroy() {
        vm.lock();
        try {
            destroyed = true;
            remove(0, MAX_ADDRESS);
            pmap.clear();
        } finally {
            vm.unlock();
        }
    }
}
