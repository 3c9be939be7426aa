package org.jmach.mach;

import static org.jmach.mach.Message.MACH_MSG_TYPE_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_STRING_C;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.MSGT_NAME_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_SHIFT;
import static org.jmach.mach.Message.PORT_NAME_T_SIZE_IN_BITS;
import static org.jmach.mach.Message.PORT_T_SIZE_IN_BITS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads and checks the body of a MIG message, one typed item per argument,
 * as MIG-generated code does: each item's descriptor must have the type
 * name, size, form and count the routine declares. The first mismatch
 * marks the reader failed ({@link #failed()}); values read after it are
 * zero or null. {@link #end()} says whether the body was read exactly.
 *
 * <p>A {@code name} of {@link Message#MACH_MSG_TYPE_POLYMORPHIC} accepts
 * any type; {@link #lastName()} tells which came.
 */
public final class MigReader {

    private final MachMessage m;
    private final MigMemory memory;
    private final int end;
    private int position;
    private int lastName;
    private boolean failed;

    /** A reader of {@code m}'s body from {@code start} to msgh_size. */
    public MigReader(MachMessage m, MigMemory memory, int start) {
        this.m = m;
        this.memory = memory;
        this.end = Math.min(m.msghSize(), m.capacity());
        this.position = start;
    }

    /** Whether an item did not match its declaration. */
    public boolean failed() {
        return failed;
    }

    /** Whether every item matched and the body ends just after the last one. */
    public boolean end() {
        return !failed && position == end;
    }

    /** The type name of the last item read (for polymorphic arguments). */
    public int lastName() {
        return lastName;
    }

    public byte int8(int name) {
        byte[] a = bytes(name, 1, MigWriter.FIXED);
        return a == null ? 0 : a[0];
    }

    public short int16(int name) {
        short[] a = shorts(name, 1, MigWriter.FIXED);
        return a == null ? 0 : a[0];
    }

    public int int32(int name) {
        int at = item(name, 32, 1, true, 4);
        return at < 0 ? 0 : m.buffer().getInt(at);
    }

    public long int64(int name) {
        int at = item(name, 64, 1, true, 8);
        return at < 0 ? 0 : m.buffer().getLong(at);
    }

    /** One inline port right of type {@code name}; its name in the receiver's space. */
    public int port(int name) {
        int at = item(name, PORT_T_SIZE_IN_BITS, 1, true, 8);
        return at < 0 ? 0 : m.buffer().getInt(at);
    }

    /** A polymorphic value: a port right or a 64-bit datum; its type is then {@link #lastName()}. */
    public int poly() {
        int at = item(Message.MACH_MSG_TYPE_POLYMORPHIC, 64, 1, true, 8);
        return at < 0 ? 0 : m.buffer().getInt(at);
    }

    public byte[] bytes(int name, int bound, int flags) {
        return array(name, 8, bound, flags);
    }

    public short[] shorts(int name, int bound, int flags) {
        ByteBuffer raw = littleEndian(array(name, 16, bound, flags));
        if (raw == null) {
            return null;
        }
        short[] a = new short[raw.capacity() / 2];
        raw.asShortBuffer().get(a);
        return a;
    }

    /** 32-bit elements, or port names (64-bit slots inline, 32-bit names out of line). */
    public int[] ints(int name, int sizeBits, int bound, int flags) {
        boolean port = Message.machMsgTypePortAny(name);
        int bits = port ? ((flags & MigWriter.OOL) != 0 ? PORT_NAME_T_SIZE_IN_BITS : PORT_T_SIZE_IN_BITS)
                : sizeBits;
        byte[] raw = array(name, bits, bound, flags);
        if (raw == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int stride = bits / 8;
        int[] a = new int[raw.length / stride];
        for (int i = 0; i < a.length; i++) {
            a[i] = b.getInt(stride * i);
        }
        return a;
    }

    public long[] longs(int name, int bound, int flags) {
        ByteBuffer raw = littleEndian(array(name, 64, bound, flags));
        if (raw == null) {
            return null;
        }
        long[] a = new long[raw.capacity() / 8];
        raw.asLongBuffer().get(a);
        return a;
    }

    private static ByteBuffer littleEndian(byte[] raw) {
        return raw == null ? null : ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A C string ({@code c_string[bound]} with FIXED, else {@code c_string[*:bound]}): up to its first NUL. */
    public String string(int bound, int flags) {
        byte[] raw = array(MACH_MSG_TYPE_STRING_C, 8, bound, flags);
        if (raw == null) {
            return null;
        }
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.UTF_8);
    }

    private byte[] array(int name, int bits, int bound, int flags) {
        if (failed || end - position < MACH_MSG_TYPE_SIZE) {
            return fail();
        }
        ByteBuffer b = m.buffer();
        long number = b.getInt(position + 4) & 0xffffffffL;
        boolean fixed = (flags & MigWriter.FIXED) != 0;
        if ((fixed && number != bound) || (!fixed && bound >= 0 && number > bound)) {
            return fail();
        }
        long length = (number * bits + 7) >>> 3;
        boolean ool = (flags & MigWriter.OOL) != 0;
        int at = item(name, bits, number, !ool, ool ? 8 : length);
        if (at < 0) {
            return null;
        }
        if (ool) {
            byte[] data = memory.oolRead(b.getLong(at), length);
            return data == null ? fail() : data;
        }
        byte[] data = new byte[(int) length];
        b.get(at, data, 0, data.length);
        return data;
    }

    /**
     * Checks the descriptor at the position and moves past the item.
     * Returns the offset of its data, or -1 (failed).
     */
    private int item(int name, int bits, long number, boolean inline, long dataLength) {
        if (failed || end - position < MACH_MSG_TYPE_SIZE) {
            failed = true;
            return -1;
        }
        ByteBuffer b = m.buffer();
        int word = b.getInt(position);
        int gotName = word & MSGT_NAME_MASK;
        boolean nameOk = name == Message.MACH_MSG_TYPE_POLYMORPHIC || gotName == name;
        if (!nameOk || ((word >>> MSGT_SIZE_SHIFT) & MSGT_SIZE_MASK) != bits
                || ((word & MSGT_INLINE) != 0) != inline
                || (b.getInt(position + 4) & 0xffffffffL) != number
                || end - position - MACH_MSG_TYPE_SIZE < dataLength) {
            failed = true;
            return -1;
        }
        lastName = gotName;
        int data = position + MACH_MSG_TYPE_SIZE;
        position = Message.machMsgAlign((int) (data + dataLength));
        return data;
    }

    private byte[] fail() {
        failed = true;
        return null;
    }
}
