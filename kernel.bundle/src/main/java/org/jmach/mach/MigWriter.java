package org.jmach.mach;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_RESOURCE_SHORTAGE;
import static org.jmach.mach.MachMsgReturn.MIG_ARRAY_TOO_LARGE;
import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_TYPE_STRING_C;
import static org.jmach.mach.Message.PORT_NAME_T_SIZE_IN_BITS;
import static org.jmach.mach.Message.PORT_T_SIZE_IN_BITS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the body of a MIG message: one typed item per argument, in the
 * order of the routine's declaration, as MIG-generated stubs and server
 * demuxes write them. A write that cannot be done (an array larger than
 * its type allows, no memory for out-of-line data) records the error,
 * which {@link #error()} returns; later writes are ignored.
 *
 * <p>Flags of the array writers: {@link #OOL} (out of line), {@link #FIXED}
 * (exactly {@code bound} elements, zero-padded), {@link #LONGFORM} (the
 * descriptor's long-form bit, {@code islong}).
 */
public final class MigWriter {

    /** The array goes out of line. */
    public static final int OOL = 1;
    /** The descriptor carries the long-form bit. */
    public static final int LONGFORM = 2;
    /** The array has exactly {@code bound} elements. */
    public static final int FIXED = 4;

    private final MachMessage m;
    private final MigMemory memory;
    private int error = KERN_SUCCESS;

    public MigWriter(MachMessage m, MigMemory memory) {
        this.m = m;
        this.memory = memory;
    }

    /** The message being written. */
    public MachMessage message() {
        return m;
    }

    /**
     * KERN_SUCCESS, or the first error: MIG_ARRAY_TOO_LARGE (larger than its
     * type allows, or than the message buffer holds) or KERN_RESOURCE_SHORTAGE.
     */
    public int error() {
        return error;
    }

    /** Sets msgh_size; returns it. */
    public int end() {
        return m.endBody();
    }

    public MigWriter int8(int name, byte v) {
        return bytes(name, new byte[] {v}, 1, FIXED);
    }

    public MigWriter int16(int name, short v) {
        return shorts(name, new short[] {v}, 1, FIXED);
    }

    public MigWriter int32(int name, int v) {
        return scalar(name, 32, v);
    }

    public MigWriter int64(int name, long v) {
        return scalar(name, 64, v);
    }

    /** One inline element of 32 or 64 bits (the fast path of the commonest items). */
    private MigWriter scalar(int name, int bits, long v) {
        if (error == KERN_SUCCESS && fits(bits / 8)) {
            m.putType(name, bits, 1, true, false, false);
            if (bits == 64) {
                m.buffer().putLong(m.writePosition(), v);
            } else {
                m.buffer().putInt(m.writePosition(), (int) v);
            }
            pad(bits / 8);
        }
        return this;
    }

    /** One port right, inline: {@code port} with disposition {@code name}. */
    public MigWriter port(int name, int port) {
        if (error == KERN_SUCCESS && fits(8)) {
            m.putPort(port, name);
        }
        return this;
    }

    /**
     * A polymorphic value: its type is {@code poly}, chosen at run time. A
     * port disposition makes it a port right; otherwise a 64-bit datum.
     */
    public MigWriter poly(int poly, int value) {
        if (Message.machMsgTypePortAny(poly)) {
            return port(poly, value);
        }
        return int64(poly, value);
    }

    public MigWriter bytes(int name, byte[] a, int bound, int flags) {
        int n = count(a == null ? 0 : a.length, bound, flags);
        if (n < 0) {
            return this;
        }
        byte[] data = new byte[n];
        if (a != null) {
            System.arraycopy(a, 0, data, 0, Math.min(n, a.length));
        }
        return data(name, 8, n, data, flags);
    }

    public MigWriter shorts(int name, short[] a, int bound, int flags) {
        int n = count(a == null ? 0 : a.length, bound, flags);
        if (n < 0) {
            return this;
        }
        ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; a != null && i < Math.min(n, a.length); i++) {
            b.putShort(2 * i, a[i]);
        }
        return data(name, 16, n, b.array(), flags);
    }

    /**
     * An array of 32-bit elements, or of port names: a port array is
     * written in 64-bit slots inline and as 32-bit names out of line, as the
     * kernel's LP64 layout has it.
     */
    public MigWriter ints(int name, int sizeBits, int[] a, int bound, int flags) {
        int n = count(a == null ? 0 : a.length, bound, flags);
        if (n < 0) {
            return this;
        }
        boolean port = Message.machMsgTypePortAny(name);
        int bits = port ? ((flags & OOL) != 0 ? PORT_NAME_T_SIZE_IN_BITS : PORT_T_SIZE_IN_BITS) : sizeBits;
        int stride = bits / 8;
        ByteBuffer b = ByteBuffer.allocate(stride * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; a != null && i < Math.min(n, a.length); i++) {
            if (stride == 8) {
                b.putLong(8 * i, a[i] & 0xffffffffL);
            } else {
                b.putInt(4 * i, a[i]);
            }
        }
        if (port) {
            m.setMsghBits(m.msghBits() | MACH_MSGH_BITS_COMPLEX);
        }
        return data(name, bits, n, b.array(), flags);
    }

    public MigWriter longs(int name, long[] a, int bound, int flags) {
        int n = count(a == null ? 0 : a.length, bound, flags);
        if (n < 0) {
            return this;
        }
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; a != null && i < Math.min(n, a.length); i++) {
            b.putLong(8 * i, a[i]);
        }
        return data(name, 64, n, b.array(), flags);
    }

    /**
     * A C string: {@code c_string[bound]} ({@link #FIXED}: a field of bound
     * bytes, NUL-padded) or {@code c_string[*:bound]} (the string and its NUL).
     */
    public MigWriter string(String s, int bound, int flags) {
        byte[] text = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        if (text.length >= bound) {
            return fail(MIG_ARRAY_TOO_LARGE);
        }
        int n = (flags & FIXED) != 0 ? bound : text.length + 1;
        byte[] field = new byte[n];
        System.arraycopy(text, 0, field, 0, text.length);
        return data(MACH_MSG_TYPE_STRING_C, 8, n, field, flags);
    }

    private int count(int length, int bound, int flags) {
        if (error != KERN_SUCCESS) {
            return -1;
        }
        if (bound >= 0 && length > bound) {
            fail(MIG_ARRAY_TOO_LARGE);
            return -1;
        }
        return (flags & FIXED) != 0 ? bound : length;
    }

    private MigWriter data(int name, int bits, int number, byte[] data, int flags) {
        boolean longform = (flags & LONGFORM) != 0;
        if (!fits((flags & OOL) != 0 ? 8 : data.length)) {
            return this;
        }
        if ((flags & OOL) != 0) {
            long address = memory.oolWrite(data);
            if (address == -1) {
                return fail(KERN_RESOURCE_SHORTAGE);
            }
            m.putType(name, bits, number, false, longform, data.length > 0);
            m.buffer().putLong(m.writePosition(), address);
            m.writePosition(m.writePosition() + 8);
            m.setMsghBits(m.msghBits() | MACH_MSGH_BITS_COMPLEX);
            return this;
        }
        m.putType(name, bits, number, true, longform, false);
        m.buffer().put(m.writePosition(), data, 0, data.length);
        pad(data.length);
        return this;
    }

    /** Whether an item of {@code dataLength} bytes fits the buffer; if not, the error is MIG_ARRAY_TOO_LARGE. */
    private boolean fits(int dataLength) {
        if (m.writePosition() + Message.MACH_MSG_TYPE_SIZE + Message.machMsgAlign(dataLength) > m.capacity()) {
            fail(MIG_ARRAY_TOO_LARGE);
            return false;
        }
        return true;
    }

    /** Moves past {@code length} bytes of data and zeroes up to the next 8-byte boundary. */
    private void pad(int length) {
        int at = m.writePosition() + length;
        int aligned = Message.machMsgAlign(at);
        for (int i = at; i < aligned; i++) {
            m.buffer().put(i, (byte) 0);
        }
        m.writePosition(aligned);
    }

    private MigWriter fail(int code) {
        if (error == KERN_SUCCESS) {
            error = code;
        }
        return this;
    }
}
