package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Why run stops (ecall, ebreak, illegal instructions, budget, interrupt), the CSRs, fence.i. */
class TrapTest {

    private final Bench b = new Bench();

    @Test
    void ecallStopsAtTheEcallWithEverythingBeforeRetired() {
        assertEquals(Trap.ECALL, b.run(opImm("addi", A7, ZERO, 93), opImm("addi", A0, ZERO, 3)));
        assertEquals(Bench.CODE + 8, b.hart.pc());
        assertEquals(2, b.hart.instret());
        assertEquals(4, b.hart.trapInstructionLength());
        assertEquals(93, b.x(A7));
        // the kernel steps over it and resumes
        b.hart.setPc(b.hart.pc() + 4);
        b.mmu.write(Bench.CODE + 12, new Asm().emit(EBREAK).bytes());
        assertEquals(Trap.BREAKPOINT, b.hart.run(10));
    }

    @Test
    void ebreakAndCompressedEbreakStopWithTheirPcAndLength() {
        assertEquals(Trap.BREAKPOINT, b.run(opImm("addi", A0, ZERO, 1), EBREAK));
        assertEquals(Bench.CODE + 4, b.hart.pc());
        assertEquals(Bench.CODE + 4, b.hart.tval());
        assertEquals(4, b.hart.trapInstructionLength());
        assertEquals(Trap.BREAKPOINT, b.run(new Asm().emit16(0x9002)));
        assertEquals(Bench.CODE, b.hart.pc());
        assertEquals(2, b.hart.trapInstructionLength());
    }

