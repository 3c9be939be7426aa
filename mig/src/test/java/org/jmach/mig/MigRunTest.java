package org.jmach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs: preprocessor, parser and back end on a small interface. */
class MigRunTest {

    private static final String TINY = """
            subsystem t 100;
            type int = MACH_MSG_TYPE_INTEGER_32;
            type port = MACH_MSG_TYPE_COPY_SEND;
            routine f(p : port; x : int);
            """;

    @TempDir
    Path tmp;

    private Path defs(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private MigOptions options(Path file, boolean user, boolean server, boolean ids) {
        return new MigOptions(file, List.of(), Map.of(), tmp.resolve("out"), "p.q", user, server, ids);
    }

    @Test
    void writesTheThreeSidesInTheirPackageThenNothingWhenUnchanged() throws Exception {
        Path file = defs("t.defs", TINY);
        List<Path> written = Mig.run(options(file, true, true, true));
        Path dir = tmp.resolve("out/p/q").toAbsolutePath();
        for (String name : List.of("TUser.java", "TServer.java", "TIds.java")) {
            assertTrue(written.contains(dir.resolve(name)), name + " in " + written);
            assertTrue(Files.readString(dir.resolve(name)).contains("package p.q;"), name);
        }
        assertEquals(List.of(), Mig.run(options(file, true, true, true)));
    }

    @Test
    void onlyTheSidesAsked() throws Exception {
        List<Path> written = Mig.run(options(defs("t.defs", TINY), false, false, true));
        assertEquals(List.of(tmp.resolve("out/p/q/TIds.java").toAbsolutePath()), written);
    }

    @Test
    void definesAndIncludesReachThePreprocessor() throws Exception {
        Files.createDirectories(tmp.resolve("inc"));
        Files.writeString(tmp.resolve("inc/types.defs"), """
                type int = MACH_MSG_TYPE_INTEGER_32;
                type port = MACH_MSG_TYPE_COPY_SEND;
                """);
        Path file = defs("t.defs", """
                subsystem t 100;
                #include <types.defs>
                #if WITH_F
                routine f(p : port; x : int);
                #endif
                """);
        MigOptions o = new MigOptions(file, List.of(tmp.resolve("inc")), Map.of("WITH_F", "1"), tmp.resolve("out"),
                "p.q", true, false, false);
        Mig.run(o);
        assertTrue(Files.readString(tmp.resolve("out/p/q/TUser.java")).contains(" f("));
    }

    @Test
    void anErrorInTheFileIsOneLineWithItsPositionAndStatusOne() throws Exception {
        Path file = defs("bad.defs", "subsystem t 100;\nroutine f(p : prot);\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Mig.cli(new String[] {file.toString(), "-o", tmp.resolve("out").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.matches("\\Q" + file + "\\E:2:15: [^\\n]+\\n"), e);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
