package org.jmach.vm.vm;

import java.util.ArrayList;
import java.util.List;

import org.jmach.vm.spi.PageoutPolicy;

/**
 * A page of a VM object (GNU Mach's {@code vm_page}): resident in a frame
 * of the machine, or on its way there.
 *
 * <p>States: <b>absent</b> (asked of the manager, no data yet; busy);
 * <b>staged</b> (data supplied or made by the kernel, no frame yet);
 * <b>zero-fill</b> (the manager had no data); <b>error</b> (the manager
 * gave data_error); <b>resident</b> (in {@link #frame}). A fault turns
 * staged and zero-fill pages resident. A resident page is mapped by the
 * pmaps on its {@link #mappings} list, and is a pageout candidate while
 * {@link #inPolicy}.
 *
 * <p>Conditions: every field but {@link #referenced} and {@link #dirty} is
 * guarded by the VM lock; those two are also set by the accessor, as the
 * MMU sets them, and read under the lock.
 */
final class VmPage implements PageoutPolicy.ResidentPage {

    final VmObject object;
    /** Byte offset in the object, page-aligned. */
    final long offset;

    int frame = -1;
    boolean absent;
    byte[] staged;
    boolean zeroFill;
    int error;

    volatile boolean referenced;
    volatile boolean dirty;
    boolean precious;
    /** Access the manager denies (lock value). */
    int lockValue;
    boolean unlockRequested;
    /** MEMORY_OBJECT_COPY_NONE: when the manager's data arrives, the object's copy gets it first. */
    boolean copyOnArrival;

    /** The pmaps that map it: (map, virtual page number) pairs. */
    final List<Pmap.Mapping> mappings = new ArrayList<>(1);
    boolean inPolicy;
    /** vm_wire references: a wired page is no pageout candidate. */
    int wireCount;
    private Object policyData;

    VmPage(VmObject object, long offset) {
        this.object = object;
        this.offset = offset;
    }

    boolean resident() {
        return frame >= 0;
    }

    /** Whether a fault must wait for it (the manager has not answered). */
    boolean busy() {
        return absent;
    }

    @Override
    public int frame() {
        return frame;
    }

    @Override
    public boolean testAndClearReference() {
        boolean r = referenced;
        if (r) {
            referenced = false;
            object.vm.reactivations++;
        }
        return r;
    }

    @Override
    public Object policyData() {
        return policyData;
    }

    @Override
    public void setPolicyData(Object data) {
        policyData = data;
    }

    @Override
    public String toString() {
        return "page " + Long.toHexString(offset) + " of object " + object.id;
    }
}
