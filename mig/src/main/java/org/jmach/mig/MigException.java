package org.jmach.mig;

import org.jmach.mig.ir.SourcePos;

/**
 * An error in an interface file or in the preprocessing of one. Its message
 * is {@code file:line:col: what}, the form compilers use, so that editors
 * and the console can take the reader to the place.
 */
public final class MigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourcePos pos;
    private final String detail;

    public MigException(SourcePos pos, String detail) {
        super(pos + ": " + detail);
        this.pos = pos;
        this.detail = detail;
    }

    /** Where the error is. */
    public SourcePos pos() {
        return pos;
    }

    /** What the error is, without the position. */
    public String detail() {
        return detail;
    }
}
