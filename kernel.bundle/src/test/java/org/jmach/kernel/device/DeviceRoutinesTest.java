package org.jmach.kernel.device;

import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_COUNT;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_DEVICE_SIZE;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_RECORD_SIZE;
import static org.jmach.mach.DeviceTypes.DISK_NAME;
import static org.jmach.mach.DeviceTypes.D_INVALID_OPERATION;
import static org.jmach.mach.DeviceTypes.D_INVALID_RECNUM;
import static org.jmach.mach.DeviceTypes.D_INVALID_SIZE;
import static org.jmach.mach.DeviceTypes.D_NO_SUCH_DEVICE;
import static org.jmach.mach.DeviceTypes.D_READ;
import static org.jmach.mach.DeviceTypes.D_SUCCESS;
import static org.jmach.mach.DeviceTypes.D_WRITE;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jmach.hw.Disk;
import org.jmach.hw.internal.FileDisk;
import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.TestMachine;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.DeviceUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.Port;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mach's device interface on the simulated disk, from a user-level native
 * task through the generated {@link DeviceUser} stubs: the kernel starts a
 * transfer and answers when the disk's completion interrupt arrives.
 */
class DeviceRoutinesTest {

    private static final int RECORD = Disk.RECORD_SIZE;
    private static final int RECORDS = 256;

    private GatedDisk disk;
    private Startup kernel;
    private Task task;
    private Thread main;
    private MachTraps self;
    private DeviceUser device;
    private int master;

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void makeTheDisk() {
        disk = new GatedDisk(dir.resolve("gated.img"), RECORDS);
    }

    private void boot(Supplier<Disk> disks) {
        kernel = Startup.setupMain(TestMachine.of(4), TestMachine.VM, "test", Port.MACH_PORT_QLIMIT_DEFAULT, disks);
        task = kernel.taskCreate("disk client");
        main = task.threadAttach("main");
        self = main.traps();
        device = new DeviceUser(self);
        master = kernel.deviceMasterGive(task);
    }

    @AfterEach
    void halt() {
        if (main != null) {
            main.detach();
        }
        if (kernel != null) {
            kernel.shutdown();
        }
        disk.close();
    }

    private int open() {
        int[] port = new int[1];
        assertEquals(D_SUCCESS, device.deviceOpen(master, D_READ | D_WRITE, DISK_NAME, port));
        assertNotEquals(Port.MACH_PORT_NULL, port[0]);
        return port[0];
    }

