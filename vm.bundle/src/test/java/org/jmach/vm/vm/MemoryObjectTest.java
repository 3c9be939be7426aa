package org.jmach.vm.vm;

import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_CALL;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_NONE;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_TEMPORARY;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_RETURN_DIRTY;
import static org.jmach.vm.VmInherit.VM_INHERIT_COPY;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;
import static org.jmach.vm.VmProt.VM_PROT_NO_CHANGE;
import static org.jmach.vm.VmProt.VM_PROT_WRITE;
import static org.jmach.vm.vm.VmReturn.KERN_MEMORY_ERROR;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.MemoryObjectControl;
import org.junit.jupiter.api.Test;

/** The kernel side of the external memory management protocol, against the test channel's managers. */
class MemoryObjectTest extends VmTestBase {

    private static byte[] pageOf(long value) {
        byte[] p = new byte[PAGE];
        ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        return p;
    }

    private long mapObject(AddressMap map, MemoryObjectControl o, long size) {
        long[] a = {0};
        assertEquals(KERN_SUCCESS, map.map(a, size, 0, true, o, 0, false, VM_PROT_DEFAULT, VM_PROT_ALL,
                VM_INHERIT_COPY));
        return a[0];
    }

    @Test
    void twoTasksShareAnExternalObjectAndLockRequestFlushesAndReturns() {
        boot(64);
        TestChannel.Pager pager = new TestChannel.Pager("file");
        pager.store.put(0L, pageOf(41));
        pager.store.put((long) PAGE, pageOf(42));
        MemoryObjectControl o = vm.objectForPager(pager, 2 * PAGE);
        assertNotNull(o);
        assertEquals(o, vm.objectForPager(pager, 2 * PAGE), "one VM object per memory object");
        AddressMap a = vm.mapCreate();
        AddressMap b = vm.mapCreate();
        long at = mapObject(a, o, 2 * PAGE);
        long bt = mapObject(b, o, 2 * PAGE);
        assertEquals(41, getLong(a, at));
        assertEquals(42, getLong(b, bt + PAGE));
        putLong(a, at + PAGE, 43);
        assertEquals(43, getLong(b, bt + PAGE), "both tasks map the same pages");
        assertEquals(2, channel.logged("data_request").size());
        // Return the dirty pages and flush everything.
        assertEquals(KERN_SUCCESS, o.lockRequest(0, 2 * PAGE, MEMORY_OBJECT_RETURN_DIRTY, true,
                VM_PROT_NO_CHANGE, "reply"));
        assertEquals(1, channel.logged("data_return file").size(), channel.log.toString());
        assertEquals(43, ByteBuffer.wrap(pager.store.get((long) PAGE)).order(ByteOrder.LITTLE_ENDIAN).getLong());
        assertEquals(1, channel.logged("lock_completed reply").size());
        assertEquals(43, getLong(b, bt + PAGE), "flushed pages come back from the manager");
        assertEquals(3, channel.logged("data_request").size());
    }

    @Test
    void aCopyOfAManagersObjectLeavesTheOriginalWritingToTheManager() {
        boot(64);
        TestChannel.Pager pager = new TestChannel.Pager("shared-file");
        pager.store.put(0L, pageOf(1));
        MemoryObjectControl o = vm.objectForPager(pager, PAGE);
        AddressMap a = vm.mapCreate();
        long at = mapObject(a, o, PAGE);
        vm.objectDeallocate(o);
        assertEquals(1, getLong(a, at));
        MapCopy[] c = new MapCopy[1];
        assertEquals(KERN_SUCCESS, a.copyin(at, PAGE, false, c));
        long[] copyAt = {0};
        assertEquals(KERN_SUCCESS, a.copyout(c[0], copyAt));
        putLong(a, at, 2);
        assertEquals(1, getLong(a, copyAt[0]), "the copy keeps the old data");
        // The original's write reaches the manager, not a private shadow.
        assertEquals(KERN_SUCCESS, o.lockRequest(0, PAGE, MEMORY_OBJECT_RETURN_DIRTY, true, VM_PROT_NO_CHANGE, null));
        assertEquals(2, ByteBuffer.wrap(pager.store.get(0L)).order(ByteOrder.LITTLE_ENDIAN).getLong());
        // The manager changes its data behind the flush: the copy still has what it copied.
        pager.store.put(0L, pageOf(3));
        assertEquals(3, getLong(a, at));
        assertEquals(1, getLong(a, copyAt[0]));
    }

