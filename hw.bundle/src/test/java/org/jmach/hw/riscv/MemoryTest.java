package org.jmach.hw.riscv;

import static org.jmach.hw.riscv.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The TLB and the Mmu hook: misses, flushes, faults, misaligned accesses across pages. */
class MemoryTest {

    private final Bench b = new Bench();

    {
        b.hart.setX(S0, Bench.DATA);
    }

    @Test
    void misalignedLoadAndStoreAcrossAPageBoundary() {
        long va = Bench.DATA + 4096 - 3;
        b.hart.setX(S1, va);
        b.hart.setX(A0, 0x0102030405060708L);
        assertEquals(Trap.ECALL, b.run(store(3, A0, S1, 0), load(3, A1, S1, 0), load(2, A2, S1, 1),
                store(1, A0, S1, 2), load(5, A3, S1, 2)));
        assertEquals(0x0102030405060708L, b.x(A1));
        assertEquals(0x04050607L, b.x(A2));
        assertEquals(0x0708L, b.x(A3));
        assertEquals(0x08, b.mmu.readByte(va));
        assertEquals(0x08, b.mmu.readByte(va + 2)); // the sh at va + 2 straddles too
        assertEquals(0x07, b.mmu.readByte(va + 3));
    }

    @Test
    void misalignedWithinAPage() {
        b.hart.setX(A0, 0x1122334455667788L);
        assertEquals(Trap.ECALL, b.run(store(3, A0, S0, 3), load(3, A1, S0, 3), load(2, A2, S0, 5)));
        assertEquals(0x1122334455667788L, b.x(A1));
        assertEquals((long) (int) 0x33445566, b.x(A2));
    }

    @Test
    void tlbMissAsksTheMmuOncePerPageAndAccessUntilFlushed() {
        assertEquals(Trap.ECALL, b.run(load(3, A0, S0, 0)));
        int before = b.mmu.translations;
        b.hart.setPc(Bench.CODE);
        assertEquals(Trap.ECALL, b.hart.run(10));
        assertEquals(before, b.mmu.translations, "all hits the second time");
        assertEquals(Trap.ECALL, b.run(load(3, A0, S0, 8), store(3, A0, S0, 16)));
        assertEquals(before + 1, b.mmu.translations, "a store misses the write TLB once");
        assertEquals(Bench.DATA >>> 12, b.mmu.lastVpn);
        assertEquals(Mmu.WRITE, b.mmu.lastAccess);
        b.hart.flushTlb();
        b.hart.setPc(Bench.CODE);
        assertEquals(Trap.ECALL, b.hart.run(10));
        assertEquals(before + 1 + 3, b.mmu.translations, "fetch, load and store miss after a flush");
    }

    @Test
    void flushSeesANewFrameAfterThePmapChanged() {
        b.mmu.writeLong(Bench.DATA, 1, 8);
        assertEquals(Trap.ECALL, b.run(load(3, A0, S0, 0)));
        assertEquals(1, b.x(A0));
        b.mmu.replaceFrame(Bench.DATA); // as a copy-on-write would
        b.mmu.writeLong(Bench.DATA, 2, 8);
        b.hart.setPc(Bench.CODE);
        assertEquals(Trap.ECALL, b.hart.run(10));
        assertEquals(1, b.x(A0), "the TLB still holds the old frame");
        b.hart.flushTlb();
        b.hart.setPc(Bench.CODE);
        assertEquals(Trap.ECALL, b.hart.run(10));
        assertEquals(2, b.x(A0), "after the flush the new one");
    }

    @Test
    void storeToReadOnlyPageFaultsWithTheAddressAndLeavesPcAtTheStore() {
        b.mmu.protect(Bench.DATA, Mmu.READ);
        b.hart.setX(A0, 7);
        assertEquals(Trap.STORE_PAGE_FAULT, b.run(opImm("addi", A1, ZERO, 1), store(3, A0, S0, 40)));
        assertEquals(Bench.DATA + 40, b.hart.tval());
        assertEquals(Bench.CODE + 4, b.hart.pc());
        assertEquals(1, b.hart.instret(), "the store did not retire");
        assertEquals(0, b.mmu.read(Bench.DATA + 40, 8));
        assertEquals(Mmu.WRITE, b.mmu.lastAccess);
    }

    @Test
    void storeToTextFaults() {
        b.hart.setX(S1, Bench.CODE);
        assertEquals(Trap.STORE_PAGE_FAULT, b.run(store(2, A0, S1, 0)));
        assertEquals(Bench.CODE, b.hart.tval());
    }

    @Test
    void loadFromUnmappedAddressFaults() {
        b.hart.setX(S1, 0xdead0000L);
        assertEquals(Trap.LOAD_PAGE_FAULT, b.run(load(3, A0, S1, 0x10)));
        assertEquals(0xdead0010L, b.hart.tval());
        assertEquals(0, b.x(A0));
    }

