package org.jmach.kernel.vm;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_RETURN_DIRTY;
import static org.jmach.vm.VmInherit.VM_INHERIT_COPY;
import static org.jmach.vm.VmProt.VM_PROT_ALL;
import static org.jmach.vm.VmProt.VM_PROT_DEFAULT;
import static org.jmach.vm.VmProt.VM_PROT_NO_CHANGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.CRC32;

import org.jmach.hw.internal.SimulatedMachine;
import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.TestMachine;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The external memory management protocol end to end: managers written in
 * Java as user-level tasks ({@link TestPager}), clients mapping their
 * objects with vm_map, all through messages.
 */
class ExternalMemoryManagerTest {

    static final int PAGE = 4096;

    Startup kernel;
    Thread main;

    Startup boot(long memory) {
        kernel = TestMachine.boot(new SimulatedMachine(4, memory, 100), "test");
        return kernel;
    }

    @AfterEach
    void halt() {
        if (main != null) {
            main.detach();
        }
        kernel.shutdown();
    }

    static byte[] pageOf(long value) {
        byte[] p = new byte[PAGE];
        ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        return p;
    }

    static long getLong(MachTraps t, long address) {
        byte[] b = new byte[8];
        assertEquals(KERN_SUCCESS, t.load(address, b, 0, 8));
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static void putLong(MachTraps t, long address, long value) {
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        assertEquals(KERN_SUCCESS, t.store(address, b, 0, 8));
    }

    static long vmMap(MachTraps t, int object, long size) {
        long[] a = {0};
        assertEquals(KERN_SUCCESS, new MachUser(t.mig()).vmMap(t.machTaskSelf(), a, size, 0, 1, object, 0, 0,
                VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY));
        return a[0];
    }

    /** Waits (ten seconds at most) until the pager logged a line starting with {@code prefix}. */
    static void awaitLogged(TestPager pager, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pager.logged(prefix).isEmpty() && System.nanoTime() < deadline) {
            java.lang.Thread.sleep(1);
        }
    }

    /** Runs {@code body} on a new thread of {@code task}. */
    static <T> CompletableFuture<T> inTask(Task task, Function<MachTraps, T> body) {
        CompletableFuture<T> r = new CompletableFuture<>();
        task.threadCreate("client", t -> {
            try {
                r.complete(body.apply(t));
            } catch (Throwable e) {
                r.completeExceptionally(e);
            }
        });
        return r;
    }

    @Test
    void twoTasksMapOneObjectAndLockRequestFlushesAndReturns() throws Exception {
        boot(64L << 20);
        Map<Long, byte[]> pages = new HashMap<>();
        pages.put(0L, pageOf(41));
        pages.put((long) PAGE, pageOf(42));
        TestPager pager = TestPager.external(kernel, "file-pager", pages);
        Task a = kernel.taskCreate("a");
        Task b = kernel.taskCreate("b");
        pager.giveSendRight(kernel, a);
        pager.giveSendRight(kernel, b);
        int object = pager.port();
        main = a.threadAttach("main");
        MachTraps self = main.traps();
        long at = vmMap(self, object, 2 * PAGE);
        assertEquals(41, getLong(self, at));
        putLong(self, at + PAGE, 43);
        long seen = inTask(b, t -> getLong(t, vmMap(t, object, 2 * PAGE) + PAGE)).get(10, TimeUnit.SECONDS);
        assertEquals(43, seen, "both tasks map the same pages");
        assertEquals(1, pager.logged("init").size(), "one VM object for the memory object");
        int control = pager.controls.get(object);
        // The manager takes its dirty pages back and flushes them.
        assertEquals(KERN_SUCCESS, pager.call(t -> new MachUser(t.mig()).memoryObjectLockRequest(control, 0,
                2 * PAGE, MEMORY_OBJECT_RETURN_DIRTY, 1, VM_PROT_NO_CHANGE, MACH_PORT_NULL)));
        awaitLogged(pager, "data_return");
        assertEquals(java.util.List.of("data_return 4096 dirty"), pager.logged("data_return"));
        int requests = pager.logged("data_request").size();
        assertEquals(43, getLong(self, at + PAGE), "the flushed page comes back from the manager");
        assertEquals(requests + 1, pager.logged("data_request").size());
    }

    @Test
    void aCopyOfACopyCallObjectIsMadeByItsManager() throws Exception {
        boot(64L << 20);
        TestPager pager = TestPager.external(kernel, "copying-pager", Map.of(0L, pageOf(5)));
        pager.copyStrategy = org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_CALL;
        Task a = kernel.taskCreate("a");
        pager.giveSendRight(kernel, a);
        int object = pager.port();
        main = a.threadAttach("main");
        MachTraps self = main.traps();
        long at = vmMap(self, object, PAGE);
        assertEquals(5, getLong(self, at));
        long[] copy = {0};
        assertEquals(KERN_SUCCESS, new MachUser(self.mig()).vmMap(self.machTaskSelf(), copy, PAGE, 0, 1, object, 0, 1,
                VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_COPY));
        putLong(self, at, 50);
        assertEquals(5, getLong(self, copy[0]), "the copy is the manager's, made before the write");
        assertEquals(java.util.List.of("copy 0 4096"), pager.logged("copy"));
        assertEquals(2, pager.logged("init").size(), "memory_object_init on the copy's port too");
    }

