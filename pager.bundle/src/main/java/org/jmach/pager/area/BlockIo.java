package org.jmach.pager.area;

/**
 * A block device as the paging area sees it: numbered records of a fixed
 * size, read and written whole. The pager implements it over Mach's
 * {@code device_read} and {@code device_write} on a device port;
 * {@link MemoryBlockIo} implements it in memory for tests.
 *
 * <p>Implementations must be usable by several threads at once: the paging
 * area never holds a lock while it calls them, so reads and writes of
 * different records arrive concurrently. A call either transfers all
 * {@code len} bytes or fails with a Mach device code and leaves the caller's
 * buffer (on a read) unspecified.
 *
 * <p>The {@code D_*} constants are Mach's device return codes
 * ({@code device/device_types.h}); this package depends on nothing but the
 * JDK, so it carries its own copy of the few it uses.
 */
public interface BlockIo {

    /** Success. */
    int D_SUCCESS = 0;
    /** Hardware I/O error. */
    int D_IO_ERROR = 2500;
    /** No such device. */
    int D_NO_SUCH_DEVICE = 2502;
    /** Device is down. */
    int D_DEVICE_DOWN = 2504;
    /** Bad operation for the device (here also: an object the area does not know). */
    int D_INVALID_OPERATION = 2505;
    /** Record number out of range. */
    int D_INVALID_RECNUM = 2506;
    /** Transfer size not a whole number of records (here also: a bad page offset). */
    int D_INVALID_SIZE = 2507;
    /** No memory (here: the paging area is full). */
    int D_NO_MEMORY = 2508;
    /** Device is read-only. */
    int D_READ_ONLY = 2509;

    /** Bytes in one record (512 for the simulated disk). */
    int recordSize();

    /** Records on the device. */
    long records();

    /**
     * Reads {@code len / recordSize()} records starting at {@code recnum}
     * into {@code buf[off, off + len)}.
     *
     * @param len a multiple of {@link #recordSize()}
     * @return {@link #D_SUCCESS} or a {@code D_*} code
     */
    int read(long recnum, byte[] buf, int off, int len);

    /**
     * Writes {@code buf[off, off + len)} to {@code len / recordSize()}
     * records starting at {@code recnum}.
     *
     * @param len a multiple of {@link #recordSize()}
     * @return {@link #D_SUCCESS} or a {@code D_*} code
     */
    int write(long recnum, byte[] buf, int off, int len);

    /** The name of a device code, for messages: {@code "D_IO_ERROR(2500)"}. */
    static String codeName(int code) {
        String name = switch (code) {
            case D_SUCCESS -> "D_SUCCESS";
            case D_IO_ERROR -> "D_IO_ERROR";
            case 2501 -> "D_WOULD_BLOCK";
            case D_NO_SUCH_DEVICE -> "D_NO_SUCH_DEVICE";
            case 2503 -> "D_ALREADY_OPEN";
            case D_DEVICE_DOWN -> "D_DEVICE_DOWN";
            case D_INVALID_OPERATION -> "D_INVALID_OPERATION";
            case D_INVALID_RECNUM -> "D_INVALID_RECNUM";
            case D_INVALID_SIZE -> "D_INVALID_SIZE";
            case D_NO_MEMORY -> "D_NO_MEMORY";
            case D_READ_ONLY -> "D_READ_ONLY";
            default -> "D_?";
        };
        return name + "(" + code + ")";
    }
}
