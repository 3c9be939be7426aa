package org.jmach.vm.vm;

import static org.jmach.vm.VmInherit.VM_INHERIT_NONE;
import static org.jmach.vm.VmInherit.VM_INHERIT_SHARE;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ADDRESS;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MapCopy;
import org.junit.jupiter.api.Test;

/** Copy-on-write through task_create's inheritance, vm_copy, vm_read/vm_write and out-of-line copies. */
class CopyOnWriteTest extends VmTestBase {

    @Test
    void copyInheritanceKeepsEachSidesWritesOnItsSide() {
        AddressMap parent = boot(64).mapCreate();
        long a = alloc(parent, 4 * PAGE);
        for (int i = 0; i < 4; i++) {
            putLong(parent, a + i * PAGE, 100 + i);
        }
        AddressMap child = parent.fork();
        int cowBefore = vm.statistics().cowFaults();
        putLong(parent, a, 1);
        putLong(child, a + PAGE, 2);
        assertEquals(1, getLong(parent, a));
        assertEquals(100, getLong(child, a));
        assertEquals(101, getLong(parent, a + PAGE));
        assertEquals(2, getLong(child, a + PAGE));
        assertEquals(102, getLong(parent, a + 2 * PAGE));
        assertEquals(102, getLong(child, a + 2 * PAGE));
        assertEquals(2, vm.statistics().cowFaults() - cowBefore);
        // A grandchild copies the child's view.
        AddressMap grandchild = child.fork();
        putLong(child, a + 3 * PAGE, 3);
        assertEquals(103, getLong(grandchild, a + 3 * PAGE));
        assertEquals(2, getLong(grandchild, a + PAGE));
    }

    @Test
    void shareAndNoneInheritance() {
        AddressMap parent = boot(64).mapCreate();
        long shared = alloc(parent, PAGE);
        long hole = alloc(parent, PAGE);
        assertEquals(KERN_SUCCESS, parent.inherit(shared, PAGE, VM_INHERIT_SHARE));
        assertEquals(KERN_SUCCESS, parent.inherit(hole, PAGE, VM_INHERIT_NONE));
        AddressMap child = parent.fork();
        putLong(child, shared, 5);
        assertEquals(5, getLong(parent, shared));
        putLong(parent, shared + 8, 6);
        assertEquals(6, getLong(child, shared + 8));
        assertEquals(KERN_INVALID_ADDRESS, child.load(hole, new byte[1], 0, 1, THREAD));
        assertTrue(parent.region(shared).shared());
    }

    @Test
    void vmCopyIsASnapshotEvenOfSharedMemory() {
        AddressMap parent = boot(64).mapCreate();
        long src = alloc(parent, 2 * PAGE);
        long dst = alloc(parent, 2 * PAGE);
        putLong(parent, src, 10);
        putLong(parent, src + PAGE, 11);
        assertEquals(KERN_SUCCESS, parent.inherit(src, 2 * PAGE, VM_INHERIT_SHARE));
        AddressMap sharer = parent.fork();
        // vm_copy: copyin then overwrite.
        MapCopy[] c = new MapCopy[1];
        assertEquals(KERN_SUCCESS, parent.copyin(src, 2 * PAGE, false, c));
        assertEquals(KERN_SUCCESS, parent.overwrite(dst, c[0]));
        // The sharer writes the source: the copy keeps the old data.
        putLong(sharer, src, 20);
        assertEquals(20, getLong(parent, src));
        assertEquals(10, getLong(parent, dst));
        putLong(parent, dst + PAGE, 21);
        assertEquals(11, getLong(sharer, src + PAGE));
        assertEquals(21, getLong(parent, dst + PAGE));
        // A second copy taken later sees the newer data; the first still the old.
        long dst2 = alloc(parent, 2 * PAGE);
        assertEquals(KERN_SUCCESS, parent.copyin(src, 2 * PAGE, false, c));
        assertEquals(KERN_SUCCESS, parent.overwrite(dst2, c[0]));
        putLong(sharer, src, 30);
        assertEquals(20, getLong(parent, dst2));
        assertEquals(10, getLong(parent, dst));
        assertEquals(30, getLong(parent, src));
    }

    @Test
    void outOfLineCopyMovesByMappingWithDeallocate() {
        AddressMap sender = boot(64).mapCreate();
        AddressMap receiver = vm.mapCreate();
        long a = alloc(sender, 3 * PAGE);
        putLong(sender, a + 100, 77);
        MapCopy[] c = new MapCopy[1];
        assertEquals(KERN_SUCCESS, sender.copyin(a + 100, 2 * PAGE, true, c));
        assertEquals(KERN_INVALID_ADDRESS, sender.load(a, new byte[1], 0, 1, THREAD), "deallocated");
        long[] at = {0};
        assertEquals(KERN_SUCCESS, receiver.copyout(c[0], at));
        assertEquals(100, at[0] % PAGE, "the data keeps its offset in the page");
        assertEquals(77, getLong(receiver, at[0]));
        int frames = vm.statistics().freeCount();
        putLong(receiver, at[0], 78);
        assertEquals(frames, vm.statistics().freeCount(), "the only owner writes in place");
    }

    @Test
    void readAndWriteThroughCopies() {
        AddressMap map = boot(64).mapCreate();
        long a = alloc(map, 2 * PAGE);
        putLong(map, a, 123);
        MapCopy[] c = new MapCopy[1];
        assertEquals(KERN_SUCCESS, map.copyin(a, 16, false, c));
        byte[] bytes = c[0].read(THREAD);
        assertEquals(16, bytes.length);
        assertEquals(123, bytes[0]);
        c[0].discard();
        MapCopy unaligned = vm.copyFromBytes(new byte[100]);
        assertEquals(KERN_INVALID_ARGUMENT, map.overwrite(a, unaligned));
        unaligned.discard();
        byte[] page = new byte[PAGE];
        page[8] = 9;
        assertEquals(KERN_SUCCESS, map.overwrite(a + PAGE, vm.copyFromBytes(page)));
        assertEquals(9, getLong(map, a + PAGE + 8));
        assertEquals(123, getLong(map, a));
    }

    @Test
    void shadowChainsCollapse() {
        AddressMap map = boot(64).mapCreate();
        long a = alloc(map, PAGE);
        putLong(map, a, 1);
        for (int i = 0; i < 20; i++) {
            AddressMap child = map.fork();
            putLong(map, a, i);
            child.destroy();
        }
        assertTrue(vm.objects().size() <= 3, "chain collapsed: " + vm.objects());
        assertEquals(19, getLong(map, a));
    }
}