    @Test
    void straddlingStoreWithSecondPageReadOnlyWritesNothing() {
        b.mmu.protect(Bench.DATA + 4096, Mmu.READ);
        b.hart.setX(S1, Bench.DATA + 4092);
        b.hart.setX(A0, -1);
        assertEquals(Trap.STORE_PAGE_FAULT, b.run(store(3, A0, S1, 0)));
        assertEquals(Bench.DATA + 4096, b.hart.tval(), "the address of the part that faulted");
        assertEquals(0, b.mmu.read(Bench.DATA + 4092, 4));
    }

    @Test
    void straddlingLoadFaultsOnTheSecondPage() {
        b.hart.setX(S1, Bench.DATA + Bench.DATA_SIZE - 2);
        assertEquals(Trap.LOAD_PAGE_FAULT, b.run(load(2, A0, S1, 0)));
        assertEquals(Bench.DATA + Bench.DATA_SIZE, b.hart.tval());
    }

    @Test
    void fetchFromPageWithoutExecuteFaultsAtPc() {
        b.hart.setPc(Bench.DATA + 8);
        assertEquals(Trap.FETCH_PAGE_FAULT, b.hart.run(10));
        assertEquals(Bench.DATA + 8, b.hart.tval());
        assertEquals(Bench.DATA + 8, b.hart.pc());
        assertEquals(Mmu.EXECUTE, b.mmu.lastAccess);
    }

    @Test
    void mmuThatFlushesTheTlbOnEveryMissStillRunsTheProgram() {
        Hart[] hart = new Hart[1];
        TestMmu inner = new TestMmu().map(Bench.CODE, 4096, Mmu.READ | Mmu.EXECUTE).map(Bench.DATA, 8192, Mmu.READ | Mmu.WRITE);
        hart[0] = new Hart((vpn, access) -> {
            hart[0].flushTlb(); // as a kernel might, after vm_fault changed the pmap
            return inner.translate(vpn, access);
        });
        inner.write(Bench.CODE, new Asm().emit(store(3, A0, S1, 0)).emit(load(3, A1, S1, 0)).emit(ECALL).bytes());
        hart[0].setX(S1, Bench.DATA + 4092);
        hart[0].setX(A0, 0x1122334455667788L);
        hart[0].setPc(Bench.CODE);
        assertEquals(Trap.ECALL, hart[0].run(10));
        assertEquals(0x1122334455667788L, hart[0].x(A1));
        assertEquals(0x1122334455667788L, inner.read(Bench.DATA + 4092, 8));
    }

    @Test
    void anExceptionFromTheMmuLeavesPcAtTheInstruction() {
        TestMmu inner = new TestMmu().map(Bench.CODE, 4096, Mmu.READ | Mmu.EXECUTE);
        Hart hart = new Hart((vpn, access) -> {
            if (access != Mmu.EXECUTE) {
                throw new IllegalStateException("kernel bug");
            }
            return inner.translate(vpn, access);
        });
        inner.write(Bench.CODE, new Asm().emit(opImm("addi", A0, A0, 1)).emit(load(3, A1, ZERO, 0)).bytes());
        hart.setPc(Bench.CODE);
        assertThrows(IllegalStateException.class, () -> hart.run(10));
        assertEquals(Bench.CODE + 4, hart.pc());
        assertEquals(1, hart.instret());
        assertEquals(1, hart.x(A0));
    }

    @Test
    void oddPcIsAMisalignedFetch() {
        b.hart.setPc(Bench.CODE + 1);
        assertEquals(Trap.FETCH_MISALIGNED, b.hart.run(10));
        assertEquals(Bench.CODE + 1, b.hart.tval());
    }

    @Test
    void accessFaultFromTheMmu() {
        Hart hart = new Hart((vpn, access) -> Mmu.ACCESS_FAULT);
        assertEquals(Trap.FETCH_ACCESS_FAULT, hart.run(1));
        assertEquals(0, hart.tval());
    }

    @Test
    void instructionStraddlingTwoPagesIsFetchedFromBoth() {
        long end = Bench.CODE + 4096;
        Asm a = new Asm().emit16(0x0001); // c.nop, so that the addi starts at end - 2
        a.emit(opImm("addi", A0, ZERO, 77)).emit(ECALL);
        b.mmu.write(end - 4, a.bytes());
        b.hart.setPc(end - 4);
        assertEquals(Trap.ECALL, b.hart.run(10));
        assertEquals(77, b.x(A0));
        assertEquals(end + 2, b.hart.pc());
    }

    @Test
    void fetchFaultOnTheSecondHalfOfAStraddlingInstruction() {
        long end = Bench.CODE + 0x4000;
        b.mmu.write(end - 2, new byte[] {0x13, 0x05}); // low half of an addi
        b.hart.setPc(end - 2);
        assertEquals(Trap.FETCH_PAGE_FAULT, b.hart.run(10));
        assertEquals(end, b.hart.tval());
        assertEquals(end - 2, b.hart.pc());
    }
}
