package org.jmach.mig.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;

/** {@code #error}, {@code #pragma}, {@code #ident}, null directives, line markers, unknown directives. */
class DirectiveTest extends PreprocessorTestSupport {

    @Test
    void errorDirectiveIsAnError() {
        assertEquals(name("main.defs") + ":2:3: #error this is not supported",
                errorText("x\n #error   this is not supported  \n"));
    }

    @Test
    void pragmaAndIdentAreIgnored() throws Exception {
        assertEquals("a b", flat(runText("#pragma once\na\n#ident \"v1\"\n#pragma anything (at all)\nb\n")));
    }

    @Test
    void hashAloneIsANullDirective() throws Exception {
        String out = runText("#\n  #  \n# /* comment */\nz\n");
        assertEquals("z", flat(out));
        assertPos(new SourcePos(name("main.defs"), 4, 1), posOf(out, "z"));
    }

    @Test
    void lineMarkerSetsThePositionOfTheNextLine() throws Exception {
        String out = runText("a\n# 12 \"file.defs\"\n  b\nc\n#line 40\nd\n#line 7 \"other.defs\" \ne\n");
        assertPos(new SourcePos(name("main.defs"), 1, 1), posOf(out, "a"));
        assertPos(new SourcePos("file.defs", 12, 3), posOf(out, "b"));
        assertPos(new SourcePos("file.defs", 13, 1), posOf(out, "c"));
        assertPos(new SourcePos("file.defs", 40, 1), posOf(out, "d"));
        assertPos(new SourcePos("other.defs", 7, 1), posOf(out, "e"));
    }

    @Test
    void errorsAfterALineMarkerUseItsPosition() {
        assertEquals("orig.defs:100:2: #error here", errorText("# 99 \"orig.defs\"\n\n#error here\n"));
    }

    @Test
    void unknownDirectiveIsAnError() {
        assertEquals(name("main.defs") + ":2:4: bad preprocessor directive #foo", errorText("\n#  foo bar\n"));
    }

    @Test
    void unknownDirectiveInFalseBranchIsIgnored() throws Exception {
        assertEquals("ok", flat(runText("#if 0\n#foo\n#warning w\n#endif\nok\n")));
    }

    @Test
    void badLineNumberIsAnError() {
        assertEquals(name("main.defs") + ":1:7: \"x\" is not a line number", errorText("#line x\n"));
    }
}
