package org.jmach.kernel.vm;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_MEMORY_FAILURE;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_RESOURCE_SHORTAGE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_NOTIFY;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcPort;
import org.jmach.kernel.ipc.IpcVmObjectPorts;
import org.jmach.vm.VmInherit;
import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.VmRegion;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.spi.VmThread;

/**
 * The virtual memory routines of {@code mach.defs} and
 * {@code gnumach.defs} as the kernel serves them on task ports (GNU Mach's
 * {@code vm/vm_user.c}): each checks its arguments as GNU Mach does and
 * hands the work to the task's {@link AddressMap} or to the
 * {@link VmSystem}. The MIG routine classes of {@code kern} call these
 * with the map their conversion found.
 *
 * <p>Conditions, for every routine: the IPC lock held (the kernel serves
 * requests under it), no VM lock; VM takes its own lock inside, and
 * nothing here waits for a manager (a copy's data is read with
 * {@link VmThread#NO_WAIT}). A null {@code map} is GNU Mach's
 * VM_MAP_NULL: the port is not a live task's; the vm_* routines answer it
 * with KERN_INVALID_ARGUMENT and the size-limit routines with
 * KERN_INVALID_TASK, as GNU Mach does. No routine takes or consumes a
 * reference of the map.
 */
public final class VmUserRoutines {

    private VmUserRoutines() {
    }

    /**
     * Routine: vm_protect. Purpose: the current protection of the range,
     * or with {@code setMaximum} its maximum.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no map or bits
     * outside VM_PROT_ALL and VM_PROT_NOTIFY; else the map's answer
     * (KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE, KERN_NO_SPACE,
     * KERN_INVALID_ARGUMENT).
     */
    public static int vmProtect(AddressMap map, long address, long size, boolean setMaximum, int newProtection) {
        if (map == null || (newProtection & ~(VM_PROT_ALL | VM_PROT_NOTIFY)) != 0) {
            return KERN_INVALID_ARGUMENT;
        }
        return map.protect(address, size, setMaximum, newProtection);
    }

    /**
     * Routine: vm_inherit. Purpose: what a child made by task_create gets
     * of the range.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no map or an
     * inheritance other than VM_INHERIT_SHARE, _COPY, _NONE; else the map's
     * answer (KERN_INVALID_ADDRESS).
     */
    public static int vmInherit(AddressMap map, long address, long size, int newInheritance) {
        if (map == null || !validInheritance(newInheritance)) {
            return KERN_INVALID_ARGUMENT;
        }
        return map.inherit(address, size, newInheritance);
    }

    /**
     * Routine: vm_read. Purpose: a copy of the range (vm_map_copyin), read
     * out for the reply's out-of-line data, then discarded. While kernel
     * replies carry out-of-line data as bytes, the copy is read without
     * waiting: a page that is not resident and whose data must come from
     * a manager makes the call fail with KERN_MEMORY_FAILURE (to be lifted
     * when out-of-line data moves by mapping, and the reply carries the
     * copy itself).
     *
     * <p>Returns: KERN_SUCCESS with {@code data[0]}; KERN_INVALID_ARGUMENT
     * for no map; the map's answer to the copyin (KERN_INVALID_ADDRESS,
     * KERN_PROTECTION_FAILURE); KERN_RESOURCE_SHORTAGE for a range larger
     * than one Java array; KERN_MEMORY_FAILURE for data that could not be
     * read without waiting.
     */
    public static int vmRead(AddressMap map, long address, long size, byte[][] data) {
        if (map == null) {
            return KERN_INVALID_ARGUMENT;
        }
        MapCopy[] copy = new MapCopy[1];
        int kr = map.copyin(address, size, false, copy);
        if (kr != KERN_SUCCESS) {
            return kr;
        }
        if (copy[0] == null) {
            data[0] = new byte[0];
            return KERN_SUCCESS;
        }
        try {
            if (copy[0].size() > Integer.MAX_VALUE - 8) {
                return KERN_RESOURCE_SHORTAGE;
            }
            byte[] bytes = copy[0].read(VmThread.NO_WAIT);
            if (bytes == null) {
                return KERN_MEMORY_FAILURE;
            }
            data[0] = bytes;
            return KERN_SUCCESS;
        } finally {
            copy[0].discard();
        }
    }

