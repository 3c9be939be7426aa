package org.jmach.mach;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

/**
 * Out-of-line data of MIG messages in a task's own memory, as a C program
 * has it: sent data is copied into fresh pages (vm_allocate) that the
 * message then takes (deallocate), received data is copied out and its
 * pages released (vm_deallocate). The vm calls are themselves MIG requests
 * to the task port, made through the owner's {@link MigUser#nested()}.
 *
 * <p>Belongs to one thread, like the {@link MachTraps} it uses.
 */
public final class MigTaskMemory implements MigMemory {

    private final MigUser owner;
    private MachUser mach;
    private int taskSelf;

    /** Memory for the messages of {@code owner}. */
    public MigTaskMemory(MigUser owner) {
        this.owner = owner;
    }

    /** Memory for messages a thread builds or reads by hand or through a server demux. */
    public MigTaskMemory(MachTraps traps) {
        this(traps.mig());
    }

    @Override
    public long oolWrite(byte[] data) {
        if (data.length == 0) {
            return 0;
        }
        long[] address = new long[1];
        if (mach().vmAllocate(task(), address, data.length, 1) != KERN_SUCCESS
                || owner.traps().store(address[0], data, 0, data.length) != KERN_SUCCESS) {
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
        if (owner.traps().load(address, data, 0, data.length) != KERN_SUCCESS) {
            return null;
        }
        mach().vmDeallocate(task(), address, length);
        return data;
    }

    private MachUser mach() {
        if (mach == null) {
            mach = new MachUser(owner.nested());
        }
        return mach;
    }

    /** mach_task_self, asked once: each call adds a user reference. */
    private int task() {
        if (taskSelf == 0) {
            taskSelf = owner.traps().machTaskSelf();
        }
        return taskSelf;
    }
}
