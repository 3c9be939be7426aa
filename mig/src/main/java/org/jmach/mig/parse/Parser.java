package org.jmach.mig.parse;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.Subsystem;

/**
 * MIG's parser. (Skeleton: the interface the front end codes against.)
 */
public final class Parser {

    private Parser() {
    }

    /**
     * Parses preprocessed text (with {@code # LINE "FILE"} markers) into a subsystem.
     *
     * @param fileName the file the text starts in, for positions before any marker
     */
    public static Subsystem parse(String text, String fileName) throws MigException {
        throw new UnsupportedOperationException("not yet");
    }
}
