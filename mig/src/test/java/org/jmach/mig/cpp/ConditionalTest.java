package org.jmach.mig.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;

/** {@code #if}, {@code #ifdef}, {@code #ifndef}, {@code #elif}, {@code #else}, {@code #endif}. */
class ConditionalTest extends PreprocessorTestSupport {

    @Test
    void ifdefAndIfndefFollowDefinitions() throws Exception {
        String out = runText("#define A\n#ifdef A\nyes1\n#endif\n#ifdef B\nno1\n#endif\n"
                + "#ifndef B\nyes2\n#else\nno2\n#endif\n");
        assertEquals("yes1 yes2", flat(out));
    }

    @Test
    void elifChoosesTheFirstTrueBranch() throws Exception {
        String out = runText("#define V 2\n#if V == 1\none\n#elif V == 2\ntwo\n#elif V >= 2\nthree\n#else\nother\n#endif\n");
        assertEquals("two", flat(out));
    }

    @Test
    void elseIsTakenWhenNothingElseIs() throws Exception {
        assertEquals("other", flat(runText("#if 0\none\n#elif 0\ntwo\n#else\nother\n#endif\n")));
    }

    @Test
    void nestedConditionalsSeveralLevelsDeep() throws Exception {
        String text = """
                #define L1 1
                #define L3 1
                #if L1
                  a
                # ifdef L2
                    b
                #   if L3
                      c
                #   endif
                # else
                    d
                #   if L3
                      e
                #     ifndef L4
                        f
                #       if 0
                          g
                #       elif defined(L1) && !defined L2
                          h
                #       else
                          i
                #       endif
                #     else
                        j
                #     endif
                #   else
                      k
                #   endif
                # endif
                  l
                #else
                  m
                # if 1
                    n
                # endif
                #endif
                """;
        String out = runText(text);
        assertEquals("a d e f h l", flat(out));
        assertPos(new SourcePos(name("main.defs"), 19, 11), posOf(out, "h"));
    }

    @Test
    void falseBranchesSkipDirectivesButTrackNesting() throws Exception {
        String out = runText("#if 0\n#error not me\n#include \"nowhere.defs\"\n#frobnicate\n#define X 1\n"
                + "#if 1\n#else\n#endif\n#endif\nX\n");
        assertEquals("X", flat(out));
    }

    @Test
    void skippedLinesKeepPositionsExact() throws Exception {
        StringBuilder text = new StringBuilder("#if 0\n");
        for (int i = 0; i < 20; i++) {
            text.append("skipped\n");
        }
        text.append("#endif\n    kept\n");
        String out = runText(text.toString());
        assertPos(new SourcePos(name("main.defs"), 23, 5), posOf(out, "kept"));
    }

    @Test
    void definesFromTheConstructorDriveConditionals() throws Exception {
        String out = run(write("main.defs", "#if KERNEL_SERVER && MACH_IPC_COMPAT == 0\nserver\n#endif\n"),
                List.of(), Map.of("KERNEL_SERVER", "1", "MACH_IPC_COMPAT", "0"));
        assertEquals("server", flat(out));
    }

    @Test
    void elseWithoutIfIsAnError() {
        assertEquals(name("main.defs") + ":2:2: #else without #if", errorText("x\n#else\n"));
    }

    @Test
    void elifWithoutIfIsAnError() {
        assertEquals(name("main.defs") + ":1:3: #elif without #if", errorText("# elif 1\n"));
    }

    @Test
    void endifWithoutIfIsAnError() {
        assertEquals(name("main.defs") + ":3:2: #endif without #if", errorText("#if 1\n#endif\n#endif\n"));
    }

    @Test
    void elifAfterElseIsAnError() {
        assertEquals(name("main.defs") + ":3:2: #elif after #else", errorText("#if 0\n#else\n#elif 1\n#endif\n"));
    }

    @Test
    void elseAfterElseIsAnError() {
        assertEquals(name("main.defs") + ":3:2: #else after #else", errorText("#if 0\n#else\n#else\n#endif\n"));
    }

    @Test
    void unterminatedIfIsReportedAtTheIf() {
        assertEquals(name("main.defs") + ":2:2: unterminated #if",
                errorText("x\n#if 1\n#ifdef Y\n#endif\ny\n"));
    }

    @Test
    void ifWithoutExpressionIsAnError() {
        assertEquals(name("main.defs") + ":1:2: #if with no expression", errorText("#if\n#endif\n"));
    }

    @Test
    void ifdefWithoutNameIsAnError() {
        assertEquals(name("main.defs") + ":1:7: no macro name given in #ifdef directive",
                errorText("#ifdef\n#endif\n"));
    }
}
