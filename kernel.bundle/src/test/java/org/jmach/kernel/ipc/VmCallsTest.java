package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jmach.mach.MachIds;
import org.jmach.mach.MachUser;
import org.junit.jupiter.api.Test;

/** vm_allocate and vm_deallocate: mach.defs routines, messages to the task port with Mach's ids. */
class VmCallsTest extends IpcTestBase {

    @Test
    void theIdsAreMachs() {
        assertEquals(2021, MachIds.VM_ALLOCATE);
        assertEquals(2023, MachIds.VM_DEALLOCATE);
    }

    @Test
    void allocateAnywhereGivesZeroedPagesThatDeallocateTakesBack() {
        MachUser mach = self.mach();
        long[] address = new long[1];
        assertEquals(KERN_SUCCESS, mach.vmAllocate(task, address, 3 * 4096, 1));
        assertEquals(0, address[0] & 4095, "page-aligned");
        assertNotEquals(0, address[0]);
        byte[] page = new byte[4096];
        assertEquals(KERN_SUCCESS, self.load(address[0] + 2 * 4096, page, 0, page.length));
        assertEquals(0, page[4095]);
        assertEquals(KERN_SUCCESS, mach.vmDeallocate(task, address[0], 3 * 4096));
        // The access faults: with no exception handler at any level the task is terminated.
        assertEquals(KERN_INVALID_ADDRESS, self.load(address[0], page, 0, 1));
        assertFalse(taskA.isActive());
    }

    @Test
    void allocateAtAFixedAddressOnceThenNoSpace() {
        MachUser mach = self.mach();
        long[] address = {0x4000_0000L};
        assertEquals(KERN_SUCCESS, mach.vmAllocate(task, address, 4096, 0));
        assertEquals(0x4000_0000L, address[0]);
        assertEquals(KERN_NO_SPACE, mach.vmAllocate(task, address, 4096, 0));
        address[0] = 0x4000_0010L;
        assertEquals(KERN_INVALID_ARGUMENT, mach.vmAllocate(task, address, 4096, 0));
        assertEquals(KERN_INVALID_ARGUMENT, mach.vmAllocate(task, address, 0, 1));
    }

    @Test
    void theTargetMustBeATaskPort() {
        long[] address = new long[1];
        assertEquals(KERN_INVALID_TASK, self.mach().vmAllocate(self.machHostSelf(), address, 4096, 1));
        assertEquals(KERN_INVALID_TASK, self.mach().vmDeallocate(self.machThreadSelf(), 0, 4096));
    }
}