    /**
     * Routine: vm_write. Purpose: the request's out-of-line data replaces
     * the pages at {@code address} (vm_map_copy_overwrite of a copy made of
     * the bytes).
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no map; else the
     * map's answer (KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE,
     * KERN_INVALID_ARGUMENT for an unaligned address or size).
     */
    public static int vmWrite(VmSystem vm, AddressMap map, long address, byte[] data) {
        if (map == null || vm == null) {
            return KERN_INVALID_ARGUMENT;
        }
        MapCopy copy = vm.copyFromBytes(data);
        int kr = map.overwrite(address, copy);
        if (kr != KERN_SUCCESS) {
            copy.discard();
        }
        return kr;
    }

    /**
     * Routine: vm_copy. Purpose: a copy-on-write copy of the source range
     * over the destination range of the same map.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no map; the map's
     * answer to the copyin or the overwrite (KERN_INVALID_ADDRESS,
     * KERN_PROTECTION_FAILURE, KERN_INVALID_ARGUMENT).
     */
    public static int vmCopy(AddressMap map, long sourceAddress, long size, long destAddress) {
        if (map == null) {
            return KERN_INVALID_ARGUMENT;
        }
        MapCopy[] copy = new MapCopy[1];
        int kr = map.copyin(sourceAddress, size, false, copy);
        if (kr != KERN_SUCCESS || copy[0] == null) {
            return kr;
        }
        kr = map.overwrite(destAddress, copy[0]);
        if (kr != KERN_SUCCESS) {
            copy[0].discard();
        }
        return kr;
    }

    /**
     * Routine: vm_region. Purpose: the region at or above
     * {@code address[0]}: its start (in {@code address[0]}), size,
     * protections, inheritance, whether it is shared, a send right to its
     * object's name port (made now if the object has none; MACH_PORT_NULL
     * for a region with no object yet) and the offset in the object.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no map;
     * KERN_NO_SPACE if no region lies at or above the address.
     */
    public static int vmRegion(Ipc ipc, IpcKobjectRequest rq, AddressMap map, long[] address, long[] size,
            int[] protection, int[] maxProtection, int[] inheritance, int[] isShared, int[] objectName,
            long[] offset) {
        if (map == null) {
            return KERN_INVALID_ARGUMENT;
        }
        VmRegion region = map.region(address[0]);
        if (region == null) {
            return KERN_NO_SPACE;
        }
        address[0] = region.start();
        size[0] = region.end() - region.start();
        protection[0] = region.protection();
        maxProtection[0] = region.maxProtection();
        inheritance[0] = region.inheritance();
        isShared[0] = region.shared() ? 1 : 0;
        objectName[0] = region.object() == null ? 0
                : rq.makeSend(IpcVmObjectPorts.of(ipc, region.object()).namePort());
        offset[0] = region.offset();
        return KERN_SUCCESS;
    }

    /**
     * Routine: vm_statistics. Purpose: the host's paging statistics (the
     * task only says which host).
     *
     * <p>Returns: KERN_SUCCESS with the thirteen words of
     * vm_statistics_data_t; KERN_INVALID_ARGUMENT for no map;
     * KERN_FAILURE if VM is not booted.
     */
    public static int vmStatistics(VmSystem vm, AddressMap map, int[][] stats) {
        if (map == null) {
            return KERN_INVALID_ARGUMENT;
        }
        if (vm == null) {
            return KERN_FAILURE;
        }
        stats[0] = vm.statistics().toWords();
        return KERN_SUCCESS;
    }

