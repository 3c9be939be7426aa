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
    private MachPortUser ports;

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
        int task = owner.traps().machTaskSelf();
        try {
            if (mach().vmAllocate(task, address, data.length, 1) != KERN_SUCCESS) {
                return -1;
            }
            if (owner.traps().store(address[0], data, 0, data.length) != KERN_SUCCESS) {
                mach().vmDeallocate(task, address[0], data.length);
                return -1;
            }
            return address[0];
        } finally {
            release(task);
        }
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
        int task = owner.traps().machTaskSelf();
        mach().vmDeallocate(task, address, length);
        release(task);
        return data;
    }

    private MachUser mach() {
        if (mach == null) {
            mach = new MachUser(owner.nested());
        }
        return mach;
    }

    /**
     * Gives back the user reference mach_task_self added: this object keeps
     * none, so the threads that come and go (a server swapped often) do not
     * run up the references on their task's name.
     */
    private void release(int task) {
        if (ports == null) {
            ports = new MachPortUser(owner.nested());
        }
        ports.machPortDeallocate(task, task);
    }
}
