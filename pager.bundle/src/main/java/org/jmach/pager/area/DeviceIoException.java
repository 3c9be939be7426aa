package org.jmach.pager.area;

import java.io.IOException;

/**
 * The device failed while {@link PagingArea#open} read or wrote the header
 * or the map. Bad content on the disk is not an exception (it is in the
 * {@link CheckReport}); a device that cannot be read is, because formatting
 * over it could destroy pages a retry would have found.
 */
public final class DeviceIoException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int code;

    public DeviceIoException(String what, int code) {
        super(what + ": " + BlockIo.codeName(code));
        this.code = code;
    }

    /** The {@code D_*} code the device returned. */
    public int code() {
        return code;
    }
}
