package org.jmach.pager.area;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default pager's paging area: anonymous pages kept on a block device
 * (the whole device or a range of its records), with the allocation map
 * that says where each page lies. The area outlives any one pager: a pager
 * detaching writes the map ({@link #sync sync(true)}); the next one, the same
 * bundle updated or another implementation, {@link #open opens} the area,
 * which checks the map, and carries on.
 *
 * <h2>Layout</h2>
 * Record numbers relative to {@code firstRecord}; {@code N} records of
 * {@code R} bytes ({@code R} at least 124; 512 on the simulated disk):
 * <pre>
 *   record 0          header ({@link AreaHeader}): magic, version, geometry,
 *                     where the map is and how long, its CRC32, clean flag,
 *                     generation, page-in/page-out counters, its own CRC32
 *   records [1, 1+M)  map region ({@link AreaMap}), sized at format time for
 *                     the worst case: 4 + 27 bytes per data record
 *                     (M = about 5% of the area with R = 512)
 *   records [1+M, N)  data region: each stored page takes ceil(stored length / R)
 *                     contiguous records (8 for a RAW page, 1 to 8 for DEFLATE)
 * </pre>
 * Which data records are free is not stored: the bitmap is rebuilt from the
 * map at {@link #open}.
 *
 * <h2>Lifecycle of the area on disk</h2>
 * {@code open} (check; format if there is no header) &rarr; {@link #markInUse}
 * (clean = 0, generation + 1) &rarr; pages written and read &rarr;
 * {@link #sync sync(true)} on a clean detach (map, then header with clean = 1).
 * A header found with clean = 0 means the last user did not detach: the map
 * is as of its last sync. A torn or damaged map fails its CRC or its checks
 * and is reported, never used.
 *
 * <h2>Writes</h2>
 * A page is written to newly allocated records; only then is its map entry
 * published and the records of the copy it replaces freed. The live copy is
 * never overwritten in place, so a failed write leaves the old page intact.
 * Of two writes of one page, the one that allocated later wins.
 *
 * <h2>Locking</h2>
 * {@code lock} guards the objects, the bitmap, the counters and the header
 * fields in memory; it is held for map and bitmap updates only, never across
 * device I/O. {@code syncLock} orders header writes ({@link #sync},
 * {@link #markInUse}) with each other and is held across their I/O; it never
 * blocks page reads and writes. Lock order: {@code syncLock}, then
 * {@code lock}. Records a read is in flight on are not reused: a replaced or
 * removed page is retired and freed when its last reader is done.
 */
public final class PagingArea {

    /** Bytes in a page. */
    public static final int PAGE_SIZE = 4096;
    /** The largest object: page indexes are {@code int}s. */
    public static final long MAX_OBJECT_SIZE = (long) Integer.MAX_VALUE * PAGE_SIZE;
    /** Records per map write or read: the area moves its map in transfers of at most this many. */
    static final int MAP_CHUNK_RECORDS = 128;

    /** An area opened, and what the check found. */
    public record Opened(PagingArea area, CheckReport report) {
    }

    private final BlockIo io;
    private final long first;
    private final int recordSize;
    private final long mapFirst;
    private final long dataFirst;
    private final int dataRecords;

    private final ReentrantLock syncLock = new ReentrantLock();
    private final Object lock = new Object();
    /** The header as last written (map fields: the last synced map), plus live counters. Guarded by lock. */
    private final AreaHeader header;
    private final HashMap<Integer, AreaMap.Obj> objects;
    private final BitSet used;
    private long usedRecords;
    private int pages;
    private int rover;
    private long tickets;

    private PagingArea(BlockIo io, long first, AreaHeader header, Map<Integer, AreaMap.Obj> objects, BitSet used) {
        this.io = io;
        this.first = first;
        this.recordSize = header.recordSize;
        this.mapFirst = header.mapFirst;
        this.dataFirst = header.dataFirst;
        this.dataRecords = (int) header.dataRecords;
        this.header = header;
        this.objects = new HashMap<>(objects);
        this.used = used;
        this.usedRecords = used.cardinality();
        for (AreaMap.Obj o : objects.values()) {
            pages += o.pages.size();
        }
    }

    /**
     * Routine: open. Purpose: attaches to the paging area in records
     * {@code [firstRecord, firstRecord + recordCount)} of {@code io}: reads
     * the header; with no valid header (or one for another geometry), formats
     * a fresh area and writes its header; otherwise reads the map, verifies
     * its CRC and checks every entry (bounds, codecs, lengths, no record
     * claimed twice) and rebuilds the free bitmap. A map that fails is
     * reported and not used: the area starts with an empty map.
     *
     * <p>Conditions: nothing locked; the caller is the only user of the area
     * until this returns. Writes to the device only when formatting.
     *
     * @return the area and the {@link CheckReport}
     * @throws DeviceIoException the device failed to read the header or the
     *         map, or to write a fresh header; nothing else is written
     * @throws IllegalArgumentException the range is not on the device, is too
     *         small to hold one page, or records are shorter than a header
     */
    public static Opened open(BlockIo io, long firstRecord, long recordCount) throws DeviceIoException {
        AreaHeader layout = layout(io.recordSize(), recordCount);
        if (firstRecord < 0 || firstRecord > io.records() - recordCount) {
            throw new IllegalArgumentException("records [" + firstRecord + ", +" + recordCount
                    + ") not on a device of " + io.records());
        }
        byte[] rec = new byte[layout.recordSize];
        int code = io.read(firstRecord, rec, 0, rec.length);
        if (code != BlockIo.D_SUCCESS) {
            throw new DeviceIoException("reading the paging area header", code);
        }
        List<String> errors = new ArrayList<>();
        AreaHeader found = AreaHeader.decode(rec, errors);
        if (found != null && !sameGeometry(found, layout)) {
            errors.add("header is for another geometry (" + found.areaRecords + " records of "
                    + found.recordSize + " bytes, map at " + found.mapFirst + "+" + found.mapRecords + ")");
            found = null;
        }
        if (found == null) {
            byte[] fresh = layout.encode();
            code = io.write(firstRecord, fresh, 0, fresh.length);
            if (code != BlockIo.D_SUCCESS) {
                throw new DeviceIoException("formatting the paging area", code);
            }
            PagingArea area = new PagingArea(io, firstRecord, layout, Map.of(), new BitSet());
            return new Opened(area, area.report(true, errors.isEmpty(), false, errors));
        }
        BitSet used = new BitSet((int) found.dataRecords);
        Map<Integer, AreaMap.Obj> objects = readMap(io, firstRecord, found, used, errors);
        if (objects == null) {
            objects = Map.of();
            used = new BitSet();
            emptyMap(found);
        }
        PagingArea area = new PagingArea(io, firstRecord, found, objects, used);
        return new Opened(area, area.report(false, errors.isEmpty(), found.clean, errors));
    }

    /**
     * Reads the map {@code h} points at and checks it (see {@link AreaMap#parse}),
     * marking the records its pages take in {@code used}.
     *
     * @return the objects, or null, with the problems said in {@code errors}
     */
    private static Map<Integer, AreaMap.Obj> readMap(BlockIo io, long first, AreaHeader h, BitSet used,
                                                     List<String> errors) throws DeviceIoException {
        if (h.mapLength < 4 || h.mapLength > h.mapRecords * h.recordSize) {
            errors.add("map length " + h.mapLength + " impossible");
            return null;
        }
        byte[] map = new byte[AreaMap.records(h.mapLength, h.recordSize) * h.recordSize];
        int code = transfer(io, false, first + h.mapFirst, map, h.recordSize);
        if (code != BlockIo.D_SUCCESS) {
            throw new DeviceIoException("reading the paging area map", code);
        }
        if (AreaHeader.crc(map, 0, h.mapLength) != h.mapCrc) {
            errors.add("map CRC mismatch");
            return null;
        }
        Map<Integer, AreaMap.Obj> objects = AreaMap.parse(map, h.mapLength, h.dataRecords, h.recordSize, used, errors);
        if (objects == null) {
            return null;
        }
        int pageCount = 0;
        for (AreaMap.Obj o : objects.values()) {
            pageCount += o.pages.size();
        }
        if (objects.size() != h.mapObjects || pageCount != h.mapPages) {
            errors.add("map holds " + objects.size() + " objects and " + pageCount
                    + " pages, header says " + h.mapObjects + " and " + h.mapPages);
            return null;
        }
        return objects;
    }

    /** Points {@code h} at an empty map (the map region's contents do not matter until the next sync). */
    private static void emptyMap(AreaHeader h) {
        h.mapLength = 4;
        h.mapCrc = AreaHeader.crc(new byte[4], 0, 4);
        h.mapObjects = 0;
        h.mapPages = 0;
    }

    /** The fresh header of an area of {@code recordCount} records of {@code recordSize} bytes. */
    private static AreaHeader layout(int recordSize, long recordCount) {
        if (recordSize < AreaHeader.LENGTH) {
            throw new IllegalArgumentException("records of " + recordSize + " bytes cannot hold the header");
        }
        long rest = recordCount - 1;
        long worst = AreaMap.WORST_BYTES_PER_RECORD;
        long mapRecords = (4 + worst * rest + recordSize + worst - 1) / (recordSize + worst);
        while (mapRecords * recordSize < 4 + worst * (rest - mapRecords)) {
            mapRecords++;
        }
        long data = rest - mapRecords;
        int pageRecords = AreaMap.records(PAGE_SIZE, recordSize);
        if (data < pageRecords || data > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(recordCount + " records of " + recordSize
                    + " bytes: " + data + " data records, need " + pageRecords + " to " + Integer.MAX_VALUE);
        }
        AreaHeader h = new AreaHeader();
        h.recordSize = recordSize;
        h.areaRecords = recordCount;
        h.mapFirst = 1;
        h.mapRecords = mapRecords;
        h.dataFirst = 1 + mapRecords;
        h.dataRecords = data;
        emptyMap(h);
        h.clean = true;
        return h;
    }

    private static boolean sameGeometry(AreaHeader a, AreaHeader b) {
        return a.recordSize == b.recordSize && a.areaRecords == b.areaRecords && a.mapFirst == b.mapFirst
                && a.mapRecords == b.mapRecords && a.dataFirst == b.dataFirst && a.dataRecords == b.dataRecords;
    }

    private CheckReport report(boolean formatted, boolean consistent, boolean previousClean, List<String> errors) {
        synchronized (lock) {
            return new CheckReport(formatted, consistent, previousClean, header.generation,
                    objects.size(), pages, usedRecords, errors);
        }
    }

    /** Moves {@code buf} to or from the records at {@code recnum}, in chunks of {@link #MAP_CHUNK_RECORDS}. */
    private static int transfer(BlockIo io, boolean write, long recnum, byte[] buf, int recordSize) {
        int chunk = MAP_CHUNK_RECORDS * recordSize;
        for (int off = 0; off < buf.length; off += chunk) {
            int len = Math.min(chunk, buf.length - off);
            long at = recnum + off / recordSize;
            int code = write ? io.write(at, buf, off, len) : io.read(at, buf, off, len);
            if (code != BlockIo.D_SUCCESS) {
                return code;
            }
        }
        return BlockIo.D_SUCCESS;
    }

    /**
     * Routine: markInUse. Purpose: says on disk that a pager is using the
     * area: writes the header with clean = 0 and the generation one higher,
     * so a later open that finds no clean detach says so.
     * Conditions: nothing locked; takes syncLock across the write.
     * Returns: {@link BlockIo#D_SUCCESS} or the device's code.
     */
    public int markInUse() {
        syncLock.lock();
        try {
            byte[] rec;
            synchronized (lock) {
                header.clean = false;
                header.generation++;
                rec = header.encode();
            }
            return io.write(first, rec, 0, rec.length);
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Routine: sync. Purpose: writes the map as it is now, then the header
     * that points at it, with the counters and the {@code clean} flag. A
     * pager detaching calls {@code sync(true)} after its last page write;
     * while pages are being written, {@code sync(false)} (what a write
     * publishes after the map was taken is in the next sync).
     * Conditions: nothing locked; takes syncLock across the writes and lock
     * only to take the map's bytes.
     * Returns: {@link BlockIo#D_SUCCESS} or the device's code (the header on
     * disk then still describes the previous map, unless the map write tore
     * it: the next open reports a CRC mismatch).
     */
    public int sync(boolean clean) {
        syncLock.lock();
        try {
            byte[] map;
            AreaHeader next;
            synchronized (lock) {
                map = AreaMap.encode(objects, pages);
                next = header.copy();
                next.mapLength = map.length;
                next.mapCrc = AreaHeader.crc(map, 0, map.length);
                next.mapObjects = objects.size();
                next.mapPages = pages;
                next.clean = clean;
            }
            byte[] padded = Arrays.copyOf(map, AreaMap.records(map.length, recordSize) * recordSize);
            int code = transfer(io, true, first + mapFirst, padded, recordSize);
            if (code != BlockIo.D_SUCCESS) {
                return code;
            }
            byte[] rec = next.encode();
            code = io.write(first, rec, 0, rec.length);
            if (code != BlockIo.D_SUCCESS) {
                return code;
            }
            synchronized (lock) {
                header.mapLength = next.mapLength;
                header.mapCrc = next.mapCrc;
                header.mapObjects = next.mapObjects;
                header.mapPages = next.mapPages;
                header.clean = clean;
            }
            return BlockIo.D_SUCCESS;
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Routine: createObject. Purpose: enters a memory object (its port name
     * in the pager's space) with its size; an object already there keeps its
     * pages and grows to {@code size} if that is larger.
     * Conditions: nothing locked.
     * Returns: {@link BlockIo#D_SUCCESS}; {@link BlockIo#D_INVALID_SIZE} for a
     * size below 0 or above {@link #MAX_OBJECT_SIZE};
     * {@link BlockIo#D_NO_MEMORY} when the area holds as many objects as data
     * records (the map region's worst case).
     */
    public int createObject(int object, long size) {
        if (size < 0 || size > MAX_OBJECT_SIZE) {
            return BlockIo.D_INVALID_SIZE;
        }
        synchronized (lock) {
            AreaMap.Obj o = objects.get(object);
            if (o != null) {
                o.size = Math.max(o.size, size);
            } else if (objects.size() >= dataRecords) {
                return BlockIo.D_NO_MEMORY;
            } else {
                objects.put(object, new AreaMap.Obj(size));
            }
            return BlockIo.D_SUCCESS;
        }
    }

    /**
     * Routine: removeObject. Purpose: forgets an object and frees the
     * records of its pages (once reads in flight on them are done).
     * Conditions: nothing locked. A write to the object in flight fails with
     * {@link BlockIo#D_INVALID_OPERATION}, even if the object is created anew.
     * Returns: whether the object was there.
     */
    public boolean removeObject(int object) {
        synchronized (lock) {
            AreaMap.Obj o = objects.remove(object);
            if (o == null) {
                return false;
            }
            for (AreaMap.Stored s : o.pages.values()) {
                retire(s);
            }
            return true;
        }
    }

    /**
     * Routine: writePage. Purpose: stores the page at {@code offset} of
     * {@code object}, encoded with {@code codec} (DEFLATE falls back to RAW
     * when the page does not shrink): allocates records, writes them, then
     * publishes the entry and frees the records of the copy it replaces. The
     * object grows to cover the page.
     * Conditions: nothing locked; holds lock to allocate and to publish,
     * never across the device write. A RAW page is written from
     * {@code page} itself: the caller leaves it alone until this returns.
     * Returns: {@link BlockIo#D_SUCCESS}; {@link BlockIo#D_INVALID_SIZE} for an
     * offset not page-aligned or beyond {@link #MAX_OBJECT_SIZE}, or a page
     * not {@link #PAGE_SIZE} bytes; {@link BlockIo#D_INVALID_OPERATION} for an
     * object not created (or removed meanwhile); {@link BlockIo#D_NO_MEMORY}
     * when no run of free records is long enough; the device's code when the
     * write fails. On any failure the page's previous copy stays as it was.
     */
    public int writePage(int object, long offset, byte[] page, PageCodec codec) {
        int index = pageIndex(offset);
        if (index < 0 || page.length != PAGE_SIZE) {
            return BlockIo.D_INVALID_SIZE;
        }
        PageCodec.Encoded enc = codec.encode(page);
        int n = AreaMap.records(enc.length(), recordSize);
        AreaMap.Obj o;
        int record;
        long ticket;
        synchronized (lock) {
            o = objects.get(object);
            if (o == null) {
                return BlockIo.D_INVALID_OPERATION;
            }
            record = allocate(n);
            if (record < 0) {
                return BlockIo.D_NO_MEMORY;
            }
            ticket = ++tickets;
        }
        byte[] buf = enc.bytes().length == n * recordSize ? enc.bytes()
                : Arrays.copyOf(enc.bytes(), n * recordSize);
        int code = io.write(first + dataFirst + record, buf, 0, buf.length);
        synchronized (lock) {
            if (code != BlockIo.D_SUCCESS || objects.get(object) != o) {
                free(record, n);
                return code != BlockIo.D_SUCCESS ? code : BlockIo.D_INVALID_OPERATION;
            }
            AreaMap.Stored old = o.pages.get(index);
            if (old != null && old.ticket > ticket) {
                free(record, n); // a later write of this page was published first
                return BlockIo.D_SUCCESS;
            }
            o.pages.put(index, new AreaMap.Stored(record, enc.length(), enc.codec(), ticket));
            pages++;
            if (old != null) {
                retire(old);
            }
            o.size = Math.max(o.size, offset + PAGE_SIZE);
            header.pageouts++;
            header.bytesWritten += buf.length;
            return BlockIo.D_SUCCESS;
        }
    }

    /**
     * Routine: readPage. Purpose: reads and decodes the page at
     * {@code offset} of {@code object}.
     * Conditions: nothing locked; holds lock to find the entry and pin its
     * records, never across the device read.
     * Returns: a {@link PageRead} with the page; with none (code
     * {@link BlockIo#D_SUCCESS}, page null) when the page, or the object, was
     * never written; or failed with {@link BlockIo#D_INVALID_SIZE} for a bad
     * offset, the device's code, or {@link BlockIo#D_IO_ERROR} when the
     * stored bytes do not decode.
     */
    public PageRead readPage(int object, long offset) {
        int index = pageIndex(offset);
        if (index < 0) {
            return new PageRead(BlockIo.D_INVALID_SIZE, null);
        }
        AreaMap.Stored s;
        synchronized (lock) {
            AreaMap.Obj o = objects.get(object);
            s = o == null ? null : o.pages.get(index);
            if (s == null) {
                return PageRead.ABSENT;
            }
            s.readers++;
        }
        int n = AreaMap.records(s.length, recordSize);
        byte[] buf = new byte[n * recordSize];
        int code = io.read(first + dataFirst + s.record, buf, 0, buf.length);
        synchronized (lock) {
            if (--s.readers == 0 && s.retired) {
                free(s.record, n);
            }
            if (code == BlockIo.D_SUCCESS) {
                header.pageins++;
                header.bytesRead += buf.length;
            }
        }
        if (code != BlockIo.D_SUCCESS) {
            return new PageRead(code, null);
        }
        byte[] page = s.codec.decode(buf, s.length);
        return page == null ? new PageRead(BlockIo.D_IO_ERROR, null) : new PageRead(BlockIo.D_SUCCESS, page);
    }

    private static int pageIndex(long offset) {
        if (offset < 0 || offset % PAGE_SIZE != 0 || offset / PAGE_SIZE > Integer.MAX_VALUE) {
            return -1;
        }
        return (int) (offset / PAGE_SIZE);
    }

    /** First of {@code n} contiguous free data records, marked used, or -1. Call with lock held. */
    private int allocate(int n) {
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? rover : 0;
            int end = pass == 0 ? dataRecords : Math.min(rover + n - 1, dataRecords);
            while (from < end) {
                int start = used.nextClearBit(from);
                if (start >= end || start > dataRecords - n) {
                    break;
                }
                int taken = used.nextSetBit(start);
                int stop = taken < 0 ? dataRecords : taken;
                if (stop - start >= n) {
                    used.set(start, start + n);
                    usedRecords += n;
                    rover = start + n == dataRecords ? 0 : start + n;
                    return start;
                }
                from = stop;
            }
        }
        return -1;
    }

    /** Returns records to the free bitmap. Call with lock held. */
    private void free(int record, int n) {
        used.clear(record, record + n);
        usedRecords -= n;
    }

    /** Takes a page out of use: freed now, or by its last reader. Call with lock held. */
    private void retire(AreaMap.Stored s) {
        pages--;
        if (s.readers > 0) {
            s.retired = true;
        } else {
            free(s.record, AreaMap.records(s.length, recordSize));
        }
    }

    /** The objects in the area. */
    public Set<Integer> objects() {
        synchronized (lock) {
            return Set.copyOf(objects.keySet());
        }
    }

    /** Whether the area holds {@code object}. */
    public boolean has(int object) {
        synchronized (lock) {
            return objects.containsKey(object);
        }
    }

    /** The object's size in bytes, or -1 if the area does not hold it. */
    public long size(int object) {
        synchronized (lock) {
            AreaMap.Obj o = objects.get(object);
            return o == null ? -1 : o.size;
        }
    }

    /** Offsets of the object's stored pages, increasing; empty for an unknown object. */
    public long[] pages(int object) {
        synchronized (lock) {
            AreaMap.Obj o = objects.get(object);
            if (o == null) {
                return new long[0];
            }
            int[] keys = AreaMap.sortedKeys(o.pages);
            long[] offsets = new long[keys.length];
            for (int i = 0; i < keys.length; i++) {
                offsets[i] = (long) keys[i] * PAGE_SIZE;
            }
            return offsets;
        }
    }

    /** Records in the data region. */
    public long totalRecords() {
        return dataRecords;
    }

    /** Data records free now. */
    public long freeRecords() {
        synchronized (lock) {
            return dataRecords - usedRecords;
        }
    }

    /** Pages stored now. */
    public long pagesStored() {
        synchronized (lock) {
            return pages;
        }
    }

    /** Bytes in a record of this area. */
    public int recordSize() {
        return recordSize;
    }

    /**
     * The area's counters: totals over its life on this disk (as of the
     * last header written before this open) plus this attach's.
     */
    public Counters counters() {
        synchronized (lock) {
            return new Counters(header.pageins, header.pageouts, header.bytesRead, header.bytesWritten,
                    header.generation);
        }
    }

    /**
     * Page traffic of the area.
     *
     * @param pageins      pages read
     * @param pageouts     pages written
     * @param bytesRead    data-region bytes read (whole records)
     * @param bytesWritten data-region bytes written (whole records)
     * @param generation   times the area was marked in use
     */
    public record Counters(long pageins, long pageouts, long bytesRead, long bytesWritten, long generation) {
    }
}
