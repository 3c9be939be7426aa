package org.jmach.mach;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MIG_ARRAY_TOO_LARGE;
import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_BYTE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_16;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_64;
import static org.jmach.mach.Message.MACH_MSG_TYPE_POLYMORPHIC;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * MIG's runtime on its own: what MigWriter writes, MigReader reads back
 * and checks, in GNU Mach's LP64 layout; bad input is an error code or a
 * failed read, never an exception.
 */
class MigWriterReaderTest {

    /** Out-of-line data kept in a list: an address is an index + 1. */
    private static final class ListMemory implements MigMemory {
        final List<byte[]> regions = new ArrayList<>();

        @Override
        public long oolWrite(byte[] data) {
            regions.add(data);
            return regions.size();
        }

        @Override
        public byte[] oolRead(long address, long length) {
            byte[] d = address >= 1 && address <= regions.size() ? regions.get((int) address - 1) : null;
            return d != null && d.length == length ? d : null;
        }
    }

    private final ListMemory memory = new ListMemory();

    private MigWriter writer(int capacity) {
        MachMessage m = new MachMessage(capacity);
        m.setHeader(0, 0, 0, 1);
        return new MigWriter(m, memory);
    }

    private MigReader reader(MigWriter w) {
        w.end();
        return new MigReader(w.message(), memory, MACH_MSG_HEADER_SIZE);
    }

    @Test
    void everyShapeReadsBackAsWritten() {
        MigWriter w = writer(1024);
        w.int8(MACH_MSG_TYPE_BYTE, (byte) -3).int16(MACH_MSG_TYPE_INTEGER_16, (short) 1234)
                .int32(MACH_MSG_TYPE_INTEGER_32, -5).int64(MACH_MSG_TYPE_INTEGER_64, 1L << 50)
                .port(MACH_MSG_TYPE_COPY_SEND, 0x1203).poly(MACH_MSG_TYPE_INTEGER_32, 77)
                .ints(MACH_MSG_TYPE_INTEGER_32, 32, new int[] {1, 2, 3}, 8, 0)
                .longs(MACH_MSG_TYPE_INTEGER_64, new long[] {9}, 2, MigWriter.FIXED)
                .shorts(MACH_MSG_TYPE_INTEGER_16, new short[] {4, 5}, -1, MigWriter.OOL)
                .bytes(MACH_MSG_TYPE_BYTE, new byte[] {6, 7, 8}, -1, MigWriter.OOL)
                .string("mach", 16, MigWriter.FIXED).string("micro", 16, 0);
        assertEquals(KERN_SUCCESS, w.error());
        assertTrue((w.message().msghBits() & MACH_MSGH_BITS_COMPLEX) != 0, "a port and out-of-line data");
        MigReader r = reader(w);
        assertEquals(-3, r.int8(MACH_MSG_TYPE_BYTE));
        assertEquals(1234, r.int16(MACH_MSG_TYPE_INTEGER_16));
        assertEquals(-5, r.int32(MACH_MSG_TYPE_INTEGER_32));
        assertEquals(1L << 50, r.int64(MACH_MSG_TYPE_INTEGER_64));
        assertEquals(0x1203, r.port(MACH_MSG_TYPE_COPY_SEND));
        assertEquals(77, r.poly());
        assertEquals(MACH_MSG_TYPE_INTEGER_32, r.lastName());
        assertArrayEquals(new int[] {1, 2, 3}, r.ints(MACH_MSG_TYPE_INTEGER_32, 32, 8, 0));
        assertArrayEquals(new long[] {9, 0}, r.longs(MACH_MSG_TYPE_INTEGER_64, 2, MigWriter.FIXED));
        assertArrayEquals(new short[] {4, 5}, r.shorts(MACH_MSG_TYPE_INTEGER_16, -1, MigWriter.OOL));
        assertArrayEquals(new byte[] {6, 7, 8}, r.bytes(MACH_MSG_TYPE_BYTE, -1, MigWriter.OOL));
        assertEquals("mach", r.string(16, MigWriter.FIXED));
        assertEquals("micro", r.string(16, 0));
        assertTrue(r.end());
    }

