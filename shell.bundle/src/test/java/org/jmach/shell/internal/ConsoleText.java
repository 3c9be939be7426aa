package org.jmach.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** What the commands print, as the tests expect it and capture it. */
final class ConsoleText {

    private ConsoleText() {
    }

    /** What a command that failed had printed, and what it threw. */
    record Failed<T extends Throwable>(T error, String printed) {
    }

    /** The lines, each ended by the line separator. */
    static String lines(String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append(System.lineSeparator());
        }
        return text.toString();
    }

    /** What {@code command} prints to the console it is given. */
    static String printed(Consumer<PrintStream> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.accept(console(bytes));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs {@code command}, which must throw a {@code type}: the error, and what it printed before. */
    static <T extends Throwable> Failed<T> failing(Class<T> type, Consumer<PrintStream> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        T error = assertThrows(type, () -> command.accept(console(bytes)));
        return new Failed<>(error, bytes.toString(StandardCharsets.UTF_8));
    }

    /** Asserts that {@code command} fails saying that no kernel is booted, having printed nothing. */
    static void assertSaysNoKernelIsBooted(Consumer<PrintStream> command) {
        Failed<IllegalStateException> failed = failing(IllegalStateException.class, command);
        assertTrue(failed.error().getMessage().startsWith("no kernel is booted"), failed.error().getMessage());
        assertEquals("", failed.printed());
    }

    private static PrintStream console(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
