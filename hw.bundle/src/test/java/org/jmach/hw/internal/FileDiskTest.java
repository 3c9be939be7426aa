package org.jmach.hw.internal;

import static org.jmach.hw.Disk.D_DEVICE_DOWN;
import static org.jmach.hw.Disk.D_INVALID_RECNUM;
import static org.jmach.hw.Disk.D_INVALID_SIZE;
import static org.jmach.hw.Disk.D_SUCCESS;
import static org.jmach.hw.Disk.RECORD_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jmach.hw.Disk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiskTest {

    private static final long SIZE = 1024L * 1024;

    @TempDir
    Path dir;

    private FileDisk disk;

    @AfterEach
    void close() {
        if (disk != null) {
            disk.close();
        }
    }

    private FileDisk open() {
        disk = new FileDisk(dir.resolve("disk.img"), SIZE);
        return disk;
    }

    /** Runs a request and waits for its completion; returns its status. */
    private static int await(Request request) throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        request.start(status::complete);
        return status.get(10, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    private interface Request {
        void start(org.jmach.hw.DiskCompletion done);
    }

    private static byte[] pattern(int records, int seed) {
        byte[] b = new byte[records * RECORD_SIZE];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void aNewDiskIsASparseFileOfTheConfiguredSizeAndReadsAsZeros() throws Exception {
        FileDisk d = open();
        assertEquals(SIZE / RECORD_SIZE, d.records());
        assertEquals(SIZE, Files.size(dir.resolve("disk.img")));
        byte[] buf = new byte[RECORD_SIZE];
        Arrays.fill(buf, (byte) 7);
        assertEquals(D_SUCCESS, await(done -> d.read(5, buf, 0, RECORD_SIZE, done)));
        assertArrayEquals(new byte[RECORD_SIZE], buf);
    }

    @Test
    void whatIsWrittenReadsBackAndIsCounted() throws Exception {
        FileDisk d = open();
        byte[] data = pattern(3, 1);
        assertEquals(D_SUCCESS, await(done -> d.write(10, data, 0, data.length, done)));
        byte[] back = new byte[data.length + 8];
        assertEquals(D_SUCCESS, await(done -> d.read(10, back, 8, data.length, done)));
        assertArrayEquals(data, Arrays.copyOfRange(back, 8, back.length));
        assertEquals(1, d.reads());
        assertEquals(1, d.writes());
        assertEquals(data.length, d.bytesRead());
        assertEquals(data.length, d.bytesWritten());
        assertEquals(0, d.pending());
    }

    @Test
    void contentsSurviveCloseAndReopen() throws Exception {
        FileDisk d = open();
        byte[] data = pattern(2, 9);
        assertEquals(D_SUCCESS, await(done -> d.write(d.records() - 2, data, 0, data.length, done)));
        d.close();
        FileDisk again = open();
        assertNotSame(d, again);
        byte[] back = new byte[data.length];
        assertEquals(D_SUCCESS, await(done -> again.read(again.records() - 2, back, 0, back.length, done)));
        assertArrayEquals(data, back);
    }

    @Test
    void badRequestsCompleteWithMachStatusesAndNeverThrow() throws Exception {
        FileDisk d = open();
        byte[] buf = new byte[2 * RECORD_SIZE];
        assertEquals(D_INVALID_RECNUM, await(done -> d.read(-1, buf, 0, RECORD_SIZE, done)));
        assertEquals(D_INVALID_RECNUM, await(done -> d.read(d.records(), buf, 0, RECORD_SIZE, done)));
        assertEquals(D_INVALID_SIZE, await(done -> d.write(0, buf, 0, 100, done)));
        assertEquals(D_INVALID_SIZE, await(done -> d.read(d.records() - 1, buf, 0, 2 * RECORD_SIZE, done)));
        assertEquals(D_INVALID_SIZE, await(done -> d.read(0, buf, RECORD_SIZE, 2 * RECORD_SIZE, done)));
        assertEquals(D_INVALID_SIZE, await(done -> d.read(0, null, 0, RECORD_SIZE, done)));
        assertEquals(0, d.bytesRead());
        assertEquals(0, d.bytesWritten());
    }

    @Test
    void aRequestToAClosedDiskCompletesDeviceDown() throws Exception {
        FileDisk d = open();
        d.close();
        assertEquals(D_DEVICE_DOWN, await(done -> d.read(0, new byte[RECORD_SIZE], 0, RECORD_SIZE, done)));
    }

    @Test
    void completionsComeInTheOrderOfTheRequestsOnTheControllersThread() throws Exception {
        FileDisk d = open();
        int n = 50;
        List<Integer> order = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            byte[] buf = pattern(1, i);
            d.write(i, buf, 0, buf.length, status -> {
                synchronized (order) {
                    order.add(status == D_SUCCESS ? k : -1);
                    threads.add(java.lang.Thread.currentThread().getName());
                }
                all.countDown();
            });
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < n; i++) {
            assertEquals(i, order.get(i));
        }
        assertTrue(threads.stream().allMatch(t -> t.equals("jmach disk hd0")), threads.toString());
    }

    @Test
    void concurrentRequestsFromManyThreadsAllComplete() throws Exception {
        FileDisk d = open();
        int threads = 8;
        int perThread = 20;
        List<java.lang.Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(new java.lang.Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        long rec = id * perThread + i;
                        byte[] data = pattern(1, (int) rec);
                        assertEquals(D_SUCCESS, await(done -> d.write(rec, data, 0, data.length, done)));
                        byte[] back = new byte[RECORD_SIZE];
                        assertEquals(D_SUCCESS, await(done -> d.read(rec, back, 0, back.length, done)));
                        assertArrayEquals(data, back);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        workers.forEach(java.lang.Thread::start);
        for (java.lang.Thread w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertEquals(List.of(), failures);
        assertEquals(threads * perThread, d.reads());
        assertEquals(threads * perThread, d.writes());
    }

    @Test
    void anExistingImageOfTheRightSizeIsKept() throws IOException {
        Path image = dir.resolve("disk.img");
        byte[] content = pattern(2048, 3);
        Files.write(image, content);
        open().close();
        assertArrayEquals(content, Files.readAllBytes(image));
    }

    @Test
    void theDefaultImageIsInTheWorkingDirectoryWithoutAFramework() {
        assertEquals(Path.of(System.getProperty("user.dir"), FileDisk.DEFAULT_FILE), FileDisk.defaultPath(null));
    }

    @Test
    void aSizeThatIsNotWholeRecordsIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FileDisk(dir.resolve("x.img"), 1000));
    }

    @Test
    void theDiskIsNamedHd0() {
        Disk d = open();
        assertEquals("hd0", d.name());
        assertTrue(d.path().endsWith("disk.img"));
    }
}
