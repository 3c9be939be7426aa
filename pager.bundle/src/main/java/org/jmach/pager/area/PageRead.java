package org.jmach.pager.area;

/**
 * The result of {@link PagingArea#readPage}: a page, no page (never written:
 * the pager answers {@code memory_object_data_unavailable}), or a device
 * error (the pager answers {@code memory_object_data_error}).
 *
 * @param code {@link BlockIo#D_SUCCESS} or the {@code D_*} code of the failure
 *             ({@link BlockIo#D_IO_ERROR} also when the stored bytes do not
 *             decode)
 * @param page the decoded page, or null
 */
public record PageRead(int code, byte[] page) {

    static final PageRead ABSENT = new PageRead(BlockIo.D_SUCCESS, null);

    /** Whether a page was read. */
    public boolean present() {
        return page != null;
    }

    /** Whether the read failed ({@link #code} is a device code). */
    public boolean failed() {
        return code != BlockIo.D_SUCCESS;
    }
}
