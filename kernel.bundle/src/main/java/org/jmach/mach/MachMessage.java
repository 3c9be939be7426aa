package org.jmach.mach;

import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_SIZE;
import static org.jmach.mach.Message.MSGH_BITS_OFFSET;
import static org.jmach.mach.Message.MSGH_ID_OFFSET;
import static org.jmach.mach.Message.MSGH_LOCAL_PORT_OFFSET;
import static org.jmach.mach.Message.MSGH_REMOTE_PORT_OFFSET;
import static org.jmach.mach.Message.MSGH_SEQNO_OFFSET;
import static org.jmach.mach.Message.MSGH_SIZE_OFFSET;
import static org.jmach.mach.Message.MSGT_DEALLOCATE;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.MSGT_LONGFORM;
import static org.jmach.mach.Message.MSGT_SIZE_SHIFT;
import static org.jmach.mach.Message.PORT_NAME_T_SIZE_IN_BITS;
import static org.jmach.mach.Message.PORT_T_SIZE_IN_BITS;
import static org.jmach.mach.Message.machMsgAlign;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A message buffer: the bytes a thread hands to mach_msg, in the LP64 layout
 * of {@link Message}, with accessors for the header and writers for typed
 * items so that callers (and MIG stubs) never compute offsets by hand.
 *
 * <p>Writing: {@link #setHeader}, then items ({@link #putInteger32},
 * {@link #putPort}, {@link #putOutOfLine}, ...), then {@link #endBody}, which
 * sets msgh_size and returns it as the send size. Port and out-of-line items
 * set MACH_MSGH_BITS_COMPLEX. Reading: {@link #items()}.
 *
 * <p>Not thread-safe: a buffer belongs to one thread at a time, like the C
 * buffer it stands for.
 */
public final class MachMessage {

    private final ByteBuffer bytes;
    private int writePosition = MACH_MSG_HEADER_SIZE;

    /** A zeroed buffer of {@code capacity} bytes (at least a header). */
    public MachMessage(int capacity) {
        this(ByteBuffer.allocate(Math.max(capacity, MACH_MSG_HEADER_SIZE)));
    }

    /** A view of existing bytes; the order is set to little-endian. */
    public MachMessage(ByteBuffer bytes) {
        this.bytes = bytes.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The raw bytes, little-endian; offsets are absolute, from 0. */
    public ByteBuffer buffer() {
        return bytes;
    }

    public int capacity() {
        return bytes.capacity();
    }

    // --- header ---------------------------------------------------------------

    public int msghBits() {
        return bytes.getInt(MSGH_BITS_OFFSET);
    }

    public int msghSize() {
        return bytes.getInt(MSGH_SIZE_OFFSET);
    }

    public int msghRemotePort() {
        return bytes.getInt(MSGH_REMOTE_PORT_OFFSET);
    }

    public int msghLocalPort() {
        return bytes.getInt(MSGH_LOCAL_PORT_OFFSET);
    }

    public int msghSeqno() {
        return bytes.getInt(MSGH_SEQNO_OFFSET);
    }

    public int msghId() {
        return bytes.getInt(MSGH_ID_OFFSET);
    }

    public MachMessage setMsghBits(int bits) {
        bytes.putInt(MSGH_BITS_OFFSET, bits);
        return this;
    }

    public MachMessage setMsghSize(int size) {
        bytes.putInt(MSGH_SIZE_OFFSET, size);
        return this;
    }

    public MachMessage setMsghRemotePort(int name) {
        bytes.putLong(MSGH_REMOTE_PORT_OFFSET, name & 0xffffffffL);
        return this;
    }

    public MachMessage setMsghLocalPort(int name) {
        bytes.putLong(MSGH_LOCAL_PORT_OFFSET, name & 0xffffffffL);
        return this;
    }

    public MachMessage setMsghSeqno(int seqno) {
        bytes.putInt(MSGH_SEQNO_OFFSET, seqno);
        return this;
    }

    public MachMessage setMsghId(int id) {
        bytes.putInt(MSGH_ID_OFFSET, id);
        return this;
    }

    /**
     * Starts a new message: the header's bits, ports and id (msgh_size and
     * msgh_seqno zero), and the write position just after the header.
     */
    public MachMessage setHeader(int bits, int remotePort, int localPort, int id) {
        setMsghBits(bits).setMsghSize(MACH_MSG_HEADER_SIZE)
                .setMsghRemotePort(remotePort).setMsghLocalPort(localPort)
                .setMsghSeqno(0).setMsghId(id);
        writePosition = MACH_MSG_HEADER_SIZE;
        return this;
    }

    // --- writing items ----------------------------------------------------------

    /** Where the next item will be written. */
    public int writePosition() {
        return writePosition;
    }

    /** Moves the write position (to rewrite or to write a malformed message on purpose). */
    public MachMessage writePosition(int position) {
        writePosition = position;
        return this;
    }

    /**
     * Writes a raw mach_msg_type_t. Most callers use the typed writers; this
     * one exists for MIG stubs and for tests that build unusual descriptors.
     */
    public MachMessage putType(int name, int sizeBits, int number, boolean inline,
            boolean longform, boolean deallocate) {
        int word = (name & 0xff) | ((sizeBits & 0xffff) << MSGT_SIZE_SHIFT)
                | (inline ? MSGT_INLINE : 0) | (longform ? MSGT_LONGFORM : 0)
                | (deallocate ? MSGT_DEALLOCATE : 0);
        ensure(MACH_MSG_TYPE_SIZE);
        bytes.putInt(writePosition, word);
        bytes.putInt(writePosition + 4, number);
        writePosition += MACH_MSG_TYPE_SIZE;
        return this;
    }

    /** An inline array of 32-bit integers (MACH_MSG_TYPE_INTEGER_32). */
    public MachMessage putInteger32(int... values) {
        putType(Message.MACH_MSG_TYPE_INTEGER_32, 32, values.length, true, false, false);
        ensure(values.length * 4);
        for (int v : values) {
            bytes.putInt(writePosition, v);
            writePosition += 4;
        }
        return align();
    }

    /** An inline array of 64-bit integers (MACH_MSG_TYPE_INTEGER_64). */
    public MachMessage putInteger64(long... values) {
        putType(Message.MACH_MSG_TYPE_INTEGER_64, 64, values.length, true, false, false);
        ensure(values.length * 8);
        for (long v : values) {
            bytes.putLong(writePosition, v);
            writePosition += 8;
        }
        return align();
    }

    /** Inline bytes of an 8-bit type (MACH_MSG_TYPE_CHAR, BYTE, ...). */
    public MachMessage putBytes(int typeName, byte[] data) {
        putType(typeName, 8, data.length, true, false, false);
        ensure(data.length);
        bytes.put(writePosition, data, 0, data.length);
        writePosition += data.length;
        return align();
    }

    /**
     * An inline C string (MACH_MSG_TYPE_STRING_C) in a field of
     * {@code fieldLength} bytes, NUL-terminated and zero-padded, as MIG's
     * {@code c_string[n]} sends it.
     */
    public MachMessage putString(String s, int fieldLength) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        if (text.length >= fieldLength) {
            throw new IllegalArgumentException("string of " + text.length
                    + " bytes does not fit a field of " + fieldLength);
        }
        byte[] field = new byte[fieldLength];
        System.arraycopy(text, 0, field, 0, text.length);
        return putBytes(Message.MACH_MSG_TYPE_STRING_C, field);
    }

    /** One inline port right: {@code name} with the given disposition. */
    public MachMessage putPort(int name, int disposition) {
        return putPorts(disposition, name);
    }

    /** An inline array of port rights, all with one disposition. */
    public MachMessage putPorts(int disposition, int... names) {
        putType(disposition, PORT_T_SIZE_IN_BITS, names.length, true, false, false);
        ensure(names.length * 8);
        for (int name : names) {
            bytes.putLong(writePosition, name & 0xffffffffL);
            writePosition += 8;
        }
        complex();
        return this;
    }

    /**
     * Out-of-line data: {@code number} elements of {@code sizeBits} bits at
     * {@code address} in the sender's memory; {@code deallocate} moves the
     * memory instead of copying it.
     */
    public MachMessage putOutOfLine(int typeName, int sizeBits, int number, long address,
            boolean deallocate) {
        putType(typeName, sizeBits, number, false, false, deallocate);
        ensure(8);
        bytes.putLong(writePosition, address);
        writePosition += 8;
        complex();
        return this;
    }

    /** Out-of-line port rights: {@code number} 4-byte names at {@code address}. */
    public MachMessage putOutOfLinePorts(int disposition, int number, long address,
            boolean deallocate) {
        return putOutOfLine(disposition, PORT_NAME_T_SIZE_IN_BITS, number, address, deallocate);
    }

    /** Ends the body: msgh_size = the aligned write position; returns it. */
    public int endBody() {
        writePosition = machMsgAlign(writePosition);
        setMsghSize(writePosition);
        return writePosition;
    }

    private void complex() {
        setMsghBits(msghBits() | MACH_MSGH_BITS_COMPLEX);
    }

    private MachMessage align() {
        int aligned = machMsgAlign(writePosition);
        ensure(aligned - writePosition);
        for (int i = writePosition; i < aligned; i++) {
            bytes.put(i, (byte) 0);
        }
        writePosition = aligned;
        return this;
    }

    private void ensure(int more) {
        if (writePosition + more > bytes.capacity()) {
            throw new IllegalStateException("message buffer of " + bytes.capacity()
                    + " bytes is full at " + writePosition + " (+" + more + ")");
        }
    }

    // --- reading ----------------------------------------------------------------

    /** A reader over the typed items of the message, from just after the header to msgh_size. */
    public MachMsgItems items() {
        return new MachMsgItems(bytes, MACH_MSG_HEADER_SIZE, Math.min(msghSize(), bytes.capacity()));
    }
}
