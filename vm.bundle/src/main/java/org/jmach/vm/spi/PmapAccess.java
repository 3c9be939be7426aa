package org.jmach.vm.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A map's pmap as a processor with a TLB of its own sees it (a RISC-V
 * hart, {@code org.jmach.hw.riscv.Mmu}): translations to the frames' own
 * byte arrays, which the processor caches and uses without asking again.
 *
 * <p>The rule that keeps that safe is the pmap's own: VM changes a
 * translation and then waits for every access in flight
 * ({@code pmap} barrier, a TLB shootdown) before it reuses the frame. A
 * processor's whole run slice counts as one access in flight: it runs
 * between {@link #beginRun} and {@link #endRun}, and VM, before it waits,
 * calls every {@link #addShootdown shootdown} hook, which must make the
 * run end soon (a hart's {@code interrupt()}). Every barrier also moves
 * {@link #generation}: a processor whose cached translations were made at
 * another generation must forget them before it uses them again.
 *
 * <p>Conditions: {@link #frame} only between {@link #beginRun} and
 * {@link #endRun}, on the thread that began the run; {@link #fault} with
 * no run begun on the calling thread (it takes the VM lock, which VM holds
 * while it waits for runs to end).
 */
@ProviderType
public interface PmapAccess {

    /** Begins a run slice (the pmap's read lock); returns what {@link #endRun} needs. */
    long beginRun();

    /** Ends the run slice begun with {@code stamp}. */
    void endRun(long stamp);

    /** Moves at every barrier (a translation removed, narrowed or replaced). */
    long generation();

    /**
     * Routine: the hardware's TLB fill. Purpose: the frame behind virtual
     * page {@code vpn} if the pmap allows the access (a write needs a
     * writable translation); sets the page's reference bit, and for a write
     * its modify bit (the processor will write it without telling).
     * Conditions: inside a run. Returns: the frame's bytes, or null if the
     * pmap has no such translation (the caller ends its run and faults).
     */
    byte[] frame(long vpn, boolean write);

    /**
     * Routine: vm_fault. Purpose: make the page at {@code address} present
     * for the access, waiting for its manager or a frame as {@code thread}
     * may. Conditions: no run begun, no lock held. Returns: KERN_SUCCESS
     * (ask {@link #frame} again), or the fault's code (KERN_INVALID_ADDRESS,
     * KERN_PROTECTION_FAILURE, KERN_MEMORY_ERROR, KERN_MEMORY_FAILURE).
     */
    int fault(long address, boolean write, VmThread thread);

    /**
     * A count VM moves at every change a fault may wait for (a page
     * arrived, a frame was freed, a manager answered or died). Read it
     * before a {@link #fault} with a thread that may not wait: if that
     * fault answers {@link VmSystem#VM_WOULD_BLOCK}, {@link #whenChanged}
     * with the count read tells of the next change without a lost wakeup.
     * Conditions: any; takes no lock.
     */
    long changeCount();

    /**
     * Runs {@code r} once the count has moved past {@code seen}: at once if
     * it already has (or VM has shut down), else at the next change. This
     * is how a thread that holds no Java thread while it waits (an
     * interpreted thread blocked with a continuation) learns that its
     * fault may go on; a spurious call is possible, and the caller simply
     * faults again. {@code r} runs on whichever Java thread made the
     * change, with no VM lock held but possibly the IPC lock (lock order:
     * the IPC lock, then VM's); it must not block.
     * Conditions: no VM lock held.
     */
    void whenChanged(long seen, Runnable r);

    /** Adds a hook VM calls before it waits for runs to end; it must not block or take a lock. */
    void addShootdown(Runnable hook);

    /** Removes a hook added by {@link #addShootdown}. */
    void removeShootdown(Runnable hook);
}