    private static byte[] pattern(int records, int seed) {
        byte[] b = new byte[records * RECORD];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void openGetStatusWriteReadRoundTrip() {
        boot(() -> disk);
        int hd0 = open();
        int[] status = new int[DEV_GET_SIZE_COUNT];
        int[] count = {DEV_GET_SIZE_COUNT};
        assertEquals(D_SUCCESS, device.deviceGetStatus(hd0, DEV_GET_SIZE, status, count));
        assertEquals(DEV_GET_SIZE_COUNT, count[0]);
        assertEquals(RECORDS * RECORD, status[DEV_GET_SIZE_DEVICE_SIZE]);
        assertEquals(RECORD, status[DEV_GET_SIZE_RECORD_SIZE]);

        byte[] data = pattern(4, 3);
        int[] written = new int[1];
        assertEquals(D_SUCCESS, device.deviceWrite(hd0, D_WRITE, 10, data, written));
        assertEquals(data.length, written[0]);
        byte[][] back = new byte[1][];
        assertEquals(D_SUCCESS, device.deviceRead(hd0, D_READ, 10, data.length, back));
        assertArrayEquals(data, back[0]);
        assertEquals(1, disk.reads());
        assertEquals(1, disk.writes());
    }

    @Test
    void theReplyArrivesWhenTheDiskCompletesAndTheKernelDoesNotWaitMeanwhile() throws Exception {
        boot(() -> disk);
        int hd0 = open();
        byte[] data = pattern(1, 5);
        int[] written = new int[1];
        assertEquals(D_SUCCESS, device.deviceWrite(hd0, D_WRITE, 3, data, written));
        disk.hold();
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        task.threadCreate("reader", traps -> {
            byte[][] back = new byte[1][];
            int kr = new DeviceUser(traps).deviceRead(hd0, D_READ, 3, RECORD, back);
            read.complete(kr == D_SUCCESS ? back[0] : null);
        });
        awaitTrue(() -> disk.pending() == 1, "the read reaches the disk");
        // The request waits in the disk, not in the kernel: other kernel calls go on.
        int[] status = new int[DEV_GET_SIZE_COUNT];
        assertEquals(D_SUCCESS, device.deviceGetStatus(hd0, DEV_GET_SIZE, status, new int[] {DEV_GET_SIZE_COUNT}));
        assertFalse(read.isDone());
        disk.release();
        assertArrayEquals(data, read.get(10, TimeUnit.SECONDS));
    }

    @Test
    void requestsFromTwoThreadsAtOnceAllComplete() throws Exception {
        boot(() -> disk);
        int hd0 = open();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int base = t * 100;
            CompletableFuture<String> result = new CompletableFuture<>();
            results.add(result);
            task.threadCreate("io " + t, traps -> {
                DeviceUser dev = new DeviceUser(traps);
                try {
                    for (int i = 0; i < 30; i++) {
                        byte[] data = pattern(2, base + i);
                        int[] written = new int[1];
                        int kr = dev.deviceWrite(hd0, D_WRITE, base + 2 * i, data, written);
                        byte[][] back = new byte[1][];
                        int kr2 = dev.deviceRead(hd0, D_READ, base + 2 * i, data.length, back);
                        if (kr != D_SUCCESS || kr2 != D_SUCCESS || written[0] != data.length
                                || !java.util.Arrays.equals(data, back[0])) {
                            result.complete("iteration " + i + ": write " + kr + ", read " + kr2);
                            return;
                        }
                    }
                    result.complete("ok");
                } catch (RuntimeException e) {
                    result.complete(e.toString());
                }
            });
        }
        for (CompletableFuture<String> r : results) {
            assertEquals("ok", r.get(30, TimeUnit.SECONDS));
        }
        assertEquals(60, disk.writes());
        assertEquals(60, disk.reads());
    }

    @Test
    void aNameNoDeviceHasIsNoSuchDevice() {
        boot(() -> disk);
        int[] port = new int[1];
        assertEquals(D_NO_SUCH_DEVICE, device.deviceOpen(master, D_READ, "sd9", port));
    }

    @Test
    void withoutADiskHd0IsNoSuchDevice() {
        boot(() -> null);
        int[] port = new int[1];
        assertEquals(D_NO_SUCH_DEVICE, device.deviceOpen(master, D_READ, DISK_NAME, port));
    }

    @Test
    void deviceOpenOnAPortThatIsNotTheMasterDevicePortIsAnInvalidOperation() {
        boot(() -> disk);
        int[] port = new int[1];
        assertEquals(D_INVALID_OPERATION, device.deviceOpen(self.machTaskSelf(), D_READ, DISK_NAME, port));
    }

    @Test
    void badRecordNumbersAndSizesAreRefusedWithTheirCodes() {
        boot(() -> disk);
        int hd0 = open();
        byte[][] back = new byte[1][];
        int[] written = new int[1];
        assertEquals(D_INVALID_RECNUM, device.deviceRead(hd0, D_READ, RECORDS, RECORD, back));
        assertEquals(D_INVALID_RECNUM, device.deviceRead(hd0, D_READ, -1, RECORD, back));
        assertEquals(D_INVALID_RECNUM, device.deviceWrite(hd0, D_WRITE, RECORDS + 5, pattern(1, 0), written));
        assertEquals(D_INVALID_SIZE, device.deviceRead(hd0, D_READ, 0, 100, back));
        assertEquals(D_INVALID_SIZE, device.deviceRead(hd0, D_READ, 0, 0, back));
        assertEquals(D_INVALID_SIZE, device.deviceWrite(hd0, D_WRITE, 0, new byte[100], written));
        assertEquals(D_INVALID_SIZE, device.deviceReadInband(hd0, D_READ, 0, 100, back));
        assertEquals(0, disk.reads() + disk.writes());
        // The device still works.
        assertEquals(D_SUCCESS, device.deviceRead(hd0, D_READ, 0, RECORD, back));
    }

