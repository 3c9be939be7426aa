package org.jmach.vm.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

import org.jmach.vm.VmStatistics;
import org.jmach.vm.spi.AddressMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Memory four times the machine's, written and read back through pageout and pagein. */
class PageoutTest extends VmTestBase {

    @ParameterizedTest
    @ValueSource(strings = {FifoSecondChance.NAME, LruAging.NAME})
    void fourTimesPhysicalMemoryChecksumsRight(String policy) {
        boot(256);
        vm.setPageoutPolicy(policy.equals(LruAging.NAME) ? new LruAging() : new FifoSecondChance());
        vm.setDefaultPager(channel.defaultPager);
        startDaemon();
        AddressMap map = vm.mapCreate();
        int pages = 4 * 256;
        long a = alloc(map, (long) pages * PAGE);
        CRC32 written = new CRC32();
        byte[] page = new byte[PAGE];
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < pages; i++) {
            for (int w = 0; w < PAGE / 8; w++) {
                b.putLong(w * 8, (long) i * 1_000_003 + w * 31);
            }
            assertEquals(0, map.store(a + (long) i * PAGE, page, 0, PAGE, THREAD));
            written.update(page);
        }
        CRC32 read = new CRC32();
        for (int i = 0; i < pages; i++) {
            assertEquals(0, map.load(a + (long) i * PAGE, page, 0, PAGE, THREAD));
            read.update(page);
        }
        assertEquals(written.getValue(), read.getValue());
        VmStatistics s = vm.statistics();
        assertTrue(s.pageouts() >= pages - 256, "pageouts " + s.pageouts());
        assertTrue(s.pageins() >= pages - 256, "pageins " + s.pageins());
        assertTrue(s.freeCount() <= 256);
        assertEquals(policy, vm.pageoutPolicyName());
        assertTrue(channel.logged("create").size() == 1, "one memory_object_create for the region's object");
    }

    @org.junit.jupiter.api.Test
    void wiredPagesStayResidentUnderPressure() {
        boot(64);
        vm.setDefaultPager(channel.defaultPager);
        startDaemon();
        AddressMap map = vm.mapCreate();
        long wired = alloc(map, 8L * PAGE);
        assertEquals(0, map.wire(wired, 8L * PAGE, org.jmach.vm.VmProt.VM_PROT_DEFAULT));
        assertEquals(8, vm.statistics().wireCount(), "vm_wire faulted the zero-fill pages in");
        for (int i = 0; i < 8; i++) {
            putLong(map, wired + (long) i * PAGE, 1000 + i);
        }
        long other = alloc(map, 200L * PAGE);
        for (int i = 0; i < 200; i++) {
            putLong(map, other + (long) i * PAGE, i);
        }
        assertEquals(8, map.region(wired).residentPages(), "wired pages were not paged out");
        for (int i = 0; i < 8; i++) {
            assertEquals(1000 + i, getLong(map, wired + (long) i * PAGE));
        }
        assertEquals(0, map.wire(wired, 8L * PAGE, org.jmach.vm.VmProt.VM_PROT_NONE));
        assertEquals(0, vm.statistics().wireCount());
        assertEquals(4, map.wire(wired, PAGE, 0x40), "KERN_INVALID_ARGUMENT");
        assertEquals(1, map.wire(other + 300L * PAGE, PAGE, org.jmach.vm.VmProt.VM_PROT_READ), "KERN_INVALID_ADDRESS");
    }

    /** A machine of 64 frames with a default pager and the pageout daemon, and a map kept resident (a pager's). */
    private AddressMap keptResidentMapOf64Frames() {
        boot(64);
        vm.setDefaultPager(channel.defaultPager);
        startDaemon();
        AddressMap pager = vm.mapCreate();
        pager.keepReceivedResident();
        return pager;
    }

    @org.junit.jupiter.api.Test
    void dataReceivedByAMapThatKeepsItResidentIsNeverPagedOut() {
        AddressMap pager = keptResidentMapOf64Frames();
        byte[] data = new byte[4 * PAGE];
        java.util.Arrays.fill(data, (byte) 7);
        long[] at = {0};
        assertEquals(0, pager.copyout(vm.copyFromBytes(data), at));
        byte[] page = new byte[PAGE];
        for (int i = 0; i < 4; i++) {
            assertEquals(0, pager.load(at[0] + (long) i * PAGE, page, 0, PAGE, PRIVILEGED));
        }
        AddressMap other = vm.mapCreate();
        long a = alloc(other, 200L * PAGE);
        for (int i = 0; i < 200; i++) {
            putLong(other, a + (long) i * PAGE, i);
        }
        assertTrue(vm.statistics().pageouts() > 0, "memory ran short");
        assertEquals(4, pager.region(at[0]).residentPages(), "the received pages stayed resident");
        assertEquals(0, pager.deallocate(at[0], 4L * PAGE));
    }

    @org.junit.jupiter.api.Test
    void memoryAMapThatKeepsItResidentAllocatesAndWritesIsNeverPagedOut() {
        AddressMap pager = keptResidentMapOf64Frames();
        // A buffer the pager fills for device_write, and received data it writes to (a private copy).
        long buffer = alloc(pager, 4L * PAGE);
        for (int i = 0; i < 4; i++) {
            putLong(pager, buffer + (long) i * PAGE, 100 + i);
        }
        long[] at = {0};
        assertEquals(0, pager.copyout(vm.copyFromBytes(new byte[2 * PAGE]), at));
        putLong(pager, at[0], 42);
        AddressMap other = vm.mapCreate();
        long a = alloc(other, 200L * PAGE);
        for (int i = 0; i < 200; i++) {
            putLong(other, a + (long) i * PAGE, i);
        }
        assertTrue(vm.statistics().pageouts() > 0, "memory ran short");
        assertEquals(4, pager.region(buffer).residentPages(), "the allocated pages stayed resident");
        assertEquals(1, pager.region(at[0]).residentPages(), "the page written stayed resident");
        for (int i = 0; i < 4; i++) {
            assertEquals(100 + i, getLong(pager, buffer + (long) i * PAGE));
        }
    }
}