    @Test
    void theLayoutIsGnuMachsLp64() {
        MigWriter w = writer(256).int32(MACH_MSG_TYPE_INTEGER_32, 42).port(MACH_MSG_TYPE_COPY_SEND, 0x305)
                .ints(MACH_MSG_TYPE_COPY_SEND, 64, new int[] {0x405, 0x505}, -1, MigWriter.OOL);
        int size = w.end();
        var b = w.message().buffer();
        // int: 8-byte descriptor, 4 bytes, 4 of padding.
        assertEquals(MACH_MSG_TYPE_INTEGER_32 | 32 << 8 | Message.MSGT_INLINE, b.getInt(32));
        assertEquals(1, b.getInt(36));
        assertEquals(42, b.getInt(40));
        // An inline port: 64 bits.
        assertEquals(MACH_MSG_TYPE_COPY_SEND | 64 << 8 | Message.MSGT_INLINE, b.getInt(48));
        assertEquals(0x305L, b.getLong(56));
        // Out-of-line port names: 32 bits each, the deallocate bit, an 8-byte address.
        assertEquals(MACH_MSG_TYPE_COPY_SEND | 32 << 8 | Message.MSGT_DEALLOCATE, b.getInt(64));
        assertEquals(2, b.getInt(68));
        assertEquals(80, size);
        assertEquals(8, memory.regions.get(0).length);
    }

    @Test
    void aMismatchFailsTheReadAndEveryReadAfterIt() {
        MigReader r = reader(writer(256).int32(MACH_MSG_TYPE_INTEGER_32, 1).int32(MACH_MSG_TYPE_INTEGER_32, 2));
        assertEquals(0, r.int64(MACH_MSG_TYPE_INTEGER_64), "size 64 where 32 is");
        assertTrue(r.failed());
        assertEquals(0, r.int32(MACH_MSG_TYPE_INTEGER_32));
        assertFalse(r.end());
        // A port where an int is, a count above the bound, an inline item read as out of line.
        assertEquals(0, reader(writer(64).int32(MACH_MSG_TYPE_INTEGER_32, 1)).port(MACH_MSG_TYPE_PORT_SEND));
        assertNull(reader(writer(256).ints(MACH_MSG_TYPE_INTEGER_32, 32, new int[5], -1, 0))
                .ints(MACH_MSG_TYPE_INTEGER_32, 32, 4, 0));
        assertNull(reader(writer(256).bytes(MACH_MSG_TYPE_BYTE, new byte[3], -1, 0))
                .bytes(MACH_MSG_TYPE_BYTE, -1, MigWriter.OOL));
        // Polymorphic accepts any type.
        MigReader any = reader(writer(64).port(MACH_MSG_TYPE_COPY_SEND, 9));
        assertEquals(9, any.ints(MACH_MSG_TYPE_POLYMORPHIC, 64, 1, MigWriter.FIXED)[0]);
    }

    @Test
    void aTruncatedBodyOrTrailingBytesAreNotAnEnd() {
        MigWriter w = writer(256).int32(MACH_MSG_TYPE_INTEGER_32, 1).int32(MACH_MSG_TYPE_INTEGER_32, 2);
        w.end();
        w.message().setMsghSize(MACH_MSG_HEADER_SIZE + 12);
        MigReader r = new MigReader(w.message(), memory, MACH_MSG_HEADER_SIZE);
        assertEquals(1, r.int32(MACH_MSG_TYPE_INTEGER_32));
        assertEquals(0, r.int32(MACH_MSG_TYPE_INTEGER_32), "the second item is cut off");
        assertFalse(r.end());
        MigReader extra = reader(writer(256).int32(MACH_MSG_TYPE_INTEGER_32, 1).int32(MACH_MSG_TYPE_INTEGER_32, 2));
        assertEquals(1, extra.int32(MACH_MSG_TYPE_INTEGER_32));
        assertFalse(extra.end(), "an item is left");
    }

    @Test
    void tooLargeForTheTypeOrTheBufferIsAnErrorNotAnException() {
        assertEquals(MIG_ARRAY_TOO_LARGE, writer(256).ints(MACH_MSG_TYPE_INTEGER_32, 32, new int[9], 8, 0).error());
        assertEquals(MIG_ARRAY_TOO_LARGE, writer(256).string("x".repeat(16), 16, MigWriter.FIXED).error());
        assertEquals(MIG_ARRAY_TOO_LARGE, writer(64).bytes(MACH_MSG_TYPE_BYTE, new byte[100], -1, 0).error());
        MigWriter w = writer(48).int32(MACH_MSG_TYPE_INTEGER_32, 1).int32(MACH_MSG_TYPE_INTEGER_32, 2);
        assertEquals(MIG_ARRAY_TOO_LARGE, w.error(), "the second item does not fit 48 bytes");
        assertEquals(48, w.end(), "what was written stays");
        // A fixed array shorter than its type is padded with zeros.
        MigWriter pad = writer(256).ints(MACH_MSG_TYPE_INTEGER_32, 32, new int[] {7}, 3, MigWriter.FIXED);
        assertArrayEquals(new int[] {7, 0, 0}, reader(pad).ints(MACH_MSG_TYPE_INTEGER_32, 32, 3, MigWriter.FIXED));
    }
}