    @Test
    void aTransferPastTheEndOfTheDiskIsCutThere() {
        boot(() -> disk);
        int hd0 = open();
        int[] written = new int[1];
        assertEquals(D_SUCCESS, device.deviceWrite(hd0, D_WRITE, RECORDS - 1, pattern(3, 1), written));
        assertEquals(RECORD, written[0]);
        byte[][] back = new byte[1][];
        assertEquals(D_SUCCESS, device.deviceRead(hd0, D_READ, RECORDS - 1, 4 * RECORD, back));
        assertArrayEquals(java.util.Arrays.copyOf(pattern(3, 1), RECORD), back[0]);
    }

    @Test
    void unsupportedRoutinesAnswerInvalidOperation() {
        boot(() -> disk);
        int hd0 = open();
        assertEquals(D_INVALID_OPERATION, device.deviceSetStatus(hd0, DEV_GET_SIZE, new int[] {1}));
        assertEquals(D_INVALID_OPERATION, device.deviceMap(hd0, 1, 0, RECORD, new int[1], 0));
        assertEquals(D_INVALID_OPERATION, device.deviceGetStatus(hd0, 99, new int[4], new int[] {4}));
    }

    @Test
    void afterTheLastCloseTheDevicePortIsDeadAndANewOpenWorks() {
        boot(() -> disk);
        int first = open();
        int second = open();
        assertEquals(first, second, "an open device is one port");
        assertEquals(D_SUCCESS, device.deviceClose(first));
        byte[][] back = new byte[1][];
        assertEquals(D_SUCCESS, device.deviceRead(first, D_READ, 0, RECORD, back), "still open once");
        assertEquals(D_SUCCESS, device.deviceClose(first));
        assertEquals(MACH_SEND_INVALID_DEST, device.deviceRead(first, D_READ, 0, RECORD, back));
        assertEquals(MACH_SEND_INVALID_DEST, device.deviceClose(first));
        int again = open();
        assertEquals(D_SUCCESS, device.deviceRead(again, D_READ, 0, RECORD, back));
    }

    @Test
    void theFileDiskRoundTripsThroughTheKernelAndKeepsItsData() throws Exception {
        FileDisk file = new FileDisk(dir.resolve("hd0.img"), RECORDS * RECORD);
        try {
            boot(() -> file);
            int hd0 = open();
            byte[] data = pattern(8, 11);
            int[] written = new int[1];
            assertEquals(D_SUCCESS, device.deviceWrite(hd0, D_WRITE, 17, data, written));
            byte[][] back = new byte[1][];
            assertEquals(D_SUCCESS, device.deviceRead(hd0, D_READ, 17, data.length, back));
            assertArrayEquals(data, back[0]);
            assertEquals(data.length, file.bytesWritten());
        } finally {
            file.close();
        }
        FileDisk reopened = new FileDisk(dir.resolve("hd0.img"), RECORDS * RECORD);
        try {
            byte[] buf = new byte[8 * RECORD];
            CompletableFuture<Integer> st = new CompletableFuture<>();
            reopened.read(17, buf, 0, buf.length, st::complete);
            assertEquals(D_SUCCESS, st.get(10, TimeUnit.SECONDS));
            assertArrayEquals(pattern(8, 11), buf);
        } finally {
            reopened.close();
        }
    }

    @Test
    void taskLookupFindsALiveTaskByItsNameAndTheMasterPortIsGivenToIt() {
        boot(() -> disk);
        assertSame(task, kernel.taskLookup("disk client"));
        assertNull(kernel.taskLookup("nobody"));
        assertNull(kernel.taskLookup(Startup.KERNEL_TASK_NAME));
        Task other = kernel.taskCreate("pager");
        assertTrue(kernel.deviceMasterGive(other) != Port.MACH_PORT_NULL);
        other.terminate();
        assertNull(kernel.taskLookup("pager"));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
            java.lang.Thread.sleep(1);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
