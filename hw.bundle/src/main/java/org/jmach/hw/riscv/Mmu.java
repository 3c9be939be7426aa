package org.jmach.hw.riscv;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The hart's hook to the address space it runs in: the kernel implements it
 * over the task's pmap (and vm_fault). The hart asks it only on a miss in its
 * software TLB, once per virtual page and kind of access, and caches the
 * answer until {@link Hart#flushTlb()}.
 *
 * <p>Routine: {@link #translate}.
 * Purpose: give the page frame that backs virtual page {@code vpn} for an
 * access of kind {@code access}, resolving a fault first if need be.
 * Conditions: called on the thread that runs the hart, from inside
 * {@link Hart#run}; it may call {@link Hart#flushTlb()}. The frame returned
 * must stay the page's backing, with that access allowed, until the kernel
 * flushes the hart's TLB: whoever changes the pmap (unmaps, write-protects,
 * copies on write) must flush every hart that runs in it. An exception it
 * throws leaves {@link Hart#run} with pc at the instruction and propagates.
 * Returns: a byte array of at least 4096 bytes whose bytes 0..4095 are the
 * page; {@code null} for a page fault (nothing mapped there, or the access is
 * not allowed); {@link #ACCESS_FAULT} for an access fault (an address that
 * can never be mapped).
 */
@ConsumerType
public interface Mmu {

    /** A load (also LR). */
    int READ = 1;

    /** A store (also SC and the AMOs). */
    int WRITE = 2;

    /** An instruction fetch. */
    int EXECUTE = 4;

    /** The answer of {@link #translate} for an access fault. */
    byte[] ACCESS_FAULT = new byte[0];

    /** See the interface's comment. */
    byte[] translate(long vpn, int access);
}
