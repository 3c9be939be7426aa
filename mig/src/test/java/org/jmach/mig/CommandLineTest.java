package org.jmach.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static MigOptions options(String... args) throws CommandLine.UsageException {
        return CommandLine.parse(args).options();
    }

    private static String usageError(String... args) {
        return assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }

    @Test
    void fileAndOutputAloneGiveAllThreeSidesInTheDefaultPackage() throws Exception {
        MigOptions o = options("a.defs", "-o", "out");
        assertEquals(Path.of("a.defs"), o.file());
        assertEquals(Path.of("out"), o.outputDir());
        assertEquals(Mig.DEFAULT_PACKAGE, o.javaPackage());
        assertEquals("org.jmach.mig.generated", Mig.DEFAULT_PACKAGE);
        assertTrue(o.user() && o.server() && o.ids());
        assertEquals(List.of(), o.includeDirs());
        assertEquals(Map.of(), o.defines());
    }

    @Test
    void includesBothWaysInOrder() throws Exception {
        MigOptions o = options("-I", "x", "-Iy/z", "f.defs", "-o", "out", "-I", "w");
        assertEquals(List.of(Path.of("x"), Path.of("y/z"), Path.of("w")), o.includeDirs());
    }

    @Test
    void definesBothWaysWithOneByDefaultAndTheLastWinning() throws Exception {
        MigOptions o = options("-D", "A", "-DB=2", "-D", "C=", "-DA=3", "-DKERNEL_USER", "f.defs", "-o", "out");
        assertEquals(Map.of("A", "3", "B", "2", "C", "", "KERNEL_USER", "1"), o.defines());
    }

    @Test
    void sidesAsAsked() throws Exception {
        MigOptions o = options("-user", "f.defs", "-o", "out");
        assertTrue(o.user());
        assertFalse(o.server() || o.ids());
        o = options("-server", "-ids", "f.defs", "-o", "out");
        assertFalse(o.user());
        assertTrue(o.server() && o.ids());
    }

    @Test
    void packageVerboseAndHelp() throws Exception {
        CommandLine c = CommandLine.parse(new String[] {"-v", "-package", "org.jmach.mach", "f.defs", "-o", "o"});
        assertEquals("org.jmach.mach", c.options().javaPackage());
        assertTrue(c.verbose());
        assertFalse(c.help());
        assertTrue(CommandLine.parse(new String[] {"--help"}).help());
        assertTrue(CommandLine.parse(new String[] {"-o", "x", "-h"}).help());
    }

    @Test
    void usageErrors() {
        assertEquals("unknown option '-x'", usageError("-x", "f.defs", "-o", "out"));
        assertEquals("no interface file", usageError("-o", "out"));
        assertEquals("no interface file", usageError());
        assertEquals("no output directory (-o)", usageError("f.defs"));
        assertEquals("two interface files, 'a.defs' and 'b.defs'", usageError("a.defs", "b.defs", "-o", "out"));
        assertEquals("-o needs a directory", usageError("f.defs", "-o"));
        assertEquals("-o given twice", usageError("f.defs", "-o", "a", "-o", "b"));
        assertEquals("-I needs a directory", usageError("f.defs", "-o", "out", "-I"));
        assertEquals("-D needs a macro name", usageError("f.defs", "-o", "out", "-D"));
        assertEquals("-D: '1X' is not a macro name", usageError("-D1X=2", "f.defs", "-o", "out"));
        assertEquals("-D: '' is not a macro name", usageError("-D=2", "f.defs", "-o", "out"));
        assertEquals("-package needs a package name", usageError("f.defs", "-o", "out", "-package"));
        assertEquals("-package: 'a..b' is not a Java package name", usageError("-package", "a..b", "f.defs", "-o", "o"));
        assertEquals("-package given twice", usageError("-package", "a", "-package", "b", "f.defs", "-o", "o"));
    }
}