    @Test
    void illegalInstructionsReportTheirBits() {
        int[] illegal = {
            0x00007003,                             // LOAD funct3 7
            0x0000700f,                             // MISC-MEM funct3 7
            0x0000005b,                             // opcode 10110 (custom-2): nothing there
            0xffffffff,                             // opcode 11111
            rType(0x40, 1, 2, 0, 3, 0x33),          // OP with funct7 0x40
            opImm("slli", 1, 1, 1) | 1 << 26,       // slli with imm[6] set
            opImm("srli", 1, 1, 1) | 1 << 27,       // srli with a bad funct6
            rType(0x20, 1, 2, 1, 3, 0x3b),          // OP-32 funct7 0x20 with sll
            iType(0, 1, 1, 0, 0x67),                // jalr funct3 1
            bType(8, 1, 2, 2),                      // branch funct3 2
            0x30200073,                             // mret: not in user mode
            0x10500073,                             // wfi
            csr(2, A0, 0x300, 0),                   // mstatus
            csr(2, A0, 0xc03, 0),                   // hpmcounter3: not given
            csr(1, A0, 0xc00, A1),                  // writing cycle
            csr(6, A0, 0xc02, 1),                   // csrrsi instret, 1
            0x0000601b,                             // OP-IMM-32 funct3 6
            0x00004073,                             // SYSTEM funct3 4
        };
        for (int insn : illegal) {
            assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(insn), Integer.toHexString(insn));
            assertEquals(insn & 0xffffffffL, b.hart.tval(), Integer.toHexString(insn));
            assertEquals(Bench.CODE, b.hart.pc());
            assertEquals(0, b.hart.instret());
        }
    }

    @Test
    void illegalCompressedInstructionReportsSixteenBits() {
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(new Asm().emit16(0x0000)));
        assertEquals(0, b.hart.tval());
        assertEquals(2, b.hart.trapInstructionLength());
        assertEquals(Trap.ILLEGAL_INSTRUCTION, b.run(new Asm().emit16(0x8000))); // quadrant 0 funct3 100
        assertEquals(0x8000, b.hart.tval());
    }

    @Test
    void budgetStopsBeforeTheNextInstruction() {
        b.budget = 2;
        assertEquals(Trap.BUDGET, b.run(opImm("addi", A0, A0, 1), opImm("addi", A0, A0, 1), opImm("addi", A0, A0, 1)));
        assertEquals(Bench.CODE + 8, b.hart.pc());
        assertEquals(2, b.x(A0));
        assertEquals(Trap.BUDGET, b.hart.step());
        assertEquals(3, b.x(A0));
        assertEquals(Trap.ECALL, b.hart.step());
        assertEquals(3, b.hart.instret());
    }

    @Test
    void interruptFromAnotherThreadStopsAnEndlessLoop() throws InterruptedException {
        b.mmu.write(Bench.CODE, new Asm().emit(jal(ZERO, 0)).bytes());
        b.hart.setPc(Bench.CODE);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            b.hart.interrupt();
        });
        t.start();
        assertEquals(Trap.INTERRUPTED, b.hart.run(Long.MAX_VALUE));
        t.join();
        assertEquals(Bench.CODE, b.hart.pc());
        assertTrue(b.hart.instret() > 0);
    }

    @Test
    void countersReadInstructionsRetiredSoFar() {
        b.hart.setTimeSource(() -> 12345);
        assertEquals(Trap.ECALL, b.run(opImm("addi", A0, ZERO, 0), csr(2, A1, 0xc02, 0), csr(2, A2, 0xc00, 0),
                csr(6, A3, 0xc01, 0)));
        assertEquals(1, b.x(A1));
        assertEquals(2, b.x(A2));
        assertEquals(12345, b.x(A3));
        assertEquals(4, b.hart.instret());
        assertEquals(4, b.hart.cycle());
    }

    @Test
    void floatingPointCsrsReadAndWrite() {
        b.hart.setX(A0, 0xff);
        assertEquals(Trap.ECALL, b.run(
                csr(1, A1, 0x003, A0),   // csrrw fcsr: old 0, now 0xff
                csr(2, A2, 0x002, 0),    // frm = 7
                csr(2, A3, 0x001, 0),    // fflags = 0x1f
                csr(7, A4, 0x001, 0x3),  // csrrci fflags, 3: reads 0x1f
                csr(5, A5, 0x002, 1),    // csrrwi frm, 1: reads 7
                csr(2, A6, 0x003, 0)));  // fcsr = 1 << 5 | 0x1c
        assertEquals(0, b.x(A1));
        assertEquals(7, b.x(A2));
        assertEquals(0x1f, b.x(A3));
        assertEquals(0x1f, b.x(A4));
        assertEquals(7, b.x(A5));
        assertEquals(0x20 | 0x1c, b.x(A6));
        assertEquals(0x3c, b.hart.fcsr());
    }

    @Test
    void csrWritesAreMasked() {
        b.hart.setX(A0, -1);
        assertEquals(Trap.ECALL, b.run(csr(1, ZERO, 0x001, A0), csr(3, A1, 0x003, ZERO), csr(1, ZERO, 0x002, A0)));
        assertEquals(0x1f, b.x(A1));
        assertEquals(0xff, b.hart.fcsr());
    }

    @Test
    void selfModifyingCodeRunsTheNewInstructionAfterFenceI() {
        // Patch "addi a0, zero, 1" at `target` into "addi a0, zero, 2", fence.i, run it; then loop once more.
        int newInsn = opImm("addi", A0, ZERO, 2);
        Asm a = new Asm();
        a.emit(auipc(S0, 0));                          // 0: s0 = code
        a.emit(lui(T0, (newInsn + 0x800) >>> 12));     // 4
        a.emit(opImm("addiw", T0, T0, newInsn << 20 >> 20)); // 8
        a.emit(opImm("addi", A1, ZERO, 2));            // 12: a1 = 2 rounds
        a.emit(opImm("addi", A0, ZERO, 1));            // 16: target
        a.emit(op("add", A2, A2, A0));                 // 20: a2 += a0
        a.emit(store(2, T0, S0, 16));                  // 24: patch the target
        a.emit(FENCE_I);                               // 28
        a.emit(opImm("addi", A1, A1, -1));             // 32
        a.emit(branch(1, A1, ZERO, 16 - 36));          // 36: back to the target
        a.emit(ECALL);
        b.mmu.protect(Bench.CODE, Mmu.READ | Mmu.WRITE | Mmu.EXECUTE);
        assertEquals(Trap.ECALL, b.run(a));
        assertEquals(1 + 2, b.x(A2));
        assertEquals(2, b.x(A0));
    }

    @Test
    void causesHaveNamesAndFaultsTheirAccess() {
        assertEquals("illegal instruction", Trap.name(Trap.ILLEGAL_INSTRUCTION));
        assertEquals("store/AMO page fault", Trap.name(Trap.STORE_PAGE_FAULT));
        assertEquals(Mmu.WRITE, Trap.accessOf(Trap.STORE_PAGE_FAULT));
        assertEquals(Mmu.READ, Trap.accessOf(Trap.LOAD_ACCESS_FAULT));
        assertEquals(Mmu.EXECUTE, Trap.accessOf(Trap.FETCH_PAGE_FAULT));
        assertEquals(0, Trap.accessOf(Trap.ECALL));
        assertEquals(0, Trap.accessOf(Trap.BUDGET));
    }
}
