package org.jmach.hw.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hart over a {@link TestMmu} with code at {@link #CODE} (read, execute) and
 * data at {@link #DATA} (read, write), running a program until it traps.
 */
final class Bench {

    static final long CODE = 0x10000;
    static final long DATA = 0x40000;
    static final int DATA_SIZE = 0x4000;

    final TestMmu mmu = new TestMmu()
            .map(CODE, 0x4000, Mmu.READ | Mmu.EXECUTE)
            .map(DATA, DATA_SIZE, Mmu.READ | Mmu.WRITE);
    final Hart hart = new Hart(mmu);
    long budget = 1_000_000;

    /** Loads the program at CODE, points pc at it and runs it (ending in an ecall, usually). */
    int run(Asm program) {
        mmu.write(CODE, program.bytes());
        hart.setPc(CODE);
        return hart.run(budget);
    }

    /** Runs the instructions followed by an ecall; returns the cause. */
    int run(int... insns) {
        Asm a = new Asm();
        for (int insn : insns) {
            a.emit(insn);
        }
        return run(a.emit(Asm.ECALL));
    }

    long x(int r) {
        return hart.x(r);
    }

    /** {@code name rd=a2, rs1=a0, rs2=a1} (an R-type ALU op) on a and c; returns a2. */
    long alu(String name, long a, long c) {
        hart.setX(Asm.A0, a);
        hart.setX(Asm.A1, c);
        assertEquals(Trap.ECALL, run(Asm.op(name, Asm.A2, Asm.A0, Asm.A1)));
        return x(Asm.A2);
    }

    /** {@code name rd=a2, rs1=a0, imm} (an I-type ALU op) on a; returns a2. */
    long imm(String name, long a, int imm) {
        hart.setX(Asm.A0, a);
        assertEquals(Trap.ECALL, run(Asm.opImm(name, Asm.A2, Asm.A0, imm)));
        return x(Asm.A2);
    }
}
