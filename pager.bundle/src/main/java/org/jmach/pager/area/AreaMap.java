package org.jmach.pager.area;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocation map of a paging area: which objects it holds and where
 * each stored page lies, in memory and as the bytes of the map region.
 *
 * <p>On disk (big-endian), objects in increasing key order, each object's
 * pages in increasing page order:
 *
 * <pre>
 *   map    := objectCount:int object*
 *   object := key:int size:long pageCount:int page*          (16 bytes + pages)
 *   page   := index:int record:int length:u16 codec:u8       (11 bytes)
 * </pre>
 *
 * {@code key} is the memory object's port name in the pager's space,
 * {@code index} the page's offset / {@link PagingArea#PAGE_SIZE},
 * {@code record} its first record relative to the data region, {@code length}
 * its stored bytes (1 to {@link PagingArea#PAGE_SIZE}; exactly that for RAW),
 * {@code codec} a {@link PageCodec#id}. A page takes
 * {@code ceil(length / recordSize)} contiguous records. The worst case is one
 * object of one page per data record: {@link #WORST_BYTES_PER_RECORD} bytes
 * per data record, and the area never holds more objects than data records.
 *
 * <p>Not thread-safe: {@link PagingArea} guards the objects with its lock.
 */
final class AreaMap {

    static final int OBJECT_BYTES = 16;
    static final int PAGE_BYTES = 11;
    static final int WORST_BYTES_PER_RECORD = OBJECT_BYTES + PAGE_BYTES;
    private static final int MAX_ERRORS = 16;

    /** One memory object: its size and its stored pages by page index. */
    static final class Obj {
        long size;
        final HashMap<Integer, Stored> pages = new HashMap<>();

        Obj(long size) {
            this.size = size;
        }
    }

    /**
     * One stored page. Lifecycle: published in its object's map by a write
     * (which takes a {@code ticket} when it allocates, so the later write of
     * two to the same page wins); replaced or removed, it is retired, and its
     * records return to the free map once no read is in flight on them
     * ({@code readers} is 0).
     */
    static final class Stored {
        final int record;
        final int length;
        final PageCodec codec;
        final long ticket;
        int readers;
        boolean retired;

        Stored(int record, int length, PageCodec codec, long ticket) {
            this.record = record;
            this.length = length;
            this.codec = codec;
            this.ticket = ticket;
        }
    }

    private AreaMap() {
    }

    /** Records a stored length takes. */
    static int records(int length, int recordSize) {
        return (length + recordSize - 1) / recordSize;
    }

    /** The map bytes of {@code objects}, as {@link #parse} reads them. */
    static byte[] encode(Map<Integer, Obj> objects, int pages) {
        ByteBuffer b = ByteBuffer.allocate(4 + objects.size() * OBJECT_BYTES + pages * PAGE_BYTES);
        b.putInt(objects.size());
        int[] keys = sortedKeys(objects);
        for (int key : keys) {
            Obj o = objects.get(key);
            b.putInt(key).putLong(o.size).putInt(o.pages.size());
            for (int index : sortedKeys(o.pages)) {
                Stored s = o.pages.get(index);
                b.putInt(index).putInt(s.record).putShort((short) s.length).put((byte) s.codec.id);
            }
        }
        return b.array();
    }

    static int[] sortedKeys(Map<Integer, ?> map) {
        int[] keys = new int[map.size()];
        int i = 0;
        for (int k : map.keySet()) {
            keys[i++] = k;
        }
        Arrays.sort(keys);
        return keys;
    }

    /**
     * Reads and checks map bytes: every object and page sane, every page
     * inside the data region, no record claimed twice. Marks the records the
     * pages take in {@code used}.
     *
     * @param errors where each problem found is said (at most a few, then a count)
     * @return the objects, or null if any problem was found
     */
    static Map<Integer, Obj> parse(byte[] bytes, int length, long dataRecords, int recordSize,
                                   BitSet used, List<String> errors) {
        Problems problems = new Problems(errors);
        HashMap<Integer, Obj> objects = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        try {
            int count = b.getInt();
            if (count < 0 || count > dataRecords || (long) count * OBJECT_BYTES > b.remaining()) {
                problems.add("object count " + count + " impossible");
                problems.close();
                return null;
            }
            for (int i = 0; i < count; i++) {
                int key = b.getInt();
                long size = b.getLong();
                int pageCount = b.getInt();
                if (objects.containsKey(key)) {
                    problems.add("object " + key + " listed twice");
                }
                if (size < 0 || size > PagingArea.MAX_OBJECT_SIZE) {
                    problems.add("object " + key + " size " + size);
                }
                if (pageCount < 0 || (long) pageCount * PAGE_BYTES > b.remaining()) {
                    problems.add("object " + key + " page count " + pageCount + " impossible");
                    problems.close();
                    return null;
                }
                Obj o = new Obj(size);
                objects.put(key, o);
                for (int p = 0; p < pageCount; p++) {
                    int index = b.getInt();
                    int record = b.getInt();
                    int len = Short.toUnsignedInt(b.getShort());
                    int codecId = Byte.toUnsignedInt(b.get());
                    PageCodec codec = PageCodec.ofId(codecId);
                    if (index < 0 || (long) index * PagingArea.PAGE_SIZE >= size) {
                        problems.add(where(key, index) + "outside the object's size " + size);
                    }
                    if (codec == null) {
                        problems.add(where(key, index) + "unknown codec " + codecId);
                    } else if (len < 1 || len > PagingArea.PAGE_SIZE
                            || (codec == PageCodec.RAW && len != PagingArea.PAGE_SIZE)) {
                        problems.add(where(key, index) + "stored length " + len + " impossible for " + codec);
                    }
                    int n = records(Math.max(len, 1), recordSize);
                    if (record < 0 || record > dataRecords - n) {
                        problems.add(where(key, index) + "records [" + record + ", +" + n
                                + ") outside the data region of " + dataRecords);
                    } else {
                        int taken = used.nextSetBit(record);
                        if (taken >= 0 && taken < record + n) {
                            problems.add(where(key, index) + "record " + taken + " already holds another page");
                        }
                        used.set(record, record + n);
                    }
                    if (o.pages.put(index, new Stored(record, len, codec == null ? PageCodec.RAW : codec, 0)) != null) {
                        problems.add(where(key, index) + "listed twice");
                    }
                }
            }
            if (b.hasRemaining()) {
                problems.add(b.remaining() + " bytes after the last object");
            }
        } catch (BufferUnderflowException e) {
            problems.add("map ends inside an entry");
        }
        return problems.close() ? null : objects;
    }

    private static String where(int key, int index) {
        return "object " + key + " page " + index + ": ";
    }

    /** Problems found by one parse: the first few said, the rest counted. */
    private static final class Problems {
        private final List<String> out;
        private final int before;
        private int unsaid;

        Problems(List<String> out) {
            this.out = out;
            this.before = out.size();
        }

        void add(String message) {
            if (out.size() - before < MAX_ERRORS) {
                out.add(message);
            } else {
                unsaid++;
            }
        }

        /** Says how many went unsaid; returns whether there was any problem. */
        boolean close() {
            if (unsaid > 0) {
                out.add("... and " + unsaid + " more problems");
            }
            return out.size() > before;
        }
    }
}
