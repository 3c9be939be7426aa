package org.jmach.mach;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

/**
 * Out-of-line data of MIG messages in a task's own memory, as a C program
 * has it: sent data is copied into fresh pages that the message then takes
 * (deallocate), received data is copied out and its pages released.
 *
 * <p>Belongs to one thread, like the {@link MachTraps} it uses.
 */
public final class MigTaskMemory implements MigMemory {

    private final MachTraps traps;
    private int taskSelf;

    public MigTaskMemory(MachTraps traps) {
        this.traps = traps;
    }

    @Override
    public long oolWrite(byte[] data) {
        if (data.length == 0) {
            return 0;
        }
        long[] address = new long[1];
        if (traps.vmAllocate(task(), address, data.length, true) != KERN_SUCCESS
                || traps.store(address[0], data, 0, data.length) != KERN_SUCCESS) {
            return -1;
        }
        return address[0];
    }

    @Override
    public byte[] oolRead(long address, long length) {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] data = new byte[(int) length];
        if (length == 0) {
            return data;
        }
        if (traps.load(address, data, 0, data.length) != KERN_SUCCESS) {
            return null;
        }
        traps.vmDeallocate(task(), address, length);
        return data;
    }

    /** mach_task_self, asked once: each call adds a user reference. */
    private int task() {
        if (taskSelf == 0) {
            taskSelf = traps.machTaskSelf();
        }
        return taskSelf;
    }
}
