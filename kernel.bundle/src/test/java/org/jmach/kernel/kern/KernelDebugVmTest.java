package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jmach.mach.MachDebug.VmObjectSummary;
import org.jmach.mach.MachDebug.VmRegionSummary;
import org.jmach.mach.MachDebug.VmStatSummary;
import org.jmach.vm.VmInherit;
import org.jmach.vm.VmProt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The debugging view of virtual memory (mach:vm, mach:vmstat) on a kernel booted with the VM bundle. */
class KernelDebugVmTest {

    private static final int PAGE = 4096;

    private final Startup kernel = TestMachine.boot(TestMachine.of(1), "test");

    @AfterEach
    void halt() {
        kernel.shutdown();
    }

    @Test
    void regionsShowProtectionInheritanceTheObjectAndItsResidentPages() {
        Task task = kernel.taskCreate("vm");
        long a = task.memory().allocate(2 * PAGE);
        assertTrue(task.memory().write(a, new byte[] {1}, 0, 1));
        long b = task.memory().allocate(PAGE);
        assertEquals(KERN_SUCCESS, task.map().protect(b, PAGE, false, VmProt.VM_PROT_READ));

        VmRegionSummary written = regionAt(task, a);
        assertEquals(a + 2 * PAGE, written.end());
        assertEquals(VmProt.VM_PROT_DEFAULT, written.protection());
        assertEquals(VmProt.VM_PROT_ALL, written.maxProtection());
        assertEquals(VmInherit.VM_INHERIT_COPY, written.inheritance());
        assertTrue(written.objectId() != 0, written.toString());
        assertEquals(1, written.residentPages());
        assertFalse(written.shared());
        VmRegionSummary readOnly = regionAt(task, b);
        assertEquals(VmProt.VM_PROT_READ, readOnly.protection());
        assertEquals(0, readOnly.residentPages());

        VmObjectSummary object = KernelDebug.vmObjects(kernel).stream()
                .filter(o -> o.id() == written.objectId()).findFirst().orElseThrow();
        assertTrue(object.internal(), object.toString());
        assertEquals(1, object.residentPages(), object.toString());
    }

    @Test
    void aRegionInheritedByShareIsTheSameSharedObjectInParentAndChild() {
        Task parent = kernel.taskCreate("parent");
        long a = parent.memory().allocate(PAGE);
        assertTrue(parent.memory().write(a, new byte[] {1}, 0, 1));
        assertEquals(KERN_SUCCESS, parent.map().inherit(a, PAGE, VmInherit.VM_INHERIT_SHARE));
        Task child = kernel.taskCreate("child", parent, true);

        VmRegionSummary mine = regionAt(parent, a);
        VmRegionSummary its = regionAt(child, a);
        assertEquals(mine.objectId(), its.objectId());
        assertEquals(VmInherit.VM_INHERIT_SHARE, its.inheritance());
        assertTrue(mine.shared() && its.shared(), mine + " " + its);
    }

    @Test
    void anUnknownTaskHasNoRegions() {
        assertEquals(List.of(), KernelDebug.vmRegions(kernel, 9_999));
    }

    @Test
    void statisticsCountTheZeroFillFaultAndNameThePolicy() {
        Task task = kernel.taskCreate("vm");
        VmStatSummary before = KernelDebug.vmStatistics(kernel);
        assertTrue(task.memory().write(task.memory().allocate(PAGE), new byte[] {1}, 0, 1));
        VmStatSummary after = KernelDebug.vmStatistics(kernel);
        assertEquals(PAGE, after.statistics().pagesize());
        assertTrue(after.statistics().freeCount() > 0, after.toString());
        assertEquals(before.statistics().zeroFillCount() + 1, after.statistics().zeroFillCount(), after.toString());
        assertEquals(kernel.vm().pageoutPolicyName(), after.pageoutPolicy());
        assertFalse(after.pageoutPolicy().isEmpty());
    }

    private VmRegionSummary regionAt(Task task, long start) {
        return KernelDebug.vmRegions(kernel, task.id()).stream().filter(r -> r.start() == start).findFirst()
                .orElseThrow(() -> new AssertionError("no region at 0x" + Long.toHexString(start)));
    }
}
