package org.jmach.hw.riscv;

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
}
