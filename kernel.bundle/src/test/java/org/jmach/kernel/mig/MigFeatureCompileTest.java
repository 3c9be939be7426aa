package org.jmach.kernel.mig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jmach.mig.Mig;
import org.jmach.mig.MigOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One small interface per feature of MIG's grammar and preprocessor, in
 * {@code src/test/resources/mig/features/*.defs}: each is run through MIG
 * (user, server and ids, in a package of its own), and what MIG writes must
 * compile against the kernel's public API with no error.
 *
 * <p>Each file states what is special about its output in {@code //}
 * comments, which MIG's preprocessor drops:
 * <ul>
 * <li>{@code // @define NAME[=VALUE]}: a {@code -D} for the run;</li>
 * <li>{@code // @id NAME=N}: the compiled ids class has {@code NAME} equal to {@code N};</li>
 * <li>{@code // @expect SIDE: TEXT} and {@code // @absent SIDE: TEXT}: the generated
 *     file of that side ({@code User}, {@code Server}, {@code ServerDemux},
 *     {@code Ids}) contains, or does not contain, the text.</li>
 * </ul>
 * Include directories are {@code features/include} and the kernel's
 * {@code src/main/defs}.
 */
class MigFeatureCompileTest {

    static final Path FEATURES = Path.of("src/test/resources/mig/features");
    static final Path KERNEL_DEFS = Path.of("src/main/defs");

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*//\\s*@(\\w+)\\s+(.*?)\\s*$", Pattern.MULTILINE);
    private static final List<String> SIDES = List.of("User", "Server", "ServerDemux", "Ids");

    static Stream<String> features() throws IOException {
        try (Stream<Path> s = Files.list(FEATURES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".defs"))
                    .map(n -> n.substring(0, n.length() - ".defs".length())).sorted().toList().stream();
        }
    }

    @Test
    void everyFeatureHasAFile() throws IOException {
        List<String> names = features().toList();
        for (String f : List.of("pp_include", "pp_define_object", "pp_define_function", "pp_undef", "pp_ifdef",
                "pp_if_elif_else", "pp_if_expressions", "pp_line_markers", "subsystem_kernel_user",
                "subsystem_kernel_server", "routine", "simpleroutine", "skip", "skip_n", "type_array_fixed",
                "type_array_unbounded", "type_array_bounded", "type_array_ool", "type_struct_of",
                "type_struct_fields", "type_c_string_fixed", "type_c_string_variable", "type_ipc_long_form",
                "type_ipc_pair", "type_clauses", "polymorphic", "flag_dealloc", "flag_servercopy",
                "flag_countinout", "flag_islong", "flag_retcode", "arg_in_out_inout", "arg_requestport",
                "arg_replyport", "arg_sreplyport_ureplyport", "arg_waittime", "arg_msgoption", "arg_msgseqno",
                "stmt_imports", "stmt_serverprefix", "stmt_userprefix", "stmt_serverdemux", "stmt_waittime",
                "stmt_msgoption", "stmt_rcsid", "mixed_case")) {
            assertTrue(names.contains(f), "no features/" + f + ".defs");
        }
    }

    @ParameterizedTest(name = "{0}.defs")
    @MethodSource("features")
    void generatedCodeCompiles(String feature, @TempDir Path tmp) throws Exception {
        Path defs = FEATURES.resolve(feature + ".defs");
        String text = Files.readString(defs);
        Map<String, String> defines = new LinkedHashMap<>();
        List<String[]> expectations = new ArrayList<>();
        Map<String, Integer> ids = new LinkedHashMap<>();
        Matcher m = DIRECTIVE.matcher(text);
        while (m.find()) {
            String arg = m.group(2);
            switch (m.group(1)) {
                case "define" -> {
                    int eq = arg.indexOf('=');
                    defines.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "1" : arg.substring(eq + 1));
                }
                case "id" -> {
                    int eq = arg.indexOf('=');
                    ids.put(arg.substring(0, eq).strip(), Integer.parseInt(arg.substring(eq + 1).strip()));
                }
                case "expect", "absent" -> {
                    int colon = arg.indexOf(':');
                    String side = arg.substring(0, colon).strip();
                    assertTrue(SIDES.contains(side), defs + ": unknown side " + side);
                    expectations.add(new String[] {m.group(1), side, arg.substring(colon + 1).strip()});
                }
                default -> throw new AssertionError(defs + ": unknown directive @" + m.group(1));
            }
        }

        String pkg = "org.jmach.kernel.mig.features." + feature.toLowerCase(Locale.ROOT).replace('-', '_');
        Path src = tmp.resolve("src");
        Mig.run(new MigOptions(defs, List.of(FEATURES.resolve("include"), KERNEL_DEFS), defines, src, pkg, true,
                true, true));

        // The four classes, sharing the subsystem's name.
        Path dir = src.resolve(pkg.replace('.', '/'));
        List<Path> files = MigJavac.javaFiles(src);
        assertEquals(4, files.size(), "files written: " + files);
        Map<String, String> classBySide = new LinkedHashMap<>();
        String ids1 = files.stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Ids.java"))
                .findFirst().orElseThrow(() -> new AssertionError("no *Ids.java among " + files));
        String prefix = ids1.substring(0, ids1.length() - "Ids.java".length());
        for (String side : SIDES) {
            Path f = dir.resolve(prefix + side + ".java");
            assertTrue(Files.isRegularFile(f), "no " + f.getFileName() + " among " + files);
            classBySide.put(side, prefix + side);
        }

        for (String[] e : expectations) {
            String generated = Files.readString(dir.resolve(classBySide.get(e[1]) + ".java"));
            if (e[0].equals("expect")) {
                assertTrue(generated.contains(e[2]), classBySide.get(e[1]) + ".java does not contain [" + e[2]
                        + "]:\n" + generated);
            } else {
                assertFalse(generated.contains(e[2]), classBySide.get(e[1]) + ".java contains [" + e[2] + "]");
            }
        }

        Path classes = tmp.resolve("classes");
        MigJavac.compile(src, classes);
        for (String cls : classBySide.values()) {
            assertTrue(Files.isRegularFile(classes.resolve(pkg.replace('.', '/')).resolve(cls + ".class")),
                    cls + ".class was not written");
        }
        try (URLClassLoader loader = MigJavac.loader(classes)) {
            String idsClass = pkg + "." + classBySide.get("Ids");
            int base = MigJavac.constant(loader, idsClass, "BASE");
            int end = MigJavac.constant(loader, idsClass, "END");
            assertTrue(base <= end, "BASE " + base + " > END " + end);
            assertEquals(base, MigJavac.constant(loader, pkg + "." + classBySide.get("ServerDemux"), "BASE"));
            for (Map.Entry<String, Integer> id : ids.entrySet()) {
                assertEquals(id.getValue(), MigJavac.constant(loader, idsClass, id.getKey()),
                        classBySide.get("Ids") + "." + id.getKey());
            }
        }
    }
}
