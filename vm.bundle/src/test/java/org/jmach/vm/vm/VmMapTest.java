package org.jmach.vm.vm;

import static org.jmach.vm.VmInherit.VM_INHERIT_SHARE;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;
import static org.jmach.vm.VmProt.VM_PROT_NONE;
import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.jmach.vm.VmProt.VM_PROT_WRITE;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ADDRESS;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.vm.vm.VmReturn.KERN_NO_ACCESS;
import static org.jmach.vm.vm.VmReturn.KERN_NO_SPACE;
import static org.jmach.vm.vm.VmReturn.KERN_PROTECTION_FAILURE;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.VmRegion;
import org.junit.jupiter.api.Test;

/** Address map routines: their results and error codes, GNU Mach's VM scenarios in our own words. */
class VmMapTest extends VmTestBase {

    @Test
    void sizeLimitRefusesPastTheLimitAndProtNoneDoesNotCount() {
        AddressMap map = boot(64).mapCreate();
        assertEquals(KERN_SUCCESS, map.setSizeLimit(4 * PAGE, 8 * PAGE, false));
        long a = alloc(map, 4 * PAGE);
        long[] b = {0};
        assertEquals(KERN_NO_SPACE, map.allocate(b, PAGE, true), "past the limit");
        // Making pages inaccessible frees room under the limit.
        assertEquals(KERN_SUCCESS, map.protect(a, 2 * PAGE, false, VM_PROT_NONE));
        assertEquals(2 * PAGE, map.accountedSize());
        assertEquals(KERN_SUCCESS, map.allocate(b, 2 * PAGE, true));
        // Making them accessible again would pass it.
        assertEquals(KERN_NO_SPACE, map.protect(a, PAGE, false, VM_PROT_READ));
        // A mapping with VM_PROT_NONE does not count at all.
        long[] c = {0};
        assertEquals(KERN_SUCCESS, map.map(c, 16 * PAGE, 0, true, null, 0, false, VM_PROT_NONE, VM_PROT_ALL, 1));
        assertEquals(4 * PAGE, map.accountedSize());
        assertEquals(22 * PAGE, map.virtualSize());
    }

    @Test
    void raisingTheMaximumLimitNeedsPrivilege() {
        AddressMap map = boot(16).mapCreate();
        assertEquals(KERN_SUCCESS, map.setSizeLimit(PAGE, 2 * PAGE, false));
        assertEquals(KERN_NO_ACCESS, map.setSizeLimit(PAGE, 4 * PAGE, false));
        assertEquals(KERN_SUCCESS, map.setSizeLimit(PAGE, 4 * PAGE, true));
        assertEquals(KERN_INVALID_ARGUMENT, map.setSizeLimit(8 * PAGE, 4 * PAGE, true));
        assertEquals(4 * PAGE, map.sizeLimit()[1]);
        // Lowering needs nothing, and the child inherits the limits.
        assertEquals(KERN_SUCCESS, map.setSizeLimit(PAGE, 2 * PAGE, false));
        assertEquals(2 * PAGE, map.fork().sizeLimit()[1]);
    }

    @Test
    void protectionCannotRiseAboveTheMaximum() {
        AddressMap map = boot(16).mapCreate();
        long a = alloc(map, 2 * PAGE);
        assertEquals(KERN_SUCCESS, map.protect(a, PAGE, true, VM_PROT_READ));
        assertEquals(KERN_PROTECTION_FAILURE, map.protect(a, PAGE, false, VM_PROT_DEFAULT));
        assertEquals(KERN_PROTECTION_FAILURE, map.protect(a, PAGE, true, VM_PROT_ALL));
        assertEquals(KERN_INVALID_ARGUMENT, map.protect(a, PAGE, false, 0x40));
        assertEquals(KERN_INVALID_ADDRESS, map.protect(a + 4 * PAGE, PAGE, false, VM_PROT_READ));
        VmRegion r = map.region(a);
        assertEquals(VM_PROT_READ, r.protection());
        assertEquals(VM_PROT_READ, r.maxProtection());
        assertEquals(a + PAGE, r.end());
        // Writing the read-only page is a protection failure; reading it works.
        byte[] one = {1};
        assertEquals(KERN_PROTECTION_FAILURE, map.store(a, one, 0, 1, THREAD));
        assertEquals(a, THREAD.faultAddress);
        assertEquals(KERN_SUCCESS, map.load(a, one, 0, 1, THREAD));
        assertEquals(0, one[0]);
        putLong(map, a + PAGE, 7);
    }

    @Test
    void allocateFixedDeallocateAndRegions() {
        AddressMap map = boot(16).mapCreate();
        long[] a = {0x40000};
        assertEquals(KERN_SUCCESS, map.allocate(a, 3 * PAGE, false));
        assertEquals(0x40000, a[0]);
        long[] again = {0x41000};
        assertEquals(KERN_NO_SPACE, map.allocate(again, PAGE, false), "in use");
        long[] low = {0};
        assertEquals(KERN_INVALID_ADDRESS, map.allocate(low, PAGE, false), "page zero stays unmapped");
        long[] high = {AddressMap.MAX_ADDRESS};
        assertEquals(KERN_INVALID_ADDRESS, map.allocate(high, PAGE, false));
        putLong(map, 0x41000, 42);
        assertEquals(KERN_SUCCESS, map.deallocate(0x41000, PAGE));
        assertEquals(2, map.regions().size(), "the hole splits the region");
        byte[] b = new byte[8];
        assertEquals(KERN_INVALID_ADDRESS, map.load(0x41000, b, 0, 8, THREAD));
        assertEquals(KERN_SUCCESS, map.allocate(again, PAGE, false));
        assertEquals(0, getLong(map, 0x41000), "new memory is zero-filled");
        assertEquals(KERN_INVALID_ADDRESS, map.deallocate(-PAGE, PAGE));
        assertEquals(KERN_SUCCESS, map.inherit(0x40000, 3 * PAGE, VM_INHERIT_SHARE));
        assertEquals(KERN_INVALID_ARGUMENT, map.inherit(0x40000, PAGE, 7));
        assertEquals(VM_INHERIT_SHARE, map.region(0x40000).inheritance());
        assertEquals(false, map.region(0x40000).shared(), "split regions of one task are not shared");
        assertNull(map.region(0x50000));
    }

    @Test
    void accessSpanningPagesAndRegions() {
        AddressMap map = boot(16).mapCreate();
        long a = alloc(map, 2 * PAGE);
        byte[] data = new byte[PAGE + 100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        assertEquals(KERN_SUCCESS, map.store(a + 50, data, 0, data.length, THREAD));
        byte[] back = new byte[data.length];
        assertEquals(KERN_SUCCESS, map.load(a + 50, back, 0, back.length, THREAD));
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, back);
        assertEquals(KERN_INVALID_ADDRESS, map.load(a + PAGE, new byte[2 * PAGE], 0, 2 * PAGE, THREAD));
        assertEquals(a + 2 * PAGE, THREAD.faultAddress, "the fault is at the first byte not mapped");
        assertEquals(VM_PROT_WRITE, VM_PROT_WRITE & map.region(a).protection());
    }
}
