package org.jmach.kernel.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MIG on interfaces the size and shape of a real multi-server system's, and
 * on the kernel's own: every file through MIG's command line (the entry
 * {@code ./mach mig} uses) with each flag combination its README documents,
 * each into a package of its own, then everything compiled against the
 * kernel's public API and the message ids checked.
 *
 * <p>The corpus is {@code mig/src/test/resources/realworld} (see its
 * README.txt for the flags); the kernel's interfaces are
 * {@code src/main/defs/mach}, run with and without {@code -DKERNEL_SERVER}.
 */
class MigRealWorldTest {

    /** The corpus; {@code -Dmig.realworld=DIR} runs the test on another copy of it. */
    static final Path CORPUS = Path.of(System.getProperty("mig.realworld", "../mig/src/test/resources/realworld"));
    static final Path KERNEL_DEFS = Path.of("src/main/defs");

    /** A corpus file's subsystem: its base and its number of ids with no flags (README.txt). */
    private record Corpus(String file, String ids, int base, int count) {
    }

    private static final List<Corpus> FILES = List.of(
            new Corpus("vfs_fs.defs", "VfsFsIds", 20000, 35),
            new Corpus("vfs_io.defs", "VfsIoIds", 21000, 24),
            new Corpus("vfs_io_reply.defs", "VfsIoReplyIds", 21100, 24),
            new Corpus("vfs_fsys.defs", "VfsFsysIds", 22000, 13),
            new Corpus("vfs_proc.defs", "VfsProcIds", 24000, 86),
            new Corpus("vfs_auth.defs", "VfsAuthIds", 25000, 9),
            new Corpus("vfs_pager.defs", "VfsPagerIds", 26000, 10));

