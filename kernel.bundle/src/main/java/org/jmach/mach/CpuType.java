package org.jmach.mach;

/**
 * Machine types ({@code cpu_type_t}, {@code cpu_subtype_t}) as in Mach's
 * {@code <mach/machine.h>}. Mach 3 predates RISC-V; jmach uses 23 for
 * CPU_TYPE_RISCV64, the number the GNU Mach RISC-V port gives it, after
 * CPU_TYPE_ARM64 22.
 */
public final class CpuType {

    public static final int CPU_TYPE_VAX = 1;
    public static final int CPU_TYPE_I386 = 7;
    public static final int CPU_TYPE_MIPS = 8;
    public static final int CPU_TYPE_ARM = 12;
    public static final int CPU_TYPE_SPARC = 14;
    public static final int CPU_TYPE_ALPHA = 16;
    public static final int CPU_TYPE_I486 = 17;
    public static final int CPU_TYPE_PENTIUM = 18;
    public static final int CPU_TYPE_PENTIUMPRO = 19;
    public static final int CPU_TYPE_POWERPC = 20;
    public static final int CPU_TYPE_X86_64 = 21;
    public static final int CPU_TYPE_ARM64 = 22;
    /** RV64 harts; jmach simulates RV64GC. */
    public static final int CPU_TYPE_RISCV64 = 23;

    /** RV64GC: RV64IMAFD with the Zicsr, Zifencei and C extensions (jmach's subtype). */
    public static final int CPU_SUBTYPE_RISCV64_RV64GC = 1;

    private CpuType() {
    }
}
