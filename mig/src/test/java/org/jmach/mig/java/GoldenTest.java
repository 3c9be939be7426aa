package org.jmach.mig.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jmach.mig.Mig;
import org.jmach.mig.MigOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests of the Java back end: each {@code src/test/resources/golden/NAME.defs}
 * is run through MIG (user, server and ids) into package
 * {@code org.jmach.golden.NAME}, and every file written must equal, byte for
 * byte, the expected file under {@code src/test/resources/golden/NAME/} (in the
 * folders of its package); no file may be missing or left over.
 *
 * <p>When the back end changes on purpose, regenerate the expected files with
 * <pre>
 * mvn -o -q -pl mig test -Dtest=GoldenTest -Dmig.golden.update=true
 * </pre>
 * which rewrites them (and deletes expected files MIG no longer writes)
 * instead of comparing. Then read the differences ({@code git diff}) before
 * committing them: the expected files are the specification.
 */
class GoldenTest {

    /** The system property that switches the test to rewriting the expected files. */
    static final String UPDATE = "mig.golden.update";

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<String> interfaces() throws IOException {
        assertTrue(Files.isDirectory(GOLDEN), GOLDEN.toAbsolutePath() + " is missing (run from the mig module)");
        try (Stream<Path> s = Files.list(GOLDEN)) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".defs"))
                    .map(n -> n.substring(0, n.length() - ".defs".length())).sorted().toList();
            assertTrue(names.size() >= 2, "golden interfaces: " + names);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}.defs")
    @MethodSource("interfaces")
    void generatedSourcesMatchTheExpectedFiles(String name, @TempDir Path out) throws Exception {
        Path defs = GOLDEN.resolve(name + ".defs");
        String pkg = "org.jmach.golden." + name;
        List<Path> written = Mig.run(new MigOptions(defs, List.of(GOLDEN), Map.of(), out, pkg, true, true, true));
        assertFalse(written.isEmpty(), "MIG wrote nothing for " + defs);

        Path expectedRoot = GOLDEN.resolve(name);
        Set<String> actual = javaFiles(out);
        Set<String> expected = Files.isDirectory(expectedRoot) ? javaFiles(expectedRoot) : new TreeSet<>();
        String dir = pkg.replace('.', '/') + "/";
        for (String suffix : List.of("User", "Server", "ServerDemux", "Ids")) {
            assertTrue(actual.stream().anyMatch(f -> f.startsWith(dir) && f.endsWith(suffix + ".java")),
                    "no *" + suffix + ".java among " + actual);
        }

        if (Boolean.getBoolean(UPDATE)) {
            update(out, expectedRoot, actual, expected);
            return;
        }

        assertEquals(expected, actual, "the files MIG writes for " + name + ".defs (update with -D" + UPDATE
                + "=true)");
        List<String> failures = new ArrayList<>();
        for (String f : actual) {
            String want = read(expectedRoot.resolve(f));
            String got = read(out.resolve(f));
            if (!want.equals(got)) {
                failures.add(f + ": " + firstDifference(want, got));
            }
        }
        if (!failures.isEmpty()) {
            fail("generated sources differ from the golden files (update with -D" + UPDATE + "=true):\n  "
                    + String.join("\n  ", failures));
        }
    }

    private static void update(Path out, Path expectedRoot, Set<String> actual, Set<String> expected)
            throws IOException {
        for (String f : expected) {
            if (!actual.contains(f)) {
                Files.delete(expectedRoot.resolve(f));
            }
        }
        for (String f : actual) {
            Path target = expectedRoot.resolve(f);
            Files.createDirectories(target.getParent());
            Files.copy(out.resolve(f), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println("GoldenTest: rewrote " + actual.size() + " files under " + expectedRoot);
    }

    /** The {@code .java} files under {@code root}, as '/'-separated relative paths. */
    private static Set<String> javaFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            Set<String> files = new TreeSet<>();
            s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java"))
                    .sorted(Comparator.naturalOrder())
                    .forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
            return files;
        }
    }

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }

    /** The first line where {@code want} and {@code got} differ, both versions shown. */
    static String firstDifference(String want, String got) {
        String[] w = want.split("\n", -1);
        String[] g = got.split("\n", -1);
        for (int i = 0; i < Math.max(w.length, g.length); i++) {
            String a = i < w.length ? w[i] : "<end of file>";
            String b = i < g.length ? g[i] : "<end of file>";
            if (!a.equals(b)) {
                return "line " + (i + 1) + ": expected [" + a + "] but MIG wrote [" + b + "]";
            }
        }
        return "same lines, different bytes";
    }
}
