package org.jmach.vm.spi;

import org.jmach.vm.VmProt;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A map's pmap as a processor with a TLB of its own sees it (a RISC-V
 * hart, {@code org.jmach.hw.riscv.Mmu}): translations to the frames' own
 * byte arrays, which the processor caches and uses without asking again,
 * one kind of access at a time (read, write, execute: a processor keeps
 * what it was given for each kind apart, so that a page it may read is
 * not one it may fetch instructions from).
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
     * page {@code vpn} if the pmap allows {@code access}: VM_PROT_READ (a
     * load), VM_PROT_WRITE (a store; it needs a writable translation) or
     * VM_PROT_EXECUTE (an instruction fetch; it needs a translation of
     * memory mapped with execute permission); sets the page's reference
     * bit, and for a write its modify bit (the processor will write it
     * without telling). Every translation allows reads.
     * Conditions: inside a run. Returns: the frame's bytes, or null if the
     * pmap has no such translation (the caller ends its run and faults with
     * the same access).
     */
    byte[] frame(long vpn, int access);

    /**
     * The TLB fill for a load ({@code write} false) or a store: as
     * {@link #frame(long, int)} with VM_PROT_READ or VM_PROT_WRITE.
     * Conditions: inside a run. Returns: the frame's bytes, or null.
     */
    default byte[] frame(long vpn, boolean write) {
        return frame(vpn, write ? VmProt.VM_PROT_WRITE : VmProt.VM_PROT_READ);
    }

    /**
     * Routine: vm_fault. Purpose: make the page at {@code address} present
     * for {@code access} (GNU Mach's fault_type: VM_PROT_READ,
     * VM_PROT_WRITE or VM_PROT_EXECUTE), waiting for its manager or a frame
     * as {@code thread} may. Conditions: no run begun, no lock held.
     * Returns: KERN_SUCCESS (ask {@link #frame} again); KERN_INVALID_ADDRESS
     * (nothing mapped there); KERN_PROTECTION_FAILURE (the mapping does not
     * allow the access: a write to memory without VM_PROT_WRITE, an
     * instruction fetch from memory without VM_PROT_EXECUTE);
     * KERN_MEMORY_ERROR, KERN_MEMORY_FAILURE (the manager failed);
     * {@link VmSystem#VM_WOULD_BLOCK} if the thread may not wait;
     * KERN_INVALID_ARGUMENT for bits outside VM_PROT_ALL. On failure
     * {@link VmThread#faultAddress} is {@code address}.
     */
    int fault(long address, int access, VmThread thread);

    /**
     * vm_fault for a load ({@code write} false) or a store: as
     * {@link #fault(long, int, VmThread)} with VM_PROT_READ or
     * VM_PROT_WRITE. Conditions: no run begun, no lock held. Returns: as
     * that.
     */
    default int fault(long address, boolean write, VmThread thread) {
        return fault(address, write ? VmProt.VM_PROT_WRITE : VmProt.VM_PROT_READ, thread);
    }

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
