package org.jmach.mig.cpp;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jmach.mig.MigException;

/** A file being read: its lines and its open conditional groups. */
final class SourceFile {

    /** The file on disk; its directory is searched first for {@code #include "f"}. */
    final Path path;
    final LineReader reader;
    final Deque<Conditional> conditionals = new ArrayDeque<>();

    SourceFile(Path path, String name, String text) {
        this.path = path;
        this.reader = new LineReader(text, name);
    }

    /** Whether the current line is kept, rather than skipped by a conditional. */
    boolean active() {
        return conditionals.isEmpty() || conditionals.peek().active();
    }

    /** Fails if a conditional group is still open (at the end of the file). */
    void checkClosed() throws MigException {
        if (!conditionals.isEmpty()) {
            Conditional c = conditionals.peekLast();
            throw new MigException(c.pos(), "unterminated #" + c.directive());
        }
    }
}
