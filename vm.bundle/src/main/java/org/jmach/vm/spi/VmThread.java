package org.jmach.vm.spi;

/**
 * The part of a Mach thread that VM sees: how it gives up its processor
 * around a wait (a fault waiting for a manager or a free frame), whether it
 * may use the frames kept for the paging path, and where its last fault
 * failed.
 *
 * <p>A thread for which {@link #mayBlock} is false (one holding the IPC
 * lock) never waits in VM: an access that would wait fails with
 * {@link VmSystem#VM_WOULD_BLOCK} and the caller retries it with no lock
 * held.
 */
public abstract class VmThread {

    /** The address of the last access that failed (written by VM). */
    public long faultAddress;

    /** Gives up the processor before waiting. Conditions: no lock held. */
    public abstract void blockBegin();

    /** Gets a processor back after waiting. Conditions: no lock held. */
    public abstract void blockEnd();

    /**
     * The thread is about to send what VM owes memory managers (a
     * data_request it will wait for). The kernel may then run a manager
     * that waits with a continuation on this thread, at
     * {@link #messagesEnd}, instead of waking another host thread.
     * Conditions: no lock held.
     */
    public void messagesBegin() {
    }

    /** The messages are sent; see {@link #messagesBegin}. Conditions: no lock held. */
    public void messagesEnd() {
    }

    /** Whether this thread may wait at all. */
    public boolean mayBlock() {
        return true;
    }

    /**
     * Whether the thread may take the reserved frames (GNU Mach's
     * vm_privilege: the default pager and the pageout daemon), so that
     * paging never waits for itself.
     */
    public boolean privileged() {
        return false;
    }

    /** A thread that never waits (the kernel under the IPC lock). */
    public static final VmThread NO_WAIT = noWait(() -> true);

    /**
     * A thread that never waits, with the privilege {@code privileged} says:
     * a fault that would wait answers {@link VmSystem#VM_WOULD_BLOCK}.
     */
    public static VmThread noWait(java.util.function.BooleanSupplier privileged) {
        return new VmThread() {
            @Override
            public void blockBegin() {
            }

            @Override
            public void blockEnd() {
            }

            @Override
            public boolean mayBlock() {
                return false;
            }

            @Override
            public boolean privileged() {
                return privileged.getAsBoolean();
            }
        };
    }
}
