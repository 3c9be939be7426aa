package org.jmach.mig.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmach.mig.Mig;
import org.jmach.mig.MigException;
import org.jmach.mig.MigOptions;
import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal's logic: the options of each interface, runs in order, errors through. */
class MigGenerationTest {

    @TempDir
    Path tmp;

    private static Interface iface(String file) {
        Interface i = new Interface();
        i.setFile(file);
        return i;
    }

    private MigGeneration generation(List<Path> includes, Map<String, String> defines) {
        return new MigGeneration(tmp.resolve("defs"), includes, defines, tmp.resolve("gen"));
    }

    @Test
    void defaultsAllSidesMigsPackageAndTheDefsDirectoryAsInclude() {
        MigOptions o = generation(null, null).options(iface("mach/mach_port.defs"));
        assertEquals(tmp.resolve("defs/mach/mach_port.defs"), o.file());
        assertEquals(List.of(tmp.resolve("defs")), o.includeDirs());
        assertEquals(tmp.resolve("gen"), o.outputDir());
        assertEquals(Mig.DEFAULT_PACKAGE, o.javaPackage());
        assertTrue(o.user() && o.server() && o.ids());
        assertEquals(Map.of(), o.defines());
    }

    @Test
    void sidesPackageIncludesAndDefinesAsConfigured() {
        Interface i = iface("mach/mach_port.defs");
        i.setJavaPackage("org.jmach.mach");
        i.setUser(true);
        i.setIds(true);
        Map<String, String> own = new LinkedHashMap<>();
        own.put("KERNEL_SERVER", "1");
        own.put("SHARED", "mine");
        own.put("EMPTY", null);
        i.setDefines(own);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("SHARED", "everyone's");
        all.put("ALL", " 2 ");
        List<Path> includes = List.of(tmp.resolve("a"), tmp.resolve("b"));
        MigOptions o = generation(includes, all).options(i);
        assertEquals("org.jmach.mach", o.javaPackage());
        assertTrue(o.user() && o.ids());
        assertFalse(o.server());
        assertEquals(includes, o.includeDirs());
        assertEquals(Map.of("KERNEL_SERVER", "1", "SHARED", "mine", "ALL", "2", "EMPTY", "1"), o.defines());
    }

    @Test
    void anInterfaceWithoutAFileIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> generation(null, null).options(new Interface()));
    }

    @Test
    void runsEachInterfaceInOrderAndGivesWhatEachWrote() throws Exception {
        List<Path> seen = new ArrayList<>();
        Interface a = iface("a.defs");
        Interface b = iface("b.defs");
        Map<Interface, List<Path>> written = generation(null, null).generate(List.of(a, b), o -> {
            seen.add(o.file());
            return List.of(Path.of(o.file().getFileName() + ".java"));
        });
        assertEquals(List.of(tmp.resolve("defs/a.defs"), tmp.resolve("defs/b.defs")), seen);
        assertEquals(List.of(a, b), List.copyOf(written.keySet()));
        assertEquals(List.of(Path.of("b.defs.java")), written.get(b));
    }

    @Test
    void aMigExceptionComesThroughWithItsPosition() {
        MigException e = new MigException(new SourcePos("a.defs", 3, 7), "unknown type 'foo'");
        MigException thrown = assertThrows(MigException.class,
                () -> generation(null, null).generate(List.of(iface("a.defs")), o -> {
                    throw e;
                }));
        assertSame(e, thrown);
        assertEquals("a.defs:3:7: unknown type 'foo'", thrown.getMessage());
    }

    @Test
    void aMissingDefsFileIsAnIoErrorAndNothingIsWritten() throws IOException {
        Files.createDirectories(tmp.resolve("defs"));
        assertThrows(NoSuchFileException.class,
                () -> generation(null, null).generate(List.of(iface("nope.defs"))));
        assertFalse(Files.exists(tmp.resolve("gen")));
    }

    @Test
    void generatesEachInterfaceWithItsDefinesIntoTheOutputDirectory() throws Exception {
        Path defs = Files.createDirectories(tmp.resolve("defs/mach"));
        Files.writeString(defs.resolve("types.defs"), """
                type int = MACH_MSG_TYPE_INTEGER_32;
                type port = MACH_MSG_TYPE_COPY_SEND;
                """);
        Files.writeString(defs.resolve("t.defs"), """
                subsystem t 100;
                #include <mach/types.defs>
                #if KERNEL_USER && ALL == 2
                routine f(p : port; x : int);
                #endif
                """);
        Interface i = iface("mach/t.defs");
        i.setJavaPackage("org.jmach.mach");
        i.setUser(true);
        i.setDefines(Map.of("KERNEL_USER", "1"));
        Map<Interface, List<Path>> written = generation(null, Map.of("ALL", "2")).generate(List.of(i));
        Path user = tmp.resolve("gen/org/jmach/mach/TUser.java").toAbsolutePath();
        assertEquals(List.of(user), written.get(i));
        assertTrue(Files.readString(user).contains(" f("));
        assertEquals(List.of(), generation(null, Map.of("ALL", "2")).generate(List.of(i)).get(i));
    }

    @Test
    void anErrorInTheDefsFileIsAMigExceptionWithItsPosition() throws Exception {
        Files.createDirectories(tmp.resolve("defs"));
        Files.writeString(tmp.resolve("defs/bad.defs"), "subsystem t 100;\nroutine f(p : prot);\n");
        MigException e = assertThrows(MigException.class,
                () -> generation(null, null).generate(List.of(iface("bad.defs"))));
        assertTrue(e.getMessage().startsWith(tmp.resolve("defs/bad.defs") + ":2:15: "), e.getMessage());
    }
}
