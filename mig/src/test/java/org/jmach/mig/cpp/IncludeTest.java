package org.jmach.mig.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;

/** {@code #include}: searching, line markers, errors. */
class IncludeTest extends PreprocessorTestSupport {

    @Test
    void quotedIncludeSearchesTheIncludingDirectoryFirst() throws Exception {
        write("src/types.defs", "local_type\n");
        write("inc/types.defs", "dash_i_type\n");
        Path main = write("src/main.defs", "#include \"types.defs\"\nafter\n");
        String out = run(main, List.of(dir.resolve("inc")), Map.of());
        assertEquals("local_type after", flat(out));
        assertPos(new SourcePos(name("src/types.defs"), 1, 1), posOf(out, "local_type"));
        assertPos(new SourcePos(name("src/main.defs"), 2, 1), posOf(out, "after"));
    }

    @Test
    void quotedIncludeFallsBackToIncludeDirectoriesInOrder() throws Exception {
        write("a/mach/std_types.defs", "from_a\n");
        write("b/mach/std_types.defs", "from_b\n");
        write("b/only_b.defs", "only_b\n");
        Path main = write("src/main.defs", "#include \"mach/std_types.defs\"\n#include \"only_b.defs\"\n");
        String out = run(main, List.of(dir.resolve("a"), dir.resolve("b")), Map.of());
        assertEquals("from_a only_b", flat(out));
        assertPos(new SourcePos(name("a/mach/std_types.defs"), 1, 1), posOf(out, "from_a"));
    }

    @Test
    void angleIncludeSearchesOnlyIncludeDirectories() throws Exception {
        write("src/local.defs", "local\n");
        write("inc/sys.defs", "sys\n");
        Path main = write("src/main.defs", "#include <sys.defs>\n#include <local.defs>\n");
        assertEquals(name("src/main.defs") + ":2:10: cannot find include file <local.defs>",
                error(main, List.of(dir.resolve("inc")), Map.of()));
        Path ok = write("src/ok.defs", "#include <sys.defs>\n");
        assertEquals("sys", flat(run(ok, List.of(dir.resolve("inc")), Map.of())));
    }

    @Test
    void missingIncludeIsAnErrorAtTheDirective() {
        Path main = write("main.defs", "\n\n  #  include \"nowhere.defs\"\n");
        assertEquals(name("main.defs") + ":3:14: cannot find include file \"nowhere.defs\"", error(main));
    }

    @Test
    void includeCycleFailsAtTheDepthLimit() {
        write("a.defs", "a\n#include \"b.defs\"\n");
        write("b.defs", "b\n  #include \"a.defs\"\n");
        String msg = error(write("main.defs", "#include \"a.defs\"\n"));
        assertTrue(msg.matches(".*[ab]\\.defs:2:\\d+: #include nested more than 200 deep.*"), msg);
    }

    @Test
    void includeGuardsStopACycle() throws Exception {
        write("a.defs", "#ifndef A_DEFS\n#define A_DEFS\n#include \"b.defs\"\ntype a = int;\n#endif\n");
        write("b.defs", "#ifndef B_DEFS\n#define B_DEFS\n#include \"a.defs\"\ntype b = a;\n#endif\n");
        Path main = write("main.defs", "#include \"a.defs\"\n#include \"b.defs\"\n#include \"a.defs\"\nend\n");
        String out = run(main);
        assertEquals("type b = a ; type a = int ; end", flat(out));
        assertPos(new SourcePos(name("b.defs"), 4, 1), posOf(out, "type", 0));
        assertPos(new SourcePos(name("a.defs"), 4, 6), posOf(out, "a", 1));
        assertPos(new SourcePos(name("main.defs"), 4, 1), posOf(out, "end"));
    }

    @Test
    void markersStartEachFileAndFollowTheReturn() throws Exception {
        write("inc.defs", "inner\n");
        Path main = write("main.defs", "first\n#include \"inc.defs\"\nlast\n");
        String out = run(main);
        String expected = "# 1 \"" + name("main.defs") + "\"\nfirst\n"
                + "# 1 \"" + name("inc.defs") + "\"\ninner\n"
                + "# 3 \"" + name("main.defs") + "\"\nlast\n";
        assertEquals(expected, out);
    }

    @Test
    void includedFileNameComesFromAMacro() throws Exception {
        write("inc.defs", "inner\n");
        Path main = write("main.defs", "#define INC \"inc.defs\"\n#include INC\n");
        assertEquals("inner", flat(run(main)));
    }

    @Test
    void importWithAnglesIsOrdinaryText() throws Exception {
        String out = runText("import <mach/mach_types.h>;\nuimport \"x.h\";\n");
        assertEquals("import < mach / mach_types . h > ; uimport \"x.h\" ;", flat(out));
        assertPos(new SourcePos(name("main.defs"), 1, 9), posOf(out, "mach"));
    }

    @Test
    void unterminatedIfInIncludedFileIsReportedThere() {
        write("inc.defs", "x\n  #ifdef FOO\n");
        assertEquals(name("inc.defs") + ":2:4: unterminated #ifdef", errorText("#include \"inc.defs\"\n"));
    }
}
