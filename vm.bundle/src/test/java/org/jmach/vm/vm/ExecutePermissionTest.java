package org.jmach.vm.vm;

import static org.jmach.vm.VmInherit.VM_INHERIT_COPY;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_EXECUTE;
import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.jmach.vm.VmProt.VM_PROT_WRITE;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.vm.vm.VmReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.PmapAccess;
import org.jmach.vm.spi.VmThread;
import org.junit.jupiter.api.Test;

/**
 * Execute permission as a processor with its own TLB sees it through
 * {@link PmapAccess}: an instruction fetch (VM_PROT_EXECUTE) is allowed
 * only from memory mapped with execute permission, vm_fault answers
 * KERN_PROTECTION_FAILURE for one that is not, as for a write to read-only
 * memory, and taking execute away takes it from translations already made.
 */
class ExecutePermissionTest extends VmTestBase {

    private final VmThread thread = VmThread.noWait(() -> false);

    /** The TLB fill inside a run bracket, as a hart does it. */
    private static byte[] fill(PmapAccess pmap, long address, int access) {
        long stamp = pmap.beginRun();
        try {
            return pmap.frame(address / PAGE, access);
        } finally {
            pmap.endRun(stamp);
        }
    }

    private static long longIn(byte[] frame) {
        return ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    @Test
    void aFetchFromReadWriteMemoryIsAProtectionFailure() {
        boot(16);
        AddressMap map = vm.mapCreate();
        long a = alloc(map, 2 * PAGE); // vm_allocate: VM_PROT_DEFAULT, read and write
        PmapAccess pmap = map.pmapAccess();

        assertEquals(KERN_PROTECTION_FAILURE, pmap.fault(a, VM_PROT_EXECUTE, thread), "a page never touched");
        assertEquals(a, thread.faultAddress);
        putLong(map, a + PAGE, 0x00008067L); // ret, written and readable
        assertNotNull(fill(pmap, a + PAGE, VM_PROT_READ));
        assertNotNull(fill(pmap, a + PAGE, VM_PROT_WRITE));
        assertNull(fill(pmap, a + PAGE, VM_PROT_EXECUTE), "a read/write translation is no execute translation");
        assertEquals(KERN_PROTECTION_FAILURE, pmap.fault(a + PAGE + 8, VM_PROT_EXECUTE, thread),
                "a resident page");
        assertEquals(a + PAGE + 8, thread.faultAddress);
        assertEquals(KERN_PROTECTION_FAILURE, pmap.fault(a, VM_PROT_WRITE | VM_PROT_EXECUTE, thread));
        assertEquals(KERN_INVALID_ARGUMENT, pmap.fault(a, 0x8, thread), "not a vm_prot_t access");
    }

    @Test
    void aFetchFromReadExecuteMemorySucceedsAndWritesStillFail() {
        boot(16);
        AddressMap map = vm.mapCreate();
        long a = alloc(map, PAGE);
        putLong(map, a, 0x00008067L);
        assertEquals(KERN_SUCCESS, map.protect(a, PAGE, false, VM_PROT_READ | VM_PROT_EXECUTE));
        PmapAccess pmap = map.pmapAccess();

        assertNull(fill(pmap, a, VM_PROT_EXECUTE), "vm_protect removed the translation");
        assertEquals(KERN_SUCCESS, pmap.fault(a, VM_PROT_EXECUTE, thread));
        byte[] frame = fill(pmap, a, VM_PROT_EXECUTE);
        assertNotNull(frame);
        assertEquals(0x00008067L, longIn(frame), "the frame holds what was written");
        assertSame(frame, fill(pmap, a, VM_PROT_READ), "the same frame for loads");
        assertNull(fill(pmap, a, VM_PROT_WRITE));
        assertEquals(KERN_PROTECTION_FAILURE, pmap.fault(a, VM_PROT_WRITE, thread));
    }

    @Test
    void aReadFaultOfExecutableMemoryMakesAnExecuteTranslationToo() {
        boot(16);
        AddressMap map = vm.mapCreate();
        long[] a = {0};
        assertEquals(KERN_SUCCESS, map.map(a, PAGE, 0, true, null, 0, false, VM_PROT_ALL, VM_PROT_ALL,
                VM_INHERIT_COPY));
        PmapAccess pmap = map.pmapAccess();
        assertEquals(KERN_SUCCESS, pmap.fault(a[0], VM_PROT_READ, thread));
        assertNotNull(fill(pmap, a[0], VM_PROT_EXECUTE), "one fault for the page, whichever access came first");
        assertNotNull(fill(pmap, a[0], VM_PROT_WRITE));
        assertNotNull(fill(pmap, a[0], VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE));
    }

    @Test
    void vmProtectTakingExecuteAwayFaultsATranslationAlreadyFilled() {
        boot(16);
        AddressMap map = vm.mapCreate();
        long a = alloc(map, PAGE);
        assertEquals(KERN_SUCCESS, map.protect(a, PAGE, false, VM_PROT_ALL));
        PmapAccess pmap = map.pmapAccess();
        assertEquals(KERN_SUCCESS, pmap.fault(a, VM_PROT_EXECUTE, thread));
        assertNotNull(fill(pmap, a, VM_PROT_EXECUTE)); // a hart's execute TLB now holds it
        long generation = pmap.generation();

        assertEquals(KERN_SUCCESS, map.protect(a, PAGE, false, VM_PROT_READ | VM_PROT_WRITE));
        assertNotEquals(generation, pmap.generation(), "the generation moved: a hart flushes its TLB");
        assertNull(fill(pmap, a, VM_PROT_EXECUTE));
        assertEquals(KERN_PROTECTION_FAILURE, pmap.fault(a, VM_PROT_EXECUTE, thread));
        assertEquals(KERN_SUCCESS, pmap.fault(a, VM_PROT_READ, thread), "loads go on");
        assertNotNull(fill(pmap, a, VM_PROT_READ));
        assertNull(fill(pmap, a, VM_PROT_EXECUTE), "and the new translation is not executable");
    }

    @Test
    void aPageTheManagerLockedAgainstExecuteAsksForUnlockOnAFetch() {
        boot(16);
        TestChannel.Pager pager = new TestChannel.Pager("text");
        MemoryObjectControl o = vm.objectForPager(pager, PAGE);
        AddressMap map = vm.mapCreate();
        long[] a = {0};
        assertEquals(KERN_SUCCESS, map.map(a, PAGE, 0, true, o, 0, false, VM_PROT_READ | VM_PROT_EXECUTE,
                VM_PROT_ALL, VM_INHERIT_COPY));
        assertEquals(KERN_SUCCESS, o.dataSupply(0, WhenChangedTest.pageOf(7), VM_PROT_EXECUTE, false, null));
        PmapAccess pmap = map.pmapAccess();

        assertEquals(7, getLong(map, a[0]), "reads are not locked");
        assertNull(fill(pmap, a[0], VM_PROT_EXECUTE), "the translation keeps the manager's lock");
        assertEquals(0, channel.logged("data_unlock").size());
        assertEquals(KERN_SUCCESS, pmap.fault(a[0], VM_PROT_EXECUTE, THREAD));
        assertEquals(1, channel.logged("data_unlock text").size(), "the fetch asked the manager to unlock");
        assertNotNull(fill(pmap, a[0], VM_PROT_EXECUTE));
    }

    @Test
    void theLoadAndStoreFormsAreReadAndWriteAccess() {
        boot(16);
        AddressMap map = vm.mapCreate();
        long[] a = {0};
        assertEquals(KERN_SUCCESS, map.map(a, PAGE, 0, true, null, 0, false, VM_PROT_READ | VM_PROT_EXECUTE,
                VM_PROT_ALL, VM_INHERIT_COPY));
        PmapAccess pmap = map.pmapAccess();
        assertEquals(KERN_PROTECTION_FAILURE, pmap.fault(a[0], true, thread));
        assertEquals(KERN_SUCCESS, pmap.fault(a[0], false, thread));
        long stamp = pmap.beginRun();
        try {
            assertNotNull(pmap.frame(a[0] / PAGE, false));
            assertNull(pmap.frame(a[0] / PAGE, true));
        } finally {
            pmap.endRun(stamp);
        }
    }

    @Test
    void aTranslationWidenedInPlaceIsStillRemovedWithItsPage() {
        boot(16);
        VmMap map = (VmMap) vm.mapCreate();
        long a = alloc(map, PAGE);
        assertEquals(0, getLong(map, a));
        long vpn = a / PAGE;
        VmPage page = map.pmap.lookup(vpn).page;
        vm.lock();
        try {
            map.pmap.enter(vpn, page, VM_PROT_READ);
            map.pmap.enter(vpn, page, VM_PROT_ALL); // the same page, more access: no new pv entry, none lost
            assertEquals(1, page.mappings.size());
            Pmap.removeAll(page);
        } finally {
            vm.unlock();
        }
        assertNull(map.pmap.lookup(vpn), "pmap_page_protect found the translation through the page");
    }
}
