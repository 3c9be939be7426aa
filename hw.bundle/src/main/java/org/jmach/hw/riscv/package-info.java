/**
 * A RISC-V RV64GC hart for user mode: the register file and an interpreter
 * that runs until the program needs the kernel (an ecall, an ebreak, an
 * illegal instruction, a memory fault) or its instruction budget runs out.
 * Memory is reached through {@link org.jmach.hw.riscv.Mmu}, the kernel's
 * hook to the task's pmap, behind a small software TLB in the hart. The hart
 * knows nothing of Mach: the kernel maps its {@link org.jmach.hw.riscv.Trap}
 * causes to Mach traps and exceptions.
 */
@Export
@Version("1.0.0")
package org.jmach.hw.riscv;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
