package org.jmach.pager.area;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BlockIo} in host memory, for tests: any number of threads may
 * read and write at once (each call copies under one short lock, so a
 * transfer is atomic with respect to others). A {@link Fault} installed with
 * {@link #setFault} makes chosen transfers fail with a device code, and
 * {@link #flipByte} damages the medium under the area's feet.
 */
public final class MemoryBlockIo implements BlockIo {

    /** Decides whether one transfer fails. */
    @FunctionalInterface
    public interface Fault {
        /** @return {@link BlockIo#D_SUCCESS} to let the transfer happen, or the code to fail it with */
        int check(boolean write, long recnum, int len);
    }

    private final int recordSize;
    private final byte[] medium;
    private final Object lock = new Object();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private volatile Fault fault;

    /** A zero-filled device of {@code records} records of {@code recordSize} bytes. */
    public MemoryBlockIo(int recordSize, long records) {
        if (recordSize <= 0 || records < 0 || (long) recordSize * records > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad geometry " + records + " x " + recordSize);
        }
        this.recordSize = recordSize;
        this.medium = new byte[(int) (recordSize * records)];
    }

    @Override
    public int recordSize() {
        return recordSize;
    }

    @Override
    public long records() {
        return medium.length / recordSize;
    }

    @Override
    public int read(long recnum, byte[] buf, int off, int len) {
        return transfer(false, recnum, buf, off, len);
    }

    @Override
    public int write(long recnum, byte[] buf, int off, int len) {
        return transfer(true, recnum, buf, off, len);
    }

    private int transfer(boolean write, long recnum, byte[] buf, int off, int len) {
        if (len < 0 || len % recordSize != 0 || off < 0 || off > buf.length - len) {
            return D_INVALID_SIZE;
        }
        if (recnum < 0 || recnum > records() - len / recordSize) {
            return D_INVALID_RECNUM;
        }
        Fault f = fault;
        int code = f == null ? D_SUCCESS : f.check(write, recnum, len);
        if (code != D_SUCCESS) {
            return code;
        }
        int at = (int) (recnum * recordSize);
        synchronized (lock) {
            if (write) {
                System.arraycopy(buf, off, medium, at, len);
            } else {
                System.arraycopy(medium, at, buf, off, len);
            }
        }
        (write ? writes : reads).incrementAndGet();
        return D_SUCCESS;
    }

    /** Installs (or, with null, removes) the fault that decides which transfers fail. */
    public void setFault(Fault fault) {
        this.fault = fault;
    }

    /** Inverts the bits of the byte at {@code byteOffset} on the medium. */
    public void flipByte(long byteOffset) {
        synchronized (lock) {
            medium[Math.toIntExact(byteOffset)] ^= (byte) 0xff;
        }
    }

    /** Successful read calls so far. */
    public long readCalls() {
        return reads.get();
    }

    /** Successful write calls so far. */
    public long writeCalls() {
        return writes.get();
    }
}
