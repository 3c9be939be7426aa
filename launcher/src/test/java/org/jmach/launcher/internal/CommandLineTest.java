package org.jmach.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void semicolonsSeparateCommands() {
        assertEquals(List.of("mach:host", "mach:nosuch"), CommandLine.split("mach:host; mach:nosuch"));
    }

    @Test
    void emptyCommandsAreDropped() {
        assertEquals(List.of("a"), CommandLine.split(" ;; a ; "));
        assertEquals(List.of(), CommandLine.split("   "));
    }

    @Test
    void semicolonsInsideQuotesAndBracketsStay() {
        assertEquals(List.of("echo 'a;b'", "echo \"c;\\\"d\"", "each [1 2] { echo x; echo y }", "f (g; h)"),
                CommandLine.split("echo 'a;b'; echo \"c;\\\"d\"; each [1 2] { echo x; echo y }; f (g; h)"));
    }

    @Test
    void escapedSemicolonStays() {
        assertEquals(List.of("echo a\\;b"), CommandLine.split("echo a\\;b"));
    }

    @Test
    void unclosedQuoteIsReportedWithItsColumn() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.split("mach:host; echo 'oops"));
        assertEquals("unclosed ''' opened at column 17", error.getMessage());
    }

    @Test
    void strayClosingBracketIsReported() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.split("echo }"));
        assertEquals("unexpected '}' at column 6", error.getMessage());
    }
}
