package org.jmach.pager.area;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The header record of a paging area (record 0 of the area), as bytes and
 * back. Layout, big-endian, offsets in bytes:
 *
 * <pre>
 *   0  8  magic "JMACHPGA"
 *   8  4  format version (1)
 *  12  4  record size
 *  16  8  records in the area
 *  24  8  first record of the map region (relative to the area)
 *  32  8  records in the map region
 *  40  8  first record of the data region (relative to the area)
 *  48  8  records in the data region
 *  56  4  map length in bytes (as last synced)
 *  60  4  CRC32 of those map bytes
 *  64  4  objects in that map
 *  68  4  pages in that map
 *  72  1  clean: 1 if the last user detached with sync(true), 0 while in use
 *  73  7  zero
 *  80  8  generation: +1 at every markInUse
 *  88  8  page-ins   (totals over the area's life, as of the last header write)
 *  96  8  page-outs
 * 104  8  bytes read from the data region
 * 112  8  bytes written to the data region
 * 120  4  CRC32 of bytes [0, 120)
 * </pre>
 *
 * The rest of the record is zero. Not thread-safe: {@link PagingArea} guards it.
 */
final class AreaHeader {

    static final byte[] MAGIC = "JMACHPGA".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    /** Bytes the header uses; a record must be at least this long. */
    static final int LENGTH = 124;
    private static final int CRC_AT = 120;

    int recordSize;
    long areaRecords;
    long mapFirst;
    long mapRecords;
    long dataFirst;
    long dataRecords;
    int mapLength;
    int mapCrc;
    int mapObjects;
    int mapPages;
    boolean clean;
    long generation;
    long pageins;
    long pageouts;
    long bytesRead;
    long bytesWritten;

    /** A copy, for a header about to be written. */
    AreaHeader copy() {
        return decode(encode(), new ArrayList<>());
    }

    /** The header as one record of {@code recordSize} bytes. */
    byte[] encode() {
        byte[] rec = new byte[recordSize];
        ByteBuffer b = ByteBuffer.wrap(rec);
        b.put(MAGIC).putInt(VERSION).putInt(recordSize).putLong(areaRecords)
                .putLong(mapFirst).putLong(mapRecords).putLong(dataFirst).putLong(dataRecords)
                .putInt(mapLength).putInt(mapCrc).putInt(mapObjects).putInt(mapPages)
                .put((byte) (clean ? 1 : 0)).position(80);
        b.putLong(generation).putLong(pageins).putLong(pageouts).putLong(bytesRead).putLong(bytesWritten);
        b.putInt(CRC_AT, crc(rec, 0, CRC_AT));
        return rec;
    }

    /**
     * Parses a header record.
     *
     * @param why where to say why the record is not a header (nothing is said
     *            of a record of zeros: a disk never formatted)
     * @return the header, or null if the record holds none (no magic, another
     *         version, a bad CRC)
     */
    static AreaHeader decode(byte[] rec, List<String> why) {
        ByteBuffer b = ByteBuffer.wrap(rec);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            if (!Arrays.equals(rec, new byte[rec.length])) {
                why.add("record 0 is neither zero nor a paging area header");
            }
            return null;
        }
        int version = b.getInt();
        if (version != VERSION) {
            why.add("header format version " + version + ", expected " + VERSION);
            return null;
        }
        if (b.getInt(CRC_AT) != crc(rec, 0, CRC_AT)) {
            why.add("header CRC mismatch");
            return null;
        }
        AreaHeader h = new AreaHeader();
        h.recordSize = b.getInt();
        h.areaRecords = b.getLong();
        h.mapFirst = b.getLong();
        h.mapRecords = b.getLong();
        h.dataFirst = b.getLong();
        h.dataRecords = b.getLong();
        h.mapLength = b.getInt();
        h.mapCrc = b.getInt();
        h.mapObjects = b.getInt();
        h.mapPages = b.getInt();
        h.clean = b.get() == 1;
        b.position(80);
        h.generation = b.getLong();
        h.pageins = b.getLong();
        h.pageouts = b.getLong();
        h.bytesRead = b.getLong();
        h.bytesWritten = b.getLong();
        return h;
    }

    static int crc(byte[] bytes, int off, int len) {
        CRC32 c = new CRC32();
        c.update(bytes, off, len);
        return (int) c.getValue();
    }
}