    /**
     * Routine: vm_map. Purpose: maps the memory object whose send right the
     * request carried (handle {@code memoryObject}) at {@code offset}: its
     * VM object, found or made and initialized by VM
     * ({@link VmSystem#objectForPager}, which takes the send right), shared
     * with its other mappings, or with {@code copy} a copy-on-write copy of
     * it. MACH_PORT_NULL or a dead name maps zero-fill memory (offset 0, no
     * copy), as GNU Mach's !IP_VALID does.
     *
     * <p>Conditions: the send right is taken from the request only once
     * the arguments are checked; it then belongs to VM.
     *
     * <p>Returns: KERN_SUCCESS with the address in {@code address[0]};
     * KERN_INVALID_ARGUMENT for no map, protections outside VM_PROT_ALL, an
     * unknown inheritance, a size of 0, a memory object that is a kernel
     * port (no manager serves it), or one VM cannot use (its port died);
     * else the map's answer (KERN_INVALID_ADDRESS, KERN_NO_SPACE,
     * KERN_INVALID_ARGUMENT).
     */
    public static int vmMap(IpcKobjectRequest rq, VmSystem vm, AddressMap map, long[] address, long size, long mask,
            boolean anywhere, int memoryObject, long offset, boolean copy, int curProtection, int maxProtection,
            int inheritance) {
        if (map == null || vm == null || (curProtection & ~VM_PROT_ALL) != 0 || (maxProtection & ~VM_PROT_ALL) != 0
                || !validInheritance(inheritance) || size == 0) {
            return KERN_INVALID_ARGUMENT;
        }
        if (rq.kotype(memoryObject) != Ipc.IKOT_NONE) {
            return KERN_INVALID_ARGUMENT;
        }
        IpcPort pager = rq.takeSend(memoryObject);
        MemoryObjectControl object = null;
        if (pager == null) {
            offset = 0;
            copy = false;
        } else {
            object = vm.objectForPager(pager, size);
            if (object == null) {
                return KERN_INVALID_ARGUMENT;
            }
        }
        int kr = map.map(address, size, mask, anywhere, object, offset, copy, curProtection, maxProtection,
                inheritance);
        if (object != null) {
            vm.objectDeallocate(object); // the map took its own reference
        }
        return kr;
    }

    /**
     * Routine: vm_set_size_limit. Purpose: the task's current and maximum
     * size limits. {@code hostKotype} is the kernel object type of the
     * request's port (the host port it was sent to): the privileged host
     * port may raise the maximum, the host port only lower it.
     *
     * <p>Returns, in GNU Mach's order of checks: KERN_INVALID_ARGUMENT if
     * the current limit exceeds the maximum (unsigned); KERN_INVALID_TASK
     * for no map; KERN_INVALID_HOST if the port is neither host port;
     * else the map's answer (KERN_SUCCESS; KERN_NO_ACCESS for a maximum that
     * would grow without host_priv).
     */
    public static int vmSetSizeLimit(int hostKotype, AddressMap map, long currentLimit, long maxLimit) {
        if (Long.compareUnsigned(currentLimit, maxLimit) > 0) {
            return KERN_INVALID_ARGUMENT;
        }
        if (map == null) {
            return KERN_INVALID_TASK;
        }
        if (hostKotype != Ipc.IKOT_HOST && hostKotype != Ipc.IKOT_HOST_PRIV) {
            return KERN_INVALID_HOST;
        }
        return map.setSizeLimit(currentLimit, maxLimit, hostKotype == Ipc.IKOT_HOST_PRIV);
    }

    /**
     * Routine: vm_get_size_limit. Returns: KERN_SUCCESS with the current and
     * maximum limits; KERN_INVALID_TASK for no map.
     */
    public static int vmGetSizeLimit(AddressMap map, long[] currentLimit, long[] maxLimit) {
        if (map == null) {
            return KERN_INVALID_TASK;
        }
        long[] limits = map.sizeLimit();
        currentLimit[0] = limits[0];
        maxLimit[0] = limits[1];
        return KERN_SUCCESS;
    }

    /** VM_INHERIT_SHARE, VM_INHERIT_COPY or VM_INHERIT_NONE. */
    private static boolean validInheritance(int inheritance) {
        return inheritance == VmInherit.VM_INHERIT_SHARE || inheritance == VmInherit.VM_INHERIT_COPY
                || inheritance == VmInherit.VM_INHERIT_NONE;
    }
}
