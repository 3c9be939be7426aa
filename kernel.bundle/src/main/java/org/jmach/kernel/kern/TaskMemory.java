package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import org.jmach.kernel.ipc.IpcMemory;
import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.spi.VmThread;

/**
 * A task's memory as IPC and the kernel's own routines use it: its
 * {@link AddressMap}, reached without waiting (they run under the IPC
 * lock), so an access that would wait for a pager fails instead.
 * Out-of-line data moves by copy-on-write copies of the map.
 *
 * <p>Conditions: none of its own; VM takes its lock.
 */
public final class TaskMemory implements IpcMemory {

    private final AddressMap map;
    private final VmSystem vm;

    TaskMemory(AddressMap map, VmSystem vm) {
        this.map = map;
        this.vm = vm;
    }

    /** The task's address map. */
    public AddressMap map() {
        return map;
    }

    @Override
    public boolean read(long address, byte[] dst, int offset, int length) {
        return map.load(address, dst, offset, length, VmThread.NO_WAIT) == KERN_SUCCESS;
    }

    @Override
    public boolean write(long address, byte[] src, int offset, int length) {
        return map.store(address, src, offset, length, VmThread.NO_WAIT) == KERN_SUCCESS;
    }

    @Override
    public long pendingFault(long address, long length) {
        byte[] one = new byte[1];
        long page = address & ~(long) (org.jmach.hw.Machine.PAGE_SIZE - 1);
        for (long a = page; a < address + length; a += org.jmach.hw.Machine.PAGE_SIZE) {
            int kr = map.load(Math.max(a, address), one, 0, 1, VmThread.NO_WAIT);
            if (kr == VmSystem.VM_WOULD_BLOCK) {
                return a;
            }
            if (kr != KERN_SUCCESS) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public long allocate(long size) {
        long[] a = {0};
        return size > 0 && map.allocate(a, size, true) == KERN_SUCCESS ? a[0] : -1;
    }

    /** vm_allocate at a fixed address: false if any page there is in use or the range is bad. */
    public boolean allocateFixed(long address, long size) {
        long[] a = {address};
        return size > 0 && map.allocate(a, size, false) == KERN_SUCCESS;
    }

    @Override
    public boolean deallocate(long address, long size) {
        return map.deallocate(address, size) == KERN_SUCCESS;
    }

    @Override
    public MapCopy copyin(long address, long size) {
        MapCopy[] c = new MapCopy[1];
        return map.copyin(address, size, false, c) == KERN_SUCCESS ? c[0] : null;
    }

    @Override
    public long copyout(MapCopy copy) {
        long[] a = {0};
        return map.copyout(copy, a) == KERN_SUCCESS ? a[0] : -1;
    }

    @Override
    public MapCopy copyFromBytes(byte[] data) {
        return vm.copyFromBytes(data);
    }

    /** Bytes mapped (task_basic_info's virtual size). */
    public long virtualSize() {
        return map.virtualSize();
    }

    /** Pages resident in the task's pmap (task_basic_info's resident size, in pages). */
    public int pageCount() {
        return map.residentPages();
    }
}