    @Test
    void aCopyOfACopyNoneObjectHoldsTheDataAsItWasWhenCopied() {
        boot(64);
        TestChannel.Pager pager = new TestChannel.Pager("changing");
        pager.store.put(0L, pageOf(1));
        pager.store.put((long) PAGE, pageOf(2));
        MemoryObjectControl o = vm.objectForPager(pager, 2 * PAGE);
        assertEquals(KERN_SUCCESS, o.changeAttributes(false, MEMORY_OBJECT_COPY_NONE, null));
        AddressMap a = vm.mapCreate();
        long at = mapObject(a, o, 2 * PAGE);
        assertEquals(1, getLong(a, at)); // page 0 is in the kernel; page 1 only the manager has
        long[] c = {0};
        assertEquals(KERN_SUCCESS, a.map(c, 2 * PAGE, 0, true, o, 0, true, VM_PROT_DEFAULT, VM_PROT_ALL,
                VM_INHERIT_COPY));
        // The manager changes both pages behind the kernel's back, then flushes the kernel's.
        pager.store.put(0L, pageOf(10));
        pager.store.put((long) PAGE, pageOf(20));
        assertEquals(KERN_SUCCESS, o.lockRequest(0, 2 * PAGE, 0, true, VM_PROT_NO_CHANGE, null));
        assertEquals(10, getLong(a, at));
        assertEquals(20, getLong(a, at + PAGE));
        assertEquals(1, getLong(a, c[0]), "the copy has the data of copy time");
        assertEquals(2, getLong(a, c[0] + PAGE), "also for the page the kernel had not fetched");
    }

    @Test
    void aTemporaryObjectsDirtyPagesDieWithIt() {
        boot(64);
        TestChannel.Pager kept = new TestChannel.Pager("kept");
        TestChannel.Pager temporary = new TestChannel.Pager("temporary");
        for (TestChannel.Pager pager : new TestChannel.Pager[] {kept, temporary}) {
            MemoryObjectControl o = vm.objectForPager(pager, PAGE);
            if (pager == temporary) {
                assertEquals(KERN_SUCCESS, o.changeAttributes(false, MEMORY_OBJECT_COPY_TEMPORARY, null));
            }
            AddressMap a = vm.mapCreate();
            long at = mapObject(a, o, PAGE);
            vm.objectDeallocate(o);
            putLong(a, at, 9);
            a.destroy();
        }
        assertEquals(1, channel.logged("data_return kept").size(), "the last unmapping returns the dirty page");
        assertEquals(0, channel.logged("data_return temporary").size(), "a temporary object's data just goes");
        assertEquals(1, channel.logged("terminate temporary").size());
    }

    @Test
    void copyCallAsksTheManagerForTheCopy() {
        boot(64);
        TestChannel.Pager pager = new TestChannel.Pager("calls");
        pager.store.put(0L, pageOf(7));
        MemoryObjectControl o = vm.objectForPager(pager, 2 * PAGE);
        assertEquals(KERN_SUCCESS, o.changeAttributes(false, MEMORY_OBJECT_COPY_CALL, null));
        AddressMap a = vm.mapCreate();
        long at = mapObject(a, o, 2 * PAGE);
        putLong(a, at + PAGE, 8); // dirty in the kernel: the manager gets it before it copies
        long[] c = {0};
        assertEquals(KERN_SUCCESS, a.map(c, 2 * PAGE, 0, true, o, 0, true, VM_PROT_DEFAULT, VM_PROT_ALL,
                VM_INHERIT_COPY));
        assertEquals(1, channel.logged("copy calls 0 8192").size(), channel.log.toString());
        assertEquals(8, getLong(a, c[0] + PAGE), "the copy starts from the kernel's data");
        putLong(a, at, 70);
        assertEquals(7, getLong(a, c[0]), "and does not see later writes to the original");
        assertEquals(1, channel.logged("init calls-copy").size());
    }

