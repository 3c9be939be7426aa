package org.jmach.pager.area;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PagingAreaTest {

    private static final int R = 512;

    /** A page whose first {@code random} bytes are random (seeded by the arguments) and the rest zeros. */
    static byte[] page(int object, long offset, int version, int random) {
        byte[] p = new byte[PagingArea.PAGE_SIZE];
        Random rnd = new Random(object * 1_000_003L + offset * 31 + version);
        byte[] head = new byte[random];
        rnd.nextBytes(head);
        System.arraycopy(head, 0, p, 0, random);
        p[PagingArea.PAGE_SIZE - 1] = (byte) version;
        return p;
    }

    static byte[] incompressible(int object, long offset, int version) {
        return page(object, offset, version, PagingArea.PAGE_SIZE);
    }

    static PagingArea fresh(MemoryBlockIo io) throws DeviceIoException {
        PagingArea.Opened opened = PagingArea.open(io, 0, io.records());
        assertTrue(opened.report().formatted(), opened.report().toString());
        assertTrue(opened.report().consistent(), opened.report().toString());
        return opened.area();
    }

    @Test
    void rawPageRoundTripsInEightRecords() throws Exception {
        PagingArea area = fresh(new MemoryBlockIo(R, 1000));
        long free = area.freeRecords();
        assertEquals(0, area.createObject(7, 1 << 20));
        byte[] p = page(7, 8192, 1, 100);
        assertEquals(0, area.writePage(7, 8192, p, PageCodec.RAW));
        assertEquals(free - 8, area.freeRecords());
        PageRead r = area.readPage(7, 8192);
        assertFalse(r.failed());
        assertArrayEquals(p, r.page());
        assertArrayEquals(new long[] {8192}, area.pages(7));
        assertEquals(1, area.pagesStored());
    }

    @Test
    void deflatePageRoundTripsInFewerRecords() throws Exception {
        PagingArea area = fresh(new MemoryBlockIo(R, 1000));
        long free = area.freeRecords();
        area.createObject(1, 1 << 20);
        byte[] p = page(1, 0, 1, 300);
        assertEquals(0, area.writePage(1, 0, p, PageCodec.DEFLATE));
        long took = free - area.freeRecords();
        assertTrue(took >= 1 && took < 8, "took " + took);
        assertArrayEquals(p, area.readPage(1, 0).page());
    }

    @Test
    void deflateOfIncompressiblePageIsStoredRaw() {
        PageCodec.Encoded e = PageCodec.DEFLATE.encode(incompressible(1, 0, 0));
        assertEquals(PageCodec.RAW, e.codec());
        assertEquals(PagingArea.PAGE_SIZE, e.length());
        PageCodec.Encoded z = PageCodec.DEFLATE.encode(new byte[PagingArea.PAGE_SIZE]);
        assertEquals(PageCodec.DEFLATE, z.codec());
        assertTrue(z.length() < 64);
        assertArrayEquals(new byte[PagingArea.PAGE_SIZE], PageCodec.DEFLATE.decode(z.bytes(), z.length()));
        assertNull(PageCodec.DEFLATE.decode(new byte[] {1, 2, 3}, 3));
    }

    @Test
    void pagesOfBothCodecsReadBackWhoeverWroteThem() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 2000);
        PagingArea plain = fresh(io);
        plain.createObject(3, 64 * 4096);
        for (int i = 0; i < 32; i++) {
            PageCodec c = i % 2 == 0 ? PageCodec.RAW : PageCodec.DEFLATE;
            assertEquals(0, plain.writePage(3, i * 4096L, page(3, i * 4096L, 0, 64 * i), c));
        }
        assertEquals(0, plain.sync(true));
        // the "other implementation" opens the same disk and overwrites half with the other codec
        PagingArea compressing = PagingArea.open(io, 0, io.records()).area();
        for (int i = 0; i < 32; i += 2) {
            assertEquals(0, compressing.writePage(3, i * 4096L, page(3, i * 4096L, 1, 64 * i), PageCodec.DEFLATE));
        }
        assertEquals(0, compressing.sync(true));
        PagingArea.Opened back = PagingArea.open(io, 0, io.records());
        assertTrue(back.report().consistent() && back.report().previousClean(), back.report().toString());
        for (int i = 0; i < 32; i++) {
            assertArrayEquals(page(3, i * 4096L, i % 2 == 0 ? 1 : 0, 64 * i), back.area().readPage(3, i * 4096L).page(),
                    "page " + i);
        }
    }

    @Test
    void overwriteFreesTheRecordsOfTheOldCopy() throws Exception {
        PagingArea area = fresh(new MemoryBlockIo(R, 1000));
        area.createObject(1, 4096);
        long free = area.freeRecords();
        area.writePage(1, 0, incompressible(1, 0, 0), PageCodec.RAW);
        area.writePage(1, 0, incompressible(1, 0, 1), PageCodec.RAW);
        assertEquals(free - 8, area.freeRecords());
        area.writePage(1, 0, page(1, 0, 2, 0), PageCodec.DEFLATE);
        assertEquals(free - 1, area.freeRecords());
        assertEquals(1, area.pagesStored());
        assertArrayEquals(page(1, 0, 2, 0), area.readPage(1, 0).page());
    }

    @Test
    void fullAreaFailsWithNoMemoryAndKeepsTheOldData() throws Exception {
        PagingArea area = fresh(new MemoryBlockIo(R, 60));
        area.createObject(1, 1 << 20);
        int stored = 0;
        while (area.writePage(1, stored * 4096L, incompressible(1, stored * 4096L, 0), PageCodec.RAW) == 0) {
            stored++;
        }
        assertEquals(area.totalRecords() / 8, stored);
        assertEquals(BlockIo.D_NO_MEMORY, area.writePage(1, 0, incompressible(1, 0, 1), PageCodec.RAW));
        for (int i = 0; i < stored; i++) {
            assertArrayEquals(incompressible(1, i * 4096L, 0), area.readPage(1, i * 4096L).page());
        }
        assertEquals(stored, area.pagesStored());
    }

    @Test
    void failedDeviceWriteKeepsTheOldCopyAndItsRecords() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 1000);
        PagingArea area = fresh(io);
        area.createObject(1, 4096);
        area.writePage(1, 0, incompressible(1, 0, 0), PageCodec.RAW);
        long free = area.freeRecords();
        io.setFault((write, rec, len) -> write ? BlockIo.D_IO_ERROR : 0);
        assertEquals(BlockIo.D_IO_ERROR, area.writePage(1, 0, incompressible(1, 0, 1), PageCodec.RAW));
        io.setFault(null);
        assertEquals(free, area.freeRecords());
        assertArrayEquals(incompressible(1, 0, 0), area.readPage(1, 0).page());
    }

    @Test
    void readsSayAbsentOrFailedDistinctly() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 1000);
        PagingArea area = fresh(io);
        area.createObject(1, 8192);
        assertEquals(PageRead.ABSENT, area.readPage(1, 4096));
        assertEquals(PageRead.ABSENT, area.readPage(99, 0));
        assertEquals(BlockIo.D_INVALID_SIZE, area.readPage(1, 100).code());
        assertEquals(BlockIo.D_INVALID_OPERATION, area.writePage(99, 0, new byte[4096], PageCodec.RAW));
        area.writePage(1, 0, page(1, 0, 0, 10), PageCodec.RAW);
        io.setFault((write, rec, len) -> write ? 0 : BlockIo.D_DEVICE_DOWN);
        PageRead r = area.readPage(1, 0);
        assertTrue(r.failed());
        assertEquals(BlockIo.D_DEVICE_DOWN, r.code());
        assertFalse(r.present());
    }

    @Test
    void openAfterCleanSyncFindsEverythingAndAfterMarkInUseWithoutSyncReportsUnclean() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 3000);
        PagingArea area = fresh(io);
        assertEquals(0, area.markInUse());
        for (int obj = 10; obj < 15; obj++) {
            area.createObject(obj, 10 * 4096);
            for (int i = 0; i < 10; i++) {
                area.writePage(obj, i * 4096L, page(obj, i * 4096L, 0, 37 * i), PageCodec.DEFLATE);
            }
            area.readPage(obj, 0);
        }
        area.createObject(20, 4096); // no pages
        assertEquals(0, area.sync(true));

        PagingArea.Opened again = PagingArea.open(io, 0, io.records());
        CheckReport rep = again.report();
        assertFalse(rep.formatted());
        assertTrue(rep.consistent(), rep.toString());
        assertTrue(rep.previousClean());
        assertEquals(1, rep.generation());
        assertEquals(6, rep.objects());
        assertEquals(50, rep.pages());
        assertEquals(area.totalRecords() - area.freeRecords(), rep.recordsUsed());
        PagingArea b = again.area();
        assertEquals(Set.of(10, 11, 12, 13, 14, 20), b.objects());
        assertEquals(area.freeRecords(), b.freeRecords());
        assertEquals(50, b.counters().pageouts());
        assertEquals(5, b.counters().pageins());
        for (int obj = 10; obj < 15; obj++) {
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(page(obj, i * 4096L, 0, 37 * i), b.readPage(obj, i * 4096L).page());
            }
        }
        assertEquals(0, b.markInUse());

        CheckReport third = PagingArea.open(io, 0, io.records()).report();
        assertTrue(third.consistent());
        assertFalse(third.previousClean(), third.toString());
        assertEquals(2, third.generation());
        assertEquals(50, third.pages());
    }

    @Test
    void flippedMapByteIsDetectedReportedAndTheAreaStartsEmpty() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 1000);
        PagingArea area = fresh(io);
        area.createObject(1, 8192);
        area.writePage(1, 0, page(1, 0, 0, 50), PageCodec.RAW);
        area.sync(true);
        io.flipByte(R + 9); // inside the map, record 1
        PagingArea.Opened o = PagingArea.open(io, 0, io.records());
        assertFalse(o.report().formatted());
        assertFalse(o.report().consistent());
        assertTrue(o.report().errors().contains("map CRC mismatch"), o.report().toString());
        assertEquals(0, o.report().objects());
        assertEquals(o.area().totalRecords(), o.area().freeRecords());
        assertTrue(o.area().objects().isEmpty());
        // the fresh map becomes the area's once written
        assertEquals(0, o.area().sync(true));
        assertTrue(PagingArea.open(io, 0, io.records()).report().consistent());
    }

    @Test
    void damagedHeaderIsReportedAndTheAreaFormatted() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 1000);
        fresh(io).sync(true);
        io.flipByte(20);
        CheckReport rep = PagingArea.open(io, 0, io.records()).report();
        assertTrue(rep.formatted());
        assertFalse(rep.consistent());
        assertEquals(List.of("header CRC mismatch"), rep.errors());
        // and the same disk opened as a smaller area is another geometry
        CheckReport other = PagingArea.open(io, 0, 900).report();
        assertTrue(other.formatted());
        assertFalse(other.consistent());
        assertTrue(other.errors().get(0).startsWith("header is for another geometry"), other.toString());
    }

    /** Writes {@code objects} as the area's map, with a right CRC and header, as a buggy pager might have. */
    private static void craftMap(MemoryBlockIo io, HashMap<Integer, AreaMap.Obj> objects, int pages) {
        byte[] rec = new byte[R];
        assertEquals(0, io.read(0, rec, 0, R));
        AreaHeader h = AreaHeader.decode(rec, new ArrayList<>());
        byte[] map = AreaMap.encode(objects, pages);
        h.mapLength = map.length;
        h.mapCrc = AreaHeader.crc(map, 0, map.length);
        h.mapObjects = objects.size();
        h.mapPages = pages;
        byte[] padded = java.util.Arrays.copyOf(map, AreaMap.records(map.length, R) * R);
        assertEquals(0, io.write(h.mapFirst, padded, 0, padded.length));
        byte[] hr = h.encode();
        assertEquals(0, io.write(0, hr, 0, R));
    }

    @Test
    void overlappingEntriesCraftedOnDiskAreDetected() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 1000);
        fresh(io);
        HashMap<Integer, AreaMap.Obj> objects = new HashMap<>();
        AreaMap.Obj a = new AreaMap.Obj(8192);
        a.pages.put(0, new AreaMap.Stored(100, 4096, PageCodec.RAW, 0));
        AreaMap.Obj b = new AreaMap.Obj(8192);
        b.pages.put(1, new AreaMap.Stored(104, 700, PageCodec.DEFLATE, 0)); // records 104-105, inside a's 100-107
        objects.put(1, a);
        objects.put(2, b);
        craftMap(io, objects, 2);
        CheckReport rep = PagingArea.open(io, 0, io.records()).report();
        assertFalse(rep.consistent());
        assertEquals(1, rep.errors().size(), rep.toString());
        assertTrue(rep.errors().get(0).contains("already holds another page"), rep.toString());
        assertEquals(0, rep.pages());
    }

    @Test
    void insaneEntriesCraftedOnDiskAreEachReported() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 1000);
        PagingArea area = fresh(io);
        HashMap<Integer, AreaMap.Obj> objects = new HashMap<>();
        AreaMap.Obj a = new AreaMap.Obj(4096);
        a.pages.put(0, new AreaMap.Stored(0, 100, PageCodec.RAW, 0));                                // RAW not 4096
        a.pages.put(5, new AreaMap.Stored(10, 4096, PageCodec.RAW, 0));                              // beyond size
        a.pages.put(-1, new AreaMap.Stored((int) area.totalRecords() - 2, 4096, PageCodec.RAW, 0));  // off the end
        objects.put(1, a);
        craftMap(io, objects, 3);
        CheckReport rep = PagingArea.open(io, 0, io.records()).report();
        assertFalse(rep.consistent());
        assertEquals(4, rep.errors().size(), rep.toString()); // index -1 is out of the size too
    }

    @Test
    void removeObjectFreesItsRecords() throws Exception {
        PagingArea area = fresh(new MemoryBlockIo(R, 1000));
        long free = area.freeRecords();
        area.createObject(1, 1 << 16);
        area.createObject(2, 1 << 16);
        for (int i = 0; i < 10; i++) {
            area.writePage(1, i * 4096L, incompressible(1, i * 4096L, 0), PageCodec.RAW);
            area.writePage(2, i * 4096L, page(2, i * 4096L, 0, 1000), PageCodec.DEFLATE);
        }
        long afterTwo = area.freeRecords();
        assertTrue(area.removeObject(1));
        assertFalse(area.removeObject(1));
        assertFalse(area.has(1));
        assertEquals(afterTwo + 80, area.freeRecords());
        assertEquals(10, area.pagesStored());
        assertTrue(area.removeObject(2));
        assertEquals(free, area.freeRecords());
        assertEquals(0, area.pagesStored());
    }

    @Test
    void areaOnARecordRangeLeavesTheRestOfTheDeviceAlone() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 3000);
        byte[] mark = new byte[R];
        java.util.Arrays.fill(mark, (byte) 0x5a);
        for (long r = 0; r < 3000; r++) {
            io.write(r, mark, 0, R);
        }
        // 0x5a is not a header: reported as such, and formatted
        PagingArea.Opened o = PagingArea.open(io, 1000, 1500);
        assertTrue(o.report().formatted());
        PagingArea area = o.area();
        area.createObject(4, 1 << 20);
        int n = 0;
        while (area.writePage(4, n * 4096L, page(4, n * 4096L, 0, 2000), PageCodec.DEFLATE) == 0) {
            n++;
        }
        area.sync(true);
        byte[] rec = new byte[R];
        for (long r = 0; r < 3000; r++) {
            if (r < 1000 || r >= 2500) {
                io.read(r, rec, 0, R);
                assertArrayEquals(mark, rec, "record " + r);
            }
        }
        PagingArea.Opened back = PagingArea.open(io, 1000, 1500);
        assertTrue(back.report().consistent(), back.report().toString());
        assertEquals(n, back.report().pages());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(page(4, i * 4096L, 0, 2000), back.area().readPage(4, i * 4096L).page());
        }
    }

    @Test
    void eightThreadsWriteAndReadDistinctObjectsThenAReopenFindsEveryPage() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 40_000);
        PagingArea area = fresh(io);
        area.markInUse();
        int threads = 8;
        int pagesEach = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<int[]>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int obj = 100 + t;
            done.add(pool.submit(() -> {
                area.createObject(obj, pagesEach * 4096L);
                int[] versions = new int[pagesEach];
                Random rnd = new Random(obj);
                for (int step = 0; step < 2000; step++) {
                    int i = rnd.nextInt(pagesEach);
                    long off = i * 4096L;
                    if (rnd.nextInt(3) == 0) {
                        PageRead r = area.readPage(obj, off);
                        if (versions[i] == 0) {
                            assertNull(r.page());
                        } else {
                            assertArrayEquals(page(obj, off, versions[i], (i * 97) % 4097), r.page());
                        }
                    } else {
                        versions[i]++;
                        PageCodec c = (step & 1) == 0 ? PageCodec.RAW : PageCodec.DEFLATE;
                        assertEquals(0, area.writePage(obj, off, page(obj, off, versions[i], (i * 97) % 4097), c));
                    }
                    if (step % 500 == 0 && obj == 100) {
                        assertEquals(0, area.sync(false));
                    }
                }
                return versions;
            }));
        }
        HashMap<Integer, int[]> expected = new HashMap<>();
        for (int t = 0; t < threads; t++) {
            expected.put(100 + t, done.get(t).get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(0, area.sync(true));

        PagingArea.Opened back = PagingArea.open(io, 0, io.records());
        assertTrue(back.report().consistent() && back.report().previousClean(), back.report().toString());
        assertEquals(area.freeRecords(), back.area().freeRecords());
        long pages = 0;
        for (var e : expected.entrySet()) {
            int obj = e.getKey();
            int[] versions = e.getValue();
            for (int i = 0; i < pagesEach; i++) {
                long off = i * 4096L;
                PageRead r = back.area().readPage(obj, off);
                if (versions[i] == 0) {
                    assertNull(r.page());
                } else {
                    pages++;
                    assertEquals(crc(page(obj, off, versions[i], (i * 97) % 4097)), crc(r.page()),
                            "object " + obj + " page " + i);
                }
            }
        }
        assertEquals(pages, back.report().pages());
    }

    private static long crc(byte[] b) {
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(b);
        return c.getValue();
    }

    @Test
    void recordsUnderAReadInFlightAreNotReusedUntilItEnds() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 100);
        PagingArea area = fresh(io);
        area.createObject(1, 8192);
        byte[] old = incompressible(1, 0, 0);
        area.writePage(1, 0, old, PageCodec.RAW);
        CountDownLatch inRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        io.setFault((write, rec, len) -> {
            if (!write) {
                inRead.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 0;
        });
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<PageRead> read = reader.submit(() -> area.readPage(1, 0));
        assertTrue(inRead.await(10, TimeUnit.SECONDS));
        long free = area.freeRecords();
        assertEquals(0, area.writePage(1, 0, incompressible(1, 0, 1), PageCodec.RAW));
        assertEquals(free - 8, area.freeRecords(), "the old copy's records wait for the reader");
        // fill what is free: none of it may land on the old copy
        area.createObject(2, 1 << 20);
        for (int i = 0; area.writePage(2, i * 4096L, incompressible(2, i * 4096L, 0), PageCodec.RAW) == 0; i++) {
            // fill
        }
        long leftOver = area.freeRecords();
        assertTrue(leftOver < 8);
        release.countDown();
        assertArrayEquals(old, read.get(10, TimeUnit.SECONDS).page());
        reader.shutdown();
        io.setFault(null);
        assertEquals(leftOver + 8, area.freeRecords());
        assertArrayEquals(incompressible(1, 0, 1), area.readPage(1, 0).page());
    }

    @Test
    void deviceFailureAtOpenIsAnExceptionAndWritesNothing() {
        MemoryBlockIo io = new MemoryBlockIo(R, 100);
        io.setFault((write, rec, len) -> BlockIo.D_IO_ERROR);
        DeviceIoException e = assertThrows(DeviceIoException.class, () -> PagingArea.open(io, 0, 100));
        assertEquals(BlockIo.D_IO_ERROR, e.code());
        assertEquals(0, io.writeCalls());
    }

    @Test
    void syncAndOpenKeepTenThousandPagesOfAHundredObjects() throws Exception {
        MemoryBlockIo io = new MemoryBlockIo(R, 100_000);
        PagingArea area = fresh(io);
        for (int obj = 0; obj < 100; obj++) {
            area.createObject(obj, 100 * 4096L);
            for (int i = 0; i < 100; i++) {
                assertEquals(0, area.writePage(obj, i * 4096L, page(obj, i * 4096L, 0, 16), PageCodec.DEFLATE));
            }
        }
        assertEquals(10_000, area.pagesStored());
        for (int round = 0; round < 3; round++) {
            assertEquals(0, area.sync(true));
            PagingArea.Opened o = PagingArea.open(io, 0, io.records());
            assertEquals(10_000, o.report().pages());
            assertTrue(o.report().consistent() && o.report().previousClean(), o.report().toString());
            area = o.area();
        }
        for (int obj = 0; obj < 100; obj += 33) {
            assertArrayEquals(page(obj, 99 * 4096L, 0, 16), area.readPage(obj, 99 * 4096L).page());
        }
    }
}
