package org.jmach.pager.area;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How a page is stored in the paging area. Every map entry names the codec
 * its page was written with and its stored length, so any pager reads pages
 * written by any other: the plain pager reads what the compressing pager
 * wrote and the other way round, which is what makes swapping one for the
 * other live lose nothing.
 *
 * <p>The {@link #id} is what the map on disk records; it never changes for a
 * codec, and new codecs take new ids.
 */
public enum PageCodec {

    /** The page as it is: {@link PagingArea#PAGE_SIZE} bytes (8 records of 512). */
    RAW(0),

    /**
     * The page through {@link Deflater} (zlib, fastest level), in as many
     * records as the compressed bytes need; a page that does not shrink is
     * stored {@link #RAW}.
     */
    DEFLATE(1);

    /** The codec's number in the map on disk. */
    public final int id;

    PageCodec(int id) {
        this.id = id;
    }

    /** The codec with this map id, or null if none has it. */
    public static PageCodec ofId(int id) {
        for (PageCodec c : values()) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }

    /**
     * A page as it goes to disk.
     *
     * @param codec the codec actually used (RAW when DEFLATE did not shrink the page)
     * @param bytes the stored bytes are {@code bytes[0, length)}
     */
    public record Encoded(PageCodec codec, byte[] bytes, int length) {
    }

    /** Encodes a whole page ({@link PagingArea#PAGE_SIZE} bytes). */
    public Encoded encode(byte[] page) {
        if (page.length != PagingArea.PAGE_SIZE) {
            throw new IllegalArgumentException("page of " + page.length + " bytes");
        }
        if (this == DEFLATE) {
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try {
                deflater.setInput(page);
                deflater.finish();
                byte[] out = new byte[PagingArea.PAGE_SIZE];
                int n = deflater.deflate(out);
                if (deflater.finished() && n < PagingArea.PAGE_SIZE) {
                    return new Encoded(DEFLATE, out, n);
                }
            } finally {
                deflater.end();
            }
        }
        return new Encoded(RAW, page, PagingArea.PAGE_SIZE);
    }

    /**
     * Decodes {@code stored[0, length)} back into a page.
     *
     * @return the page, or null if the stored bytes are not a page of this codec
     */
    public byte[] decode(byte[] stored, int length) {
        if (this == RAW) {
            return length == PagingArea.PAGE_SIZE ? Arrays.copyOf(stored, PagingArea.PAGE_SIZE) : null;
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored, 0, length);
            byte[] page = new byte[PagingArea.PAGE_SIZE];
            int n = inflater.inflate(page);
            return n == PagingArea.PAGE_SIZE && inflater.finished() ? page : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