    /** The combinations README.txt names, and a few more that reach the rest of its flags. */
    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of("none", List.of()),
                Arguments.of("server", List.of("-DVFS_SERVER_SIDE")),
                Arguments.of("server_seqnos_xattr", List.of("-DVFS_SERVER_SIDE", "-DVFS_AUTH_SEQNOS=1",
                        "-DVFS_FSYS_SEQNOS", "-DVFS_WITH_XATTR")),
                Arguments.of("api_2_9", List.of("-DVFS_API_LEVEL=2", "-DVFS_API_MINOR=9")),
                Arguments.of("kernel_1", List.of("-DVFS_KERNEL=1")),
                Arguments.of("kernel_2", List.of("-DVFS_KERNEL=2")),
                Arguments.of("kernel_3", List.of("-DVFS_KERNEL=3")),
                Arguments.of("api_3_0", List.of("-DVFS_API_MINOR=0")),
                Arguments.of("kernel_2_no_stats", List.of("-D", "VFS_KERNEL=2", "-DVFS_PAGER_NO_STATS")),
                Arguments.of("own_conversions", List.of("-DVFS_SERVER_SIDE",
                        "-DVFS_IO_INTRAN=my_io_t my_io_lookup(mach_port_t)",
                        "-DVFS_IO_DESTRUCTOR=my_io_drop(my_io_t)",
                        "-DVFS_REPLY_PORT_INTRAN=my_reply_t my_reply_lookup(mach_port_t)",
                        "-DVFS_IO_IMPORTS=import \"my_io.h\"; simport <my_io_server.h>;",
                        "-DVFS_NO_PAYLOAD", "-DVFS_AUTH_LEGACY", "-DVFS_PROC_WAIT=1000",
                        "-DVFS_NO_EXTENSIONS", "-DVFS_WITH_XATTR")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void corpusCompilesWithEachFlagCombination(String name, List<String> flags, @TempDir Path tmp)
            throws Exception {
        assertTrue(Files.isDirectory(CORPUS), CORPUS.toAbsolutePath() + " is missing");
        Path src = tmp.resolve("src");
        List<String> failures = new ArrayList<>();
        for (Corpus c : FILES) {
            List<String> args = new ArrayList<>(List.of("-I", CORPUS.toString()));
            args.addAll(flags);
            args.addAll(List.of("-package", pkg(name, c.file()), CORPUS.resolve(c.file()).toString(),
                    "-o", src.toString()));
            MigJavac.CliRun run = MigJavac.cli(args.toArray(String[]::new));
            if (run.status() != 0 || !run.err().isEmpty()) {
                failures.add(c.file() + " " + flags + ": exit " + run.status() + ": " + run.err().strip());
            }
            assertEquals("", run.out(), "standard output without -v");
        }
        assertTrue(failures.isEmpty(), "MIG failed:\n  " + String.join("\n  ", failures));
        assertEquals(4 * FILES.size(), MigJavac.javaFiles(src).size(), "files written");

        Path classes = tmp.resolve("classes");
        MigJavac.compile(src, classes);

        Map<String, String> d = defines(flags);
        String kernel = d.getOrDefault("VFS_KERNEL", "0");
        boolean kernelServes = (kernel.equals("2") || kernel.equals("3")) && !d.containsKey("VFS_PAGER_NO_STATS");
        boolean xattr = d.containsKey("VFS_WITH_XATTR") && !d.containsKey("VFS_NO_EXTENSIONS")
                && !d.getOrDefault("VFS_API_LEVEL", "3").equals("2");
        try (URLClassLoader loader = MigJavac.loader(classes)) {
            for (Corpus c : FILES) {
                String ids = pkg(name, c.file()) + "." + c.ids();
                int count = c.count();
                if (c.file().equals("vfs_auth.defs")) {
                    // 25007-25008 exist only with API 3.1; 3.0 still skips 25007.
                    count = d.getOrDefault("VFS_API_LEVEL", "3").equals("2") ? 7
                            : d.getOrDefault("VFS_API_MINOR", "1").equals("0") ? 8 : 9;
                }
                assertEquals(c.base(), MigJavac.constant(loader, ids, "BASE"), ids + ".BASE");
                assertEquals(c.base() + count, MigJavac.constant(loader, ids, "END"), ids + ".END");
                assertEquals(100, MigJavac.constant(loader, ids, "REPLY_OFFSET"), ids + ".REPLY_OFFSET");
            }
            String pager = pkg(name, "vfs_pager.defs") + ".VfsPagerIds";
            assertEquals(26000, MigJavac.constant(loader, pager, "VPAGER_INIT"));
            assertEquals(26006, MigJavac.constant(loader, pager, "VPAGER_RESIDENT"), "after skip 2");
            assertEquals(kernelServes, MigJavac.hasConstant(loader, pager, "VPAGER_STATS"), "vpager_stats");
            if (kernelServes) {
                assertEquals(26009, MigJavac.constant(loader, pager, "VPAGER_STATS"));
            }
            String fs = pkg(name, "vfs_fs.defs") + ".VfsFsIds";
            assertEquals(xattr, MigJavac.hasConstant(loader, fs, "FILE_GETXATTR"), "file_getxattr");
            if (xattr) {
                assertEquals(20032, MigJavac.constant(loader, fs, "FILE_GETXATTR"));
                assertEquals(20033, MigJavac.constant(loader, fs, "FILE_SETXATTR"));
            }
        }
        // vfs_proc.defs: 43 skip statements (39 "skip;", then skip 3, 4, 4 and 5) leave 55 of its 86 ids unused.
        String procIds = Files.readString(src.resolve(pkg(name, "vfs_proc.defs").replace('.', '/'))
                .resolve("VfsProcIds.java"));
        assertEquals(86 - 55, routineConstants(procIds), "routines in vfs_proc");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user", "KERNEL_SERVER", "KERNEL_USER"})
    void kernelInterfacesCompile(String mode, @TempDir Path tmp) throws Exception {
        Path dir = KERNEL_DEFS.resolve("mach");
        List<Path> subsystems = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".defs")).sorted().toList()) {
                if (Pattern.compile("(?m)^\\s*subsystem\\b").matcher(Files.readString(p)).find()) {
                    subsystems.add(p);
                }
            }
        }
        assertTrue(subsystems.size() >= 8, "kernel interfaces: " + subsystems);
        Path src = tmp.resolve("src");
        Map<String, String> idsClasses = new LinkedHashMap<>();
        for (Path defs : subsystems) {
            String base = defs.getFileName().toString().replace(".defs", "");
            String pkg = "org.jmach.kernel.mig.kernel_defs." + mode.toLowerCase() + "." + base;
            List<String> args = new ArrayList<>(List.of("-I", KERNEL_DEFS.toString()));
            if (!mode.equals("user")) {
                args.add("-D" + mode);
            }
            args.addAll(List.of("-package", pkg, defs.toString(), "-o", src.toString()));
            MigJavac.CliRun run = MigJavac.cli(args.toArray(String[]::new));
            assertEquals("", run.err(), defs + " " + args);
            assertEquals(0, run.status(), defs + " " + args);
            idsClasses.put(base, pkg);
        }
        Path classes = tmp.resolve("classes");
        MigJavac.compile(src, classes);
        try (URLClassLoader loader = MigJavac.loader(classes)) {
            // GNU Mach's ids.
            String port = idsClasses.get("mach_port") + ".MachPortIds";
            assertEquals(3200, MigJavac.constant(loader, port, "BASE"));
            assertEquals(3204, MigJavac.constant(loader, port, "MACH_PORT_ALLOCATE"));
            String notify = idsClasses.get("notify") + ".NotifyIds";
            assertEquals(64, MigJavac.constant(loader, notify, "BASE"));
            assertEquals(70, MigJavac.constant(loader, notify, "MACH_NOTIFY_NO_SENDERS"));
            String exc = idsClasses.get("exc") + ".ExcIds";
            assertEquals(2400, MigJavac.constant(loader, exc, "EXCEPTION_RAISE"));
            String host = idsClasses.get("mach_host") + ".MachHostIds";
            assertEquals(2600, MigJavac.constant(loader, host, "BASE"));
            assertFalse(idsClasses.containsKey("std_types"), "std_types.defs has no subsystem");
        }
    }

    /** The -D flags as NAME to VALUE ("1" when none), in both spellings: -DNAME=V and -D NAME=V. */
    private static Map<String, String> defines(List<String> flags) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            if (f.startsWith("-D")) {
                String def = f.length() > 2 ? f.substring(2) : flags.get(++i);
                int eq = def.indexOf('=');
                d.put(eq < 0 ? def : def.substring(0, eq), eq < 0 ? "1" : def.substring(eq + 1));
            }
        }
        return d;
    }

    private static String pkg(String combination, String file) {
        return "org.jmach.kernel.mig.realworld." + combination + "." + file.replace(".defs", "");
    }

    /** The routine constants of an ids class: every int constant but BASE, END and REPLY_OFFSET. */
    private static int routineConstants(String idsSource) {
        Matcher m = Pattern.compile("public static final int (\\w+) = ").matcher(idsSource);
        int n = 0;
        while (m.find()) {
            if (!List.of("BASE", "END", "REPLY_OFFSET").contains(m.group(1))) {
                n++;
            }
        }
        return n;
    }
}
