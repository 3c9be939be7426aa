package org.jmach.vm.vm;

import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_DELAY;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jmach.vm.spi.MemoryObjectControl;

/**
 * A VM object (GNU Mach's {@code vm/vm_object.c}): a cache of pages backed
 * either by a memory manager ({@link #pager}) or by the object it shadows
 * ({@link #shadow}, copy-on-write), or by nothing (zero fill).
 *
 * <p>Pager states: {@link #PAGER_NONE} (internal memory never paged out);
 * {@link #PAGER_CREATING} (memory_object_create to the default manager is
 * on its way); {@link #PAGER_INIT} (memory_object_init sent, waiting for
 * ready); {@link #PAGER_READY}; {@link #PAGER_DEAD} (the manager died or
 * destroyed the object and there is no default manager to take it).
 *
 * <p>Lifecycle: {@link #refCount} counts map entries, copies and shadowing
 * objects; at zero the object terminates ({@link Vm#objectTerminate}), or
 * waits in the object cache if its manager allows caching.
 *
 * <p>Conditions: every field is guarded by the VM lock. The manager's calls
 * ({@link MemoryObjectControl}) take it themselves.
 */
final class VmObject implements MemoryObjectControl {

    static final int PAGER_NONE = 0;
    static final int PAGER_CREATING = 1;
    static final int PAGER_INIT = 2;
    static final int PAGER_READY = 3;
    static final int PAGER_DEAD = 4;

    final Vm vm;
    final int id;
    long size;
    final Map<Long, VmPage> pages = new HashMap<>();

    VmObject shadow;
    long shadowOffset;
    /**
     * The newest copy-on-write copy of this object made while it stayed
     * writable through a shared mapping (GNU Mach's {@code copy}): a write
     * here first pushes the old page to it. The copy shadows this object.
     */
    VmObject copy;
    /** The object this one is the {@link #copy} of. */
    VmObject copyOf;
    int refCount = 1;

    /** Anonymous memory: paged by the default manager, asked only for pages it was given. */
    boolean internal;
    Object pager;
    int pagerState = PAGER_NONE;
    /** Offsets of an internal object's pages held by the default manager (GNU Mach's existence map). */
    final Set<Long> pagedOut = new HashSet<>();
    /** Whether every page not resident is the pager's (external objects, and objects failed over). */
    boolean pagerHasAll;
    int copyStrategy = MEMORY_OBJECT_COPY_DELAY;
    boolean mayCache;
    /** memory_object_destroy: faults fail from now on. */
    boolean destroyed;
    boolean terminated;
    /** Never paged out: memory received by a task that pages for the kernel ({@link VmMap#keepReceivedResident}). */
    boolean keepResident;
    private Object ports;

    VmObject(Vm vm, int id, long size, boolean internal) {
        this.vm = vm;
        this.id = id;
        this.size = size;
        this.internal = internal;
    }

    /** Whether a fault should ask the pager for the page at {@code offset}. */
    boolean pagerHas(long offset) {
        if (pagerState == PAGER_NONE || pagerState == PAGER_DEAD) {
            return false;
        }
        return pagerHasAll || pagedOut.contains(offset);
    }

    VmPage page(long offset) {
        return pages.get(offset);
    }

    VmPage pageAlloc(long offset) {
        VmPage p = new VmPage(this, offset);
        pages.put(offset, p);
        return p;
    }

    /** Resident pages of [offset, offset + length), this object only. */
    int residentIn(long offset, long length) {
        int n = 0;
        if (length / VmResident.PAGE < pages.size()) {
            for (long o = offset; o < offset + length; o += VmResident.PAGE) {
                VmPage p = pages.get(o);
                n += p != null && p.resident() ? 1 : 0;
            }
        } else {
            for (VmPage p : pages.values()) {
                n += p.resident() && p.offset >= offset && p.offset < offset + length ? 1 : 0;
            }
        }
        return n;
    }

    int residentCount() {
        int n = 0;
        for (VmPage p : pages.values()) {
            n += p.resident() ? 1 : 0;
        }
        return n;
    }

    @Override
    public int objectId() {
        return id;
    }

    @Override
    public Object ports() {
        return ports;
    }

    @Override
    public void setPorts(Object ports) {
        this.ports = ports;
    }

    @Override
    public int ready(boolean mayCache, int copyStrategy) {
        return MemoryObject.ready(this, mayCache, copyStrategy);
    }

    @Override
    public int dataSupply(long offset, byte[] data, int lockValue, boolean precious, Object reply) {
        return MemoryObject.dataSupply(this, offset, data, lockValue, precious, reply);
    }

    @Override
    public int dataUnavailable(long offset, long size) {
        return MemoryObject.dataUnavailable(this, offset, size);
    }

    @Override
    public int dataError(long offset, long size, int reason) {
        return MemoryObject.dataError(this, offset, size, reason);
    }

    @Override
    public int lockRequest(long offset, long size, int shouldReturn, boolean shouldFlush, int lockValue,
            Object reply) {
        return MemoryObject.lockRequest(this, offset, size, shouldReturn, shouldFlush, lockValue, reply);
    }

    @Override
    public int changeAttributes(boolean mayCache, int copyStrategy, Object reply) {
        return MemoryObject.changeAttributes(this, mayCache, copyStrategy, reply);
    }

    @Override
    public int getAttributes(int[] out) {
        return MemoryObject.getAttributes(this, out);
    }

    @Override
    public int destroy(int reason) {
        return MemoryObject.destroy(this, reason);
    }

    @Override
    public String toString() {
        return "vm object " + id;
    }
}
