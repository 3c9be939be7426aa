package org.jmach.vm.vm;

/**
 * One entry of an address map (GNU Mach's {@code vm_map_entry}): the pages
 * [start, end) are the object's pages from {@link #offset} on.
 * {@link #needsCopy} says the object is shared copy-on-write: the first
 * write through this entry gives it a shadow object of its own. A null
 * object is zero-fill memory not yet touched.
 *
 * <p>Conditions: guarded by the VM lock. The entry holds one reference on
 * its object.
 */
final class VmMapEntry {

    long start;
    long end;
    VmObject object;
    long offset;
    int protection;
    int maxProtection;
    int inheritance;
    boolean needsCopy;
    /** vm_wire: pages faulted in through the entry are wired. */
    boolean wired;
    /** Shared with another task by VM_INHERIT_SHARE (GNU Mach's is_shared): what vm_region reports. */
    boolean isShared;

    VmMapEntry(long start, long end, VmObject object, long offset, int protection, int maxProtection,
            int inheritance) {
        this.start = start;
        this.end = end;
        this.object = object;
        this.offset = offset;
        this.protection = protection;
        this.maxProtection = maxProtection;
        this.inheritance = inheritance;
    }

    long size() {
        return end - start;
    }

    /** The object offset of address {@code a} of the entry. */
    long objectOffset(long a) {
        return offset + (a - start);
    }

    /**
     * Routine: vm_map_clip_start/end. Purpose: splits the entry at
     * {@code at}, returning the upper part (a new entry with its own
     * reference on the object). Conditions: the VM lock held.
     */
    VmMapEntry splitAt(long at) {
        VmMapEntry upper = new VmMapEntry(at, end, object, objectOffset(at), protection, maxProtection,
                inheritance);
        upper.needsCopy = needsCopy;
        upper.wired = wired;
        upper.isShared = isShared;
        if (object != null) {
            object.refCount++;
        }
        end = at;
        return upper;
    }
}