    @Test
    void preciousPagesGoBackOnPageoutEvenClean() {
        boot(64);
        vm.setDefaultPager(channel.defaultPager);
        TestChannel.Pager pager = new TestChannel.Pager("precious");
        pager.precious = true;
        for (long i = 0; i < 100; i++) {
            pager.store.put(i * PAGE, pageOf(i));
        }
        MemoryObjectControl o = vm.objectForPager(pager, 100 * PAGE);
        AddressMap a = vm.mapCreate();
        long at = mapObject(a, o, 100 * PAGE);
        startDaemon();
        for (int i = 0; i < 100; i++) {
            assertEquals(i, getLong(a, at + (long) i * PAGE));
        }
        assertTrue(channel.logged("data_return precious").stream().anyMatch(s -> s.endsWith("clean")),
                () -> "clean precious pages were returned: " + channel.logged(""));
        for (int i = 0; i < 100; i++) {
            assertEquals(i, getLong(a, at + (long) i * PAGE), "and read back from the manager");
        }
    }

    @Test
    void dataErrorFailsTheFaultAndLockedPagesAskForUnlock() {
        boot(16);
        TestChannel.Pager pager = new TestChannel.Pager("locked");
        MemoryObjectControl o = vm.objectForPager(pager, 2 * PAGE);
        AddressMap a = vm.mapCreate();
        long at = mapObject(a, o, 2 * PAGE);
        channel.holdRequests = true;
        CompletableFuture<Integer> fault = CompletableFuture.supplyAsync(
                () -> a.load(at, new byte[8], 0, 8, THREAD));
        while (channel.logged("data_request").isEmpty()) {
            Thread.onSpinWait();
        }
        assertEquals(KERN_SUCCESS, o.dataError(0, PAGE, 0));
        assertEquals(KERN_MEMORY_ERROR, fault.join());
        channel.holdRequests = false;
        assertEquals(KERN_SUCCESS, o.dataSupply(PAGE, pageOf(5), VM_PROT_WRITE, false, null));
        assertEquals(5, getLong(a, at + PAGE));
        putLong(a, at + PAGE, 6);
        assertEquals(1, channel.logged("data_unlock").size(), "the write asked the manager to unlock");
        assertEquals(6, getLong(a, at + PAGE));
    }

    @Test
    void aManagerDyingInTheMiddleOfADataRequestFailsOverToTheDefaultManager() throws Exception {
        boot(64);
        vm.setDefaultPager(channel.defaultPager);
        TestChannel.Pager pager = new TestChannel.Pager("dying");
        pager.store.put(0L, pageOf(1));
        MemoryObjectControl o = vm.objectForPager(pager, 4 * PAGE);
        AddressMap a = vm.mapCreate();
        long at = mapObject(a, o, 4 * PAGE);
        assertEquals(1, getLong(a, at));
        putLong(a, at, 2); // dirty data the manager never saw
        channel.holdRequests = true;
        CompletableFuture<Long> fault = CompletableFuture.supplyAsync(() -> getLong(a, at + PAGE));
        while (channel.logged("data_request dying " + PAGE).isEmpty()) {
            Thread.onSpinWait();
        }
        pager.alive = false;
        channel.holdRequests = false;
        vm.managerDied(pager);
        assertEquals(0, fault.get(10, TimeUnit.SECONDS), "the default manager had nothing there: zeros");
        assertEquals(2, getLong(a, at), "the dirty page survived");
        assertEquals(1, channel.logged("create").size(), "memory_object_create to the default manager");
        // Under memory pressure the dirty page now goes to the default manager, and comes back.
        startDaemon();
        AddressMap filler = vm.mapCreate();
        long f = alloc(filler, 200L * PAGE);
        for (int i = 0; i < 200; i++) {
            putLong(filler, f + (long) i * PAGE, i);
        }
        assertEquals(2, getLong(a, at));
        assertTrue(channel.logged("data_initialize anon1 0").size() + channel.logged("data_return anon1 0").size() <= 1);
    }
}
