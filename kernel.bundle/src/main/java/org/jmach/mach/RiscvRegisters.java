package org.jmach.mach;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The registers of an interpreted RISC-V thread, as a
 * {@link SyscallEmulation} sees them during a call: x0..x31 and the program
 * counter (already past the ecall).
 */
@ProviderType
public interface RiscvRegisters {

    /** Register {@code i} (x0 reads 0). */
    long x(int i);

    /** Sets register {@code i} (x0 ignores it). */
    void setX(int i, long value);

    /** The program counter. */
    long pc();

    /** Sets the program counter: where the program resumes. */
    void setPc(long pc);
}
