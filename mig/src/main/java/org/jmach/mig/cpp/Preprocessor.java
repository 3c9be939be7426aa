package org.jmach.mig.cpp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jmach.mig.MigException;

/**
 * MIG's C preprocessor. (Skeleton: the interface the front end codes against.)
 */
public final class Preprocessor {

    public Preprocessor(List<Path> includeDirs, Map<String, String> defines) {
    }

    /**
     * Preprocesses {@code file}: the result is the text to parse, with
     * {@code # LINE "FILE"} markers wherever the source position stops
     * following from the previous line.
     */
    public String process(Path file) throws MigException, IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
