package org.jmach.vm.vm;

import static org.jmach.vm.VmInherit.VM_INHERIT_COPY;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;
import static org.jmach.vm.vm.VmReturn.KERN_MEMORY_FAILURE;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.PmapAccess;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.spi.VmThread;
import org.junit.jupiter.api.Test;

/**
 * A fault that may not wait, and VM telling of its next change instead
 * ({@link PmapAccess#changeCount}, {@link PmapAccess#whenChanged}): what an
 * interpreted thread uses to wait for a manager without a Java thread.
 */
class WhenChangedTest extends VmTestBase {

    static final VmThread NO_BLOCK = VmThread.noWait(() -> false);

    static byte[] pageOf(long value) {
        byte[] p = new byte[PAGE];
        ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        return p;
    }

    @Test
    void aFaultThatWouldWaitIsToldOfTheManagersAnswerWithNoLockHeld() {
        boot(64);
        channel.holdRequests = true;
        TestChannel.Pager pager = new TestChannel.Pager("slow");
        pager.store.put(0L, pageOf(5));
        MemoryObjectControl o = vm.objectForPager(pager, PAGE);
        assertNotNull(o);
        AddressMap map = vm.mapCreate();
        long[] a = {0};
        assertEquals(KERN_SUCCESS, map.map(a, PAGE, 0, true, o, 0, false, VM_PROT_DEFAULT, VM_PROT_ALL,
                VM_INHERIT_COPY));
        PmapAccess pmap = map.pmapAccess();

        assertEquals(VmSystem.VM_WOULD_BLOCK, pmap.fault(a[0], false, NO_BLOCK));
        assertEquals(1, channel.logged("data_request slow").size(), "the request went out all the same");
        long seen = pmap.changeCount();
        List<Boolean> lockHeld = new ArrayList<>();
        AtomicInteger told = new AtomicInteger();
        pmap.whenChanged(seen, () -> {
            lockHeld.add(vm.lock.isHeldByCurrentThread());
            told.incrementAndGet();
        });
        assertEquals(0, told.get(), "nothing changed since the count was read");
        assertEquals(VmSystem.VM_WOULD_BLOCK, pmap.fault(a[0], false, NO_BLOCK));

        AtomicInteger late = new AtomicInteger();
        pmap.whenChanged(seen - 1, late::incrementAndGet);
        assertEquals(1, late.get(), "a count that moved already answers at once");

        List<Runnable> answers;
        synchronized (channel.held) {
            answers = new ArrayList<>(channel.held);
            channel.held.clear();
        }
        answers.forEach(Runnable::run); // data_supply
        assertEquals(1, told.get(), "told once, at the change");
        assertEquals(List.of(false), lockHeld, "told with no VM lock held");
        assertEquals(KERN_SUCCESS, pmap.fault(a[0], false, NO_BLOCK));
        assertEquals(5, getLong(map, a[0]));
    }

    @Test
    void afterShutdownAFaultThatMayNotWaitFailsAndIsToldAtOnce() {
        boot(64);
        channel.holdRequests = true;
        TestChannel.Pager pager = new TestChannel.Pager("gone");
        pager.store.put(0L, pageOf(5));
        MemoryObjectControl o = vm.objectForPager(pager, PAGE);
        AddressMap map = vm.mapCreate();
        long[] a = {0};
        assertEquals(KERN_SUCCESS, map.map(a, PAGE, 0, true, o, 0, false, VM_PROT_DEFAULT, VM_PROT_ALL,
                VM_INHERIT_COPY));
        PmapAccess pmap = map.pmapAccess();
        assertEquals(VmSystem.VM_WOULD_BLOCK, pmap.fault(a[0], false, NO_BLOCK));
        long seen = pmap.changeCount();
        AtomicInteger told = new AtomicInteger();
        pmap.whenChanged(seen, told::incrementAndGet);
        vm.shutdown();
        assertEquals(1, told.get(), "shutdown is a change");
        AtomicInteger after = new AtomicInteger();
        pmap.whenChanged(pmap.changeCount(), after::incrementAndGet);
        assertEquals(1, after.get());
        assertEquals(KERN_MEMORY_FAILURE, pmap.fault(a[0], false, NO_BLOCK));
        assertFalse(channel.logged("data_request gone").isEmpty());
    }
}
