package org.jmach.hw.riscv;

/**
 * Why {@link Hart#run} stopped: RISC-V's exception causes (the values of
 * scause), and two of the hart's own, negative so that they never collide.
 * For the causes that have one, {@link Hart#tval()} holds the value RISC-V
 * puts in stval. The pc is left at the instruction that trapped (as sepc).
 */
public final class Trap {

    /** The instruction budget ran out; pc is the next instruction to run. */
    public static final int BUDGET = -1;

    /** {@link Hart#interrupt()} was called; pc is the next instruction to run. */
    public static final int INTERRUPTED = -2;

    /** Instruction address misaligned: pc was odd when run began (jumps and branches cannot make it so); tval is pc. */
    public static final int FETCH_MISALIGNED = 0;

    /** Instruction access fault; tval is the address. */
    public static final int FETCH_ACCESS_FAULT = 1;

    /** Illegal instruction; tval is the instruction's bits (16 of them for a compressed one). */
    public static final int ILLEGAL_INSTRUCTION = 2;

    /** ebreak or c.ebreak; tval is the pc. */
    public static final int BREAKPOINT = 3;

    /** LR at a misaligned address; tval is the address. */
    public static final int LOAD_MISALIGNED = 4;

    /** Load access fault; tval is the address. */
    public static final int LOAD_ACCESS_FAULT = 5;

    /** SC or AMO at a misaligned address; tval is the address. */
    public static final int STORE_MISALIGNED = 6;

    /** Store or AMO access fault; tval is the address. */
    public static final int STORE_ACCESS_FAULT = 7;

    /** ecall from user mode. */
    public static final int ECALL = 8;

    /** Instruction page fault; tval is the address. */
    public static final int FETCH_PAGE_FAULT = 12;

    /** Load page fault; tval is the address. */
    public static final int LOAD_PAGE_FAULT = 13;

    /** Store or AMO page fault; tval is the address. */
    public static final int STORE_PAGE_FAULT = 15;

    private Trap() {
    }

    /**
     * For a fault, the kind of access that faulted ({@link Mmu#READ},
     * {@link Mmu#WRITE}, {@link Mmu#EXECUTE}), as vm_fault wants it; 0 for
     * any other cause.
     */
    public static int accessOf(int cause) {
        switch (cause) {
            case LOAD_MISALIGNED: case LOAD_ACCESS_FAULT: case LOAD_PAGE_FAULT:
                return Mmu.READ;
            case STORE_MISALIGNED: case STORE_ACCESS_FAULT: case STORE_PAGE_FAULT:
                return Mmu.WRITE;
            case FETCH_MISALIGNED: case FETCH_ACCESS_FAULT: case FETCH_PAGE_FAULT:
                return Mmu.EXECUTE;
            default:
                return 0;
        }
    }

    /** A name for a cause, for messages. */
    public static String name(int cause) {
        return switch (cause) {
            case BUDGET -> "budget";
            case INTERRUPTED -> "interrupted";
            case FETCH_MISALIGNED -> "instruction address misaligned";
            case FETCH_ACCESS_FAULT -> "instruction access fault";
            case ILLEGAL_INSTRUCTION -> "illegal instruction";
            case BREAKPOINT -> "breakpoint";
            case LOAD_MISALIGNED -> "load address misaligned";
            case LOAD_ACCESS_FAULT -> "load access fault";
            case STORE_MISALIGNED -> "store/AMO address misaligned";
            case STORE_ACCESS_FAULT -> "store/AMO access fault";
            case ECALL -> "environment call from U-mode";
            case FETCH_PAGE_FAULT -> "instruction page fault";
            case LOAD_PAGE_FAULT -> "load page fault";
            case STORE_PAGE_FAULT -> "store/AMO page fault";
            default -> "cause " + cause;
        };
    }
}
