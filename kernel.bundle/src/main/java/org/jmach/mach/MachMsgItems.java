package org.jmach.mach;

import static org.jmach.mach.Message.MACH_MSG_TYPE_SIZE;
import static org.jmach.mach.Message.MSGT_DEALLOCATE;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.MSGT_LONGFORM;
import static org.jmach.mach.Message.MSGT_NAME_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_SHIFT;
import static org.jmach.mach.Message.machMsgAlign;
import static org.jmach.mach.Message.machMsgTypePortAny;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the typed items of a received message, one at a time:
 * {@code while (items.next()) { switch (items.name()) ... }}. Accessors
 * describe the current item; data accessors read its inline data, or for an
 * out-of-line item, {@link #address()} gives where the kernel put it.
 */
public final class MachMsgItems {

    private final ByteBuffer bytes;
    private final int end;
    private int next;
    private int descriptor = -1;
    private int word;
    private int number;
    private int data;

    MachMsgItems(ByteBuffer bytes, int start, int end) {
        this.bytes = bytes;
        this.next = start;
        this.end = end;
    }

    /** Advances to the next item; false at the end or if the rest is too short for an item. */
    public boolean next() {
        if (next + MACH_MSG_TYPE_SIZE > end) {
            return false;
        }
        descriptor = next;
        word = bytes.getInt(next);
        number = bytes.getInt(next + 4);
        data = next + MACH_MSG_TYPE_SIZE;
        long length = inline() ? dataLength() : 8;
        next = (int) Math.min(Integer.MAX_VALUE, machMsgAlign((int) Math.min(Integer.MAX_VALUE - 8, data + length)));
        return true;
    }

    /** Offset of the current item's descriptor in the buffer. */
    public int descriptorOffset() {
        return descriptor;
    }

    /** Offset of the current item's inline data (or of its out-of-line address). */
    public int dataOffset() {
        return data;
    }

    public int name() {
        return word & MSGT_NAME_MASK;
    }

    public int sizeBits() {
        return (word >>> MSGT_SIZE_SHIFT) & MSGT_SIZE_MASK;
    }

    public int number() {
        return number;
    }

    public boolean inline() {
        return (word & MSGT_INLINE) != 0;
    }

    public boolean longform() {
        return (word & MSGT_LONGFORM) != 0;
    }

    public boolean deallocate() {
        return (word & MSGT_DEALLOCATE) != 0;
    }

    public boolean isPort() {
        return machMsgTypePortAny(name());
    }

    /** Bytes of data the item describes: number * size rounded up to bytes. */
    public long dataLength() {
        return ((number & 0xffffffffL) * sizeBits() + 7) >>> 3;
    }

    /** The address of out-of-line data in the receiver's memory. */
    public long address() {
        return bytes.getLong(data);
    }

    public int integer32(int i) {
        return bytes.getInt(data + 4 * i);
    }

    public long integer64(int i) {
        return bytes.getLong(data + 8 * i);
    }

    /** The i-th inline port name (each in an 8-byte slot). */
    public int portName(int i) {
        return bytes.getInt(data + 8 * i);
    }

    /** The inline data as bytes. */
    public byte[] bytes() {
        byte[] out = new byte[(int) dataLength()];
        bytes.get(data, out, 0, out.length);
        return out;
    }

    /** Inline C string data up to its first NUL. */
    public String string() {
        byte[] raw = bytes();
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return new String(raw, 0, n, StandardCharsets.UTF_8);
    }
}
