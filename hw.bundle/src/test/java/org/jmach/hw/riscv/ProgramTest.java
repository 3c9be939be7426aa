package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Whole programs: calls and returns through a stack, as compiled code does. */
class ProgramTest {

    @Test
    void recursiveFibonacciWithAStackFrame() {
        Asm a = new Asm();
        a.emit(lui(SP, (int) ((Bench.DATA + Bench.DATA_SIZE) >>> 12)));  // sp = top of data
        a.emit(opImm("addi", A0, ZERO, 20));
        a.emit(jal(RA, 8));                                             // call fib
        a.emit(ECALL);
        // fib(a0): a0 < 2 ? a0 : fib(a0 - 1) + fib(a0 - 2)
        int fib = a.size();
        a.emit(opImm("slti", T0, A0, 2));
        a.emit(branch(0, T0, ZERO, 6));                                 // beqz t0, recurse (past the 2-byte return)
        a.emit16(cr(8, RA, 0, 2));                                      // c.jr ra
        a.emit16(cAddi16sp(-32));                                       // recurse: c.addi16sp -32
        a.emit16(cSdsp(7, RA, 0));                                      // c.sdsp ra, 0(sp)
        a.emit16(cSdsp(7, S0, 8));                                      // c.sdsp s0, 8(sp)
        a.emit16(cSdsp(7, A0, 16));                                     // c.sdsp a0, 16(sp)
        a.emit16(ci(0, A0, -1, 1));                                     // c.addi a0, -1
        a.emit(jal(RA, fib - a.size()));
        a.emit16(cr(8, S0, A0, 2));                                     // c.mv s0, a0
        a.emit16(cLdsp(3, A0, 16));                                     // c.ldsp a0, 16(sp)
        a.emit16(ci(0, A0, -2, 1));                                     // c.addi a0, -2
        a.emit(jal(RA, fib - a.size()));
        a.emit16(cr(9, A0, S0, 2));                                     // c.add a0, s0
        a.emit16(cLdsp(3, RA, 0));
        a.emit16(cLdsp(3, S0, 8));
        a.emit16(cAddi16sp(32));
        a.emit16(cr(8, RA, 0, 2));                                      // c.jr ra
        Bench b = new Bench();
        b.budget = 10_000_000;
        assertEquals(Trap.ECALL, b.run(a));
        assertEquals(6765, b.x(A0));
        assertEquals(Bench.DATA + Bench.DATA_SIZE, b.x(SP));
    }
}
