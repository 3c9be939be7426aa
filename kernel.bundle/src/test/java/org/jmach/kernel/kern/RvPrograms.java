package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.RiscvThreadState.RISCV_THREAD_STATE;
import static org.jmach.vm.VmProt.VM_PROT_EXECUTE;
import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jmach.mach.MachTraps;
import org.jmach.mach.RiscvThreadState;

/**
 * RISC-V test programs put into a task through its port, as a loader
 * would: code at {@link #CODE} (read/execute), a page of data at
 * {@link #DATA}, a stack below {@link #STACK_TOP}, and a thread made by
 * thread_create and thread_set_state, not yet resumed.
 */
final class RvPrograms {

    static final long CODE = 0x10000;
    static final long DATA = 0x20000;
    static final long STACK = 0x30000;
    static final long STACK_TOP = STACK + 0x10000;

    private RvPrograms() {
    }

    /** Maps code, data and stack in {@code task} (a name in {@code self}'s space); code must fit 64 KiB. */
    static void load(MachTraps self, int task, RvAsm code) {
        byte[] bytes = code.bytes();
        long size = (bytes.length + 4095) & ~4095L;
        assertEquals(KERN_SUCCESS, self.mach().vmAllocate(task, new long[] {CODE}, size, 0));
        assertEquals(KERN_SUCCESS, self.mach().vmWrite(task, CODE, java.util.Arrays.copyOf(bytes, (int) size)));
        assertEquals(KERN_SUCCESS, self.mach().vmProtect(task, CODE, size, 0, VM_PROT_READ | VM_PROT_EXECUTE));
        assertEquals(KERN_SUCCESS, self.mach().vmAllocate(task, new long[] {DATA}, 0x1000, 0));
        assertEquals(KERN_SUCCESS, self.mach().vmAllocate(task, new long[] {STACK}, STACK_TOP - STACK, 0));
    }

    /** A new interpreted thread of {@code task} at {@code pc}, not resumed; returns its name. */
    static int thread(MachTraps self, int task, long pc) {
        int[] thread = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().threadCreate(task, thread));
        assertEquals(KERN_SUCCESS, self.mach().threadSetState(thread[0], RISCV_THREAD_STATE,
                RiscvThreadState.of(pc, STACK_TOP).toWords()));
        return thread[0];
    }
}
