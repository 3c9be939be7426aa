package org.jmach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors in interface files, through the command line ({@code ./mach mig}'s
 * entry): each run exits with status 1, writes nothing to standard output
 * and exactly one line to standard error, {@code file:line:col: message},
 * where the file is as the preprocessor knows it (the path given, or the
 * path an {@code #include} resolved to), the line and column count from 1,
 * and the position is the token at fault. No Java file is written.
 */
class MigErrorsTest {

    @TempDir
    Path dir;

    /** What a run printed and returned. */
    private record Run(int status, String out, String err) {
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private Run mig(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Mig.cli(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs MIG on {@code defs} and checks it fails with exactly {@code file:line:col: message}. */
    private void assertError(Path defs, Path where, int line, int col, String message, String... flags)
            throws IOException {
        Path out = dir.resolve("out");
        String[] args = new String[flags.length + 3];
        System.arraycopy(flags, 0, args, 0, flags.length);
        args[flags.length] = defs.toString();
        args[flags.length + 1] = "-o";
        args[flags.length + 2] = out.toString();
        Run run = mig(args);
        assertEquals(where + ":" + line + ":" + col + ": " + message + System.lineSeparator(), run.err(),
                "standard error");
        assertEquals(Mig.EXIT_ERROR, run.status(), "exit status; stderr: " + run.err());
        assertEquals("", run.out(), "standard output");
        if (Files.exists(out)) {
            try (var files = Files.walk(out)) {
                assertFalse(files.anyMatch(p -> p.toString().endsWith(".java")), "a Java file was written");
            }
        }
    }

    @Test
    void aFileWithoutASubsystemFailsAtItsEnd() throws IOException {
        Path defs = file("nosub.defs", """
                /* types, but no subsystem */
                type int = MACH_MSG_TYPE_INTEGER_32;
                type port_t = MACH_MSG_TYPE_COPY_SEND;
                """);
        // The end of input: the line after the last one.
        assertError(defs, defs, 4, 1, "no subsystem declared");
    }

    @Test
    void aRoutineBeforeTheSubsystemFailsAtItsKeyword() throws IOException {
        Path defs = file("late.defs", """
                type port_t = MACH_MSG_TYPE_COPY_SEND;

                  routine early(server : port_t);
                subsystem late 100;
                """);
        assertError(defs, defs, 3, 3, "no subsystem declared");
    }

    @Test
    void aNegativeSubsystemNumberFailsAtTheMinus() throws IOException {
        Path defs = file("negative.defs", """
                subsystem negative   -5;
                """);
        assertError(defs, defs, 1, 22, "bad subsystem number");
    }

    @Test
    void aSubsystemNumberBeyondAnIntFailsAtTheNumber() throws IOException {
        Path defs = file("huge.defs", """
                /* one past the largest int */
                subsystem huge
                	2147483648;
                """);
        assertError(defs, defs, 3, 2, "bad subsystem number");
    }

    @Test
    void aSubsystemNameWhereTheNumberShouldBeFails() throws IOException {
        Path defs = file("word.defs", "subsystem word base;\n");
        assertError(defs, defs, 1, 16, "expected subsystem number, found 'base'");
    }

    @Test
    void aRoutineWithNoRequestPortFailsAtItsName() throws IOException {
        Path defs = file("noport.defs", """
                subsystem noport 100;
                type int = MACH_MSG_TYPE_INTEGER_32;

                routine    lonely(
                	out	value	: int);
                """);
        assertError(defs, defs, 4, 12, "routine lonely has no request port");
    }

    @Test
    void aRoutineWhoseFirstArgumentIsNoPortFailsAtItsName() throws IOException {
        Path defs = file("scalar.defs", """
                subsystem scalar 100;
                type int = MACH_MSG_TYPE_INTEGER_32;
                simpleroutine by_number(n : int; m : int);
                """);
        assertError(defs, defs, 3, 15, "routine by_number has no request port");
    }

    @Test
    void anUnknownTypeFailsAtItsName() throws IOException {
        Path defs = file("unknown.defs", """
                subsystem unknown 100;
                type port_t = MACH_MSG_TYPE_COPY_SEND;
                routine lookup(
                		server	: port_t;
                	out	value	: no_such_t);
                """);
        assertError(defs, defs, 5, 14, "unknown type no_such_t");
    }

    @Test
    void anUnknownTypeInATypeDeclarationFailsAtItsName() throws IOException {
        Path defs = file("alias.defs", """
                subsystem alias 100;
                type list_t = array[*:8] of   elem_t;
                """);
        assertError(defs, defs, 2, 31, "unknown type elem_t");
    }

    @Test
    void aBadPreprocessorDirectiveFailsAtItsName() throws IOException {
        Path defs = file("directive.defs", """
                subsystem directive 100;
                #  frobnicate everything
                """);
        assertError(defs, defs, 2, 4, "bad preprocessor directive #frobnicate");
    }

    @Test
    void aBadDirectiveInAGroupNotTakenIsIgnored() throws IOException {
        Path defs = file("skipped.defs", """
                subsystem skipped 100;
                #if 0
                #frobnicate
                #endif
                type port_t = MACH_MSG_TYPE_COPY_SEND;
                routine fine(server : port_t);
                """);
        Run run = mig(defs.toString(), "-o", dir.resolve("out").toString());
        assertEquals("", run.err());
        assertEquals(Mig.EXIT_OK, run.status());
    }

    @Test
    void anErrorDirectiveFailsWithItsText() throws IOException {
        Path defs = file("error.defs", """
                subsystem error 100;
                #ifndef LEVEL
                  #error LEVEL is not set
                #endif
                """);
        assertError(defs, defs, 3, 4, "#error LEVEL is not set");
    }

    @Test
    void anUnterminatedConditionalFailsAtItsIf() throws IOException {
        Path defs = file("open.defs", """
                subsystem open 100;
                #ifdef NEVER
                type int = MACH_MSG_TYPE_INTEGER_32;
                """);
        Run run = mig(defs.toString(), "-o", dir.resolve("out").toString());
        assertEquals(Mig.EXIT_ERROR, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals(true, run.err().startsWith(defs + ":2:"), run.err());
    }

    @Test
    void anErrorInAnIncludedFileIsReportedAtItsPlaceInThatFile() throws IOException {
        Path inc = dir.resolve("inc");
        Path types = file("inc/sub/types.defs", """
                /* line 1 */
                type int = MACH_MSG_TYPE_INTEGER_32;

                type pair_t = struct[2] of  nothing_t;
                """);
        Path defs = file("main.defs", """
                subsystem main 100;
                /* two lines
                   of comment */
                #include <sub/types.defs>
                type port_t = MACH_MSG_TYPE_COPY_SEND;
                """);
        assertError(defs, types, 4, 29, "unknown type nothing_t", "-I", inc.toString());
    }

    @Test
    void aBadDirectiveInAQuotedIncludeIsReportedInThatFile() throws IOException {
        Path helper = file("helper.defs", """
                type int = MACH_MSG_TYPE_INTEGER_32;
                #bogus
                """);
        Path defs = file("quoted.defs", """
                subsystem quoted 100;
                #include "helper.defs"
                """);
        assertError(defs, helper, 2, 2, "bad preprocessor directive #bogus");
    }

    @Test
    void anErrorAfterAnIncludeIsReportedBackInTheIncludingFile() throws IOException {
        file("inc/ok.defs", """
                type int = MACH_MSG_TYPE_INTEGER_32;
                type port_t = MACH_MSG_TYPE_COPY_SEND;
                """);
        Path defs = file("after.defs", """
                subsystem after 100;
                #include <ok.defs>
                routine r(server : port_t; x : missing_t);
                """);
        assertError(defs, defs, 3, 32, "unknown type missing_t", "-I" + dir.resolve("inc"));
    }

    @Test
    void aMissingIncludeFileFailsAtItsName() throws IOException {
        Path defs = file("missing.defs", """
                subsystem missing 100;
                #include   <nowhere.defs>
                """);
        assertError(defs, defs, 2, 12, "cannot find include file <nowhere.defs>");
    }
}
