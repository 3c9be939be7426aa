package org.jmach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Mig#cli}: exit statuses and what goes to stdout and stderr. */
class MigCliTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        return Mig.cli(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int cli(Mig.Runner runner, String... args) {
        return Mig.cli(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), runner);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, cli("-frob", "f.defs", "-o", "out"));
        assertEquals("mig: unknown option '-frob'\n" + CommandLine.USAGE + "\n", err());
        assertEquals("", out());
    }

    @Test
    void missingFileOrOutputOrTwoFilesAreUsageErrors() {
        assertEquals(2, cli("-o", "out"));
        assertTrue(err().startsWith("mig: no interface file\nusage: mig "), err());
        err.reset();
        assertEquals(2, cli("f.defs"));
        assertTrue(err().startsWith("mig: no output directory (-o)\nusage: mig "), err());
        err.reset();
        assertEquals(2, cli("a.defs", "b.defs", "-o", "out"));
        assertTrue(err().startsWith("mig: two interface files"), err());
        err.reset();
        assertEquals(2, cli());
        assertTrue(err().startsWith("mig: no interface file\n"), err());
    }

    @Test
    void helpPrintsTheUsageToStdout() {
        assertEquals(0, cli("-h"));
        assertEquals(CommandLine.USAGE + "\n", out());
        assertEquals("", err());
    }

    @Test
    void aMigExceptionIsItsPositionAndDetailAloneOnStderr() {
        int status = cli(o -> {
            throw new MigException(new SourcePos("a.defs", 4, 12), "unknown type 'prot'");
        }, "a.defs", "-o", "out");
        assertEquals(1, status);
        assertEquals("a.defs:4:12: unknown type 'prot'\n", err());
        assertEquals("", out());
    }

    @Test
    void verboseListsTheFilesWritten() {
        Path written = tmp.resolve("out/p/TUser.java");
        int status = cli(o -> List.of(written), "-v", "t.defs", "-o", "out");
        assertEquals(0, status);
        assertEquals(written + "\n", out());
        assertEquals("", err());
    }

    @Test
    void aRunPassesTheOptionsOnAndSaysNothing() {
        List<MigOptions> runs = new ArrayList<>();
        int status = cli(o -> {
            runs.add(o);
            return List.of(Path.of("x"));
        }, "-user", "t.defs", "-o", "out");
        assertEquals(0, status);
        assertEquals(1, runs.size());
        assertEquals(Path.of("t.defs"), runs.get(0).file());
        assertEquals("", out() + err());
    }

    @Test
    void missingInterfaceFileIsAnIoError() {
        Path missing = tmp.resolve("nope.defs");
        Path outDir = tmp.resolve("out");
        assertEquals(1, cli(missing.toString(), "-o", outDir.toString()));
        assertEquals("mig: " + missing + ": no such file or directory\n", err());
        assertEquals("", out());
        assertFalse(Files.exists(outDir), "nothing written");
    }

    @Test
    void aDirectoryIsNoInterfaceFile() {
        assertEquals(1, cli(tmp.toString(), "-o", tmp.resolve("out").toString()));
        assertEquals("mig: " + tmp + ": not a regular file\n", err());
    }
}
