package org.jmach.hw;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A disk of the simulated machine: {@link #records()} records of
 * {@link #RECORD_SIZE} bytes (Mach's device record). Requests are
 * asynchronous, as on a real controller: {@link #read} and {@link #write}
 * queue a request and return at once; the controller serves the queue in
 * order, one request at a time, and calls the request's
 * {@link DiskCompletion} on its own thread when it is done — the completion
 * interrupt. Nothing throws: a bad request completes with an error status.
 *
 * <p>Statuses are Mach's device return codes ({@code device_types.h}).
 * A request must start and end on a record boundary within the disk:
 * a record number out of range completes with {@link #D_INVALID_RECNUM}, a
 * length that is not whole records or that runs past the end (or a bad
 * buffer range) with {@link #D_INVALID_SIZE}, a failed host I/O with
 * {@link #D_IO_ERROR}, a request to a closed disk with
 * {@link #D_DEVICE_DOWN}.
 */
@ProviderType
public interface Disk {

    /** Size in bytes of a record, the unit of {@code recnum} (Mach's device record, a disk sector). */
    int RECORD_SIZE = 512;

    /** The request succeeded (Mach's D_SUCCESS). */
    int D_SUCCESS = 0;
    /** The host's I/O failed (Mach's D_IO_ERROR). */
    int D_IO_ERROR = 2500;
    /** The disk is closed (Mach's D_DEVICE_DOWN). */
    int D_DEVICE_DOWN = 2504;
    /** The record number is not on the disk (Mach's D_INVALID_RECNUM). */
    int D_INVALID_RECNUM = 2506;
    /** The length is not whole records, or runs past the end of the disk (Mach's D_INVALID_SIZE). */
    int D_INVALID_SIZE = 2507;

    /** The disk's name as the kernel's device interface knows it ({@code device_open}). */
    default String name() {
        return "hd0";
    }

    /** Number of records on the disk. */
    long records();

    /** Where the disk lives on the host (its image file). */
    String path();

    /**
     * Queues a read of {@code len} bytes from record {@code recnum} into
     * {@code buf[off..off+len)}; {@code done} is called when the data is there.
     */
    void read(long recnum, byte[] buf, int off, int len, DiskCompletion done);

    /**
     * Queues a write of {@code buf[off..off+len)} to record {@code recnum};
     * {@code done} is called when the data is written. The caller must not
     * change the buffer until then.
     */
    void write(long recnum, byte[] buf, int off, int len, DiskCompletion done);

    /** Read requests completed, successfully or not. */
    long reads();

    /** Write requests completed, successfully or not. */
    long writes();

    /** Bytes read successfully. */
    long bytesRead();

    /** Bytes written successfully. */
    long bytesWritten();

    /** Requests queued or being served. */
    int pending();
}
