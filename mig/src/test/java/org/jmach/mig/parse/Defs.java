package org.jmach.mig.parse;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.Routine;
import org.jmach.mig.ir.Subsystem;

/** Helpers for the parser tests: sources are lines joined by newlines, in file {@code t.defs}. */
final class Defs {

    static final String FILE = "t.defs";

    /** A subsystem statement and the usual port type, for tests about what follows them. */
    static final String HEADER = "subsystem test 1000;\ntype port_t = MACH_MSG_TYPE_COPY_SEND;\n";

    private Defs() {
    }

    static Subsystem parse(String... lines) throws MigException {
        return Parser.parse(String.join("\n", lines), FILE);
    }

    /** {@link #HEADER} followed by the lines. */
    static Subsystem parseAfterHeader(String... lines) throws MigException {
        return Parser.parse(HEADER + String.join("\n", lines), FILE);
    }

    /** The message of the error parsing the lines gives. */
    static String error(String... lines) {
        return assertThrows(MigException.class, () -> parse(lines)).getMessage();
    }

    /** The message of the error parsing {@link #HEADER} and the lines gives (the lines start at line 3). */
    static String errorAfterHeader(String... lines) {
        return assertThrows(MigException.class, () -> parseAfterHeader(lines)).getMessage();
    }

    static Routine routine(Subsystem s, String name) {
        return s.routines().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