    @Test
    void aManagerKilledInTheMiddleOfADataRequestFailsOverToTheDefaultManager() throws Exception {
        boot(64L << 20);
        TestPager defaultPager = TestPager.defaultManager(kernel);
        defaultPager.port();
        TestPager pager = TestPager.external(kernel, "dying-pager", Map.of(0L, pageOf(1)));
        Task a = kernel.taskCreate("a");
        pager.giveSendRight(kernel, a);
        int object = pager.port();
        main = a.threadAttach("main");
        MachTraps self = main.traps();
        long at = vmMap(self, object, 4 * PAGE);
        assertEquals(1, getLong(self, at));
        putLong(self, at, 2); // dirty data the manager never saw
        pager.hold = new CountDownLatch(1);
        CompletableFuture<Long> fault = inTask(a, t -> getLong(t, at + PAGE));
        awaitLogged(pager, "data_request " + PAGE);
        pager.dead = true;
        pager.hold.countDown();
        assertEquals(KERN_SUCCESS, pager.task.terminate());
        assertEquals(0, fault.get(10, TimeUnit.SECONDS), "the default manager had nothing there: zeros");
        assertEquals(2, getLong(self, at), "the dirty page survived its manager");
        assertFalse(defaultPager.logged("create").isEmpty(), "memory_object_create to the default manager");
    }

    @Test
    void fourTimesPhysicalMemoryThroughTheDefaultManagerChecksumsRight() throws Exception {
        boot(256L * PAGE);
        TestPager defaultPager = TestPager.defaultManager(kernel);
        defaultPager.port();
        Task a = kernel.taskCreate("writer");
        main = a.threadAttach("main");
        MachTraps self = main.traps();
        int pages = 4 * 256;
        long[] at = {0};
        assertEquals(KERN_SUCCESS, new MachUser(self.mig()).vmAllocate(self.machTaskSelf(), at,
                (long) pages * PAGE, 1));
        CRC32 written = new CRC32();
        byte[] page = new byte[PAGE];
        ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < pages; i++) {
            for (int w = 0; w < PAGE / 8; w++) {
                b.putLong(w * 8, (long) i * 7_919 + w);
            }
            assertEquals(KERN_SUCCESS, self.store(at[0] + (long) i * PAGE, page, 0, PAGE));
            written.update(page);
        }
        CRC32 read = new CRC32();
        for (int i = 0; i < pages; i++) {
            assertEquals(KERN_SUCCESS, self.load(at[0] + (long) i * PAGE, page, 0, PAGE));
            read.update(page);
        }
        assertEquals(written.getValue(), read.getValue());
        assertTrue(defaultPager.logged("data_initialize").size() >= pages - 256,
                "pages went out: " + defaultPager.logged("data_initialize").size());
        assertTrue(defaultPager.logged("data_request").size() >= pages - 256);
    }

    @Test
    void outOfLinePortNamesThatWerePagedOutAreFetchedBeforeTheSend() throws Exception {
        boot(256L * PAGE);
        TestPager defaultPager = TestPager.defaultManager(kernel);
        defaultPager.port();
        Task a = kernel.taskCreate("sender");
        main = a.threadAttach("main");
        MachTraps self = main.traps();
        MachUser mach = new MachUser(self.mig());
        int task = self.machTaskSelf();
        int[] n = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, n));
        int carried = n[0];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, n));
        int dest = n[0];
        long[] names = {0};
        assertEquals(KERN_SUCCESS, mach.vmAllocate(task, names, PAGE, 1));
        byte[] name = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(carried).array();
        assertEquals(KERN_SUCCESS, self.store(names[0], name, 0, 4));
        // Push the page out: touch three times the machine's memory.
        long[] filler = {0};
        assertEquals(KERN_SUCCESS, mach.vmAllocate(task, filler, 768L * PAGE, 1));
        for (int i = 0; i < 768; i++) {
            putLong(self, filler[0] + (long) i * PAGE, i);
        }
        assertEquals(0, a.map().region(names[0]).residentPages(), "the names' page was paged out");
        MachMessage m = new MachMessage(256);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), dest, MACH_PORT_NULL, 77);
        m.putOutOfLinePorts(MACH_MSG_TYPE_MAKE_SEND, 1, names[0], false);
        int size = m.endBody();
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0, 0));
        MachMessage r = new MachMessage(256);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(r, MACH_RCV_MSG, 0, 256, dest, 0, 0));
        MachMsgItems items = r.items();
        assertTrue(items.next());
        byte[] got = new byte[4];
        assertEquals(KERN_SUCCESS, self.load(items.address(), got, 0, 4));
        assertEquals(carried, ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void aPreciousPageComesBackOnPageout() throws Exception {
        boot(256L * PAGE);
        TestPager defaultPager = TestPager.defaultManager(kernel);
        defaultPager.port();
        Map<Long, byte[]> pages = new HashMap<>();
        for (long i = 0; i < 400; i++) {
            pages.put(i * PAGE, pageOf(i));
        }
        TestPager pager = TestPager.external(kernel, "precious-pager", pages);
        pager.precious = true;
        Task a = kernel.taskCreate("reader");
        pager.giveSendRight(kernel, a);
        main = a.threadAttach("main");
        MachTraps self = main.traps();
        long at = vmMap(self, pager.port(), 400L * PAGE);
        for (int i = 0; i < 400; i++) {
            assertEquals(i, getLong(self, at + (long) i * PAGE));
        }
        assertTrue(pager.logged("data_return").stream().anyMatch(s -> s.endsWith("clean")),
                "clean precious pages were returned, not dropped");
        for (int i = 0; i < 400; i++) {
            assertEquals(i, getLong(self, at + (long) i * PAGE));
        }
    }
}
