package org.jmach.mig.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;

/** Comments, line splices, quotes, and the layout and markers of the output. */
class CommentAndLayoutTest extends PreprocessorTestSupport {

    @Test
    void plainTextKeepsItsLinesAndColumns() throws Exception {
        // Columns count characters: the tab becomes one space.
        String out = runText("subsystem foo 100;\n\n\troutine  bar(x : int);\n");
        assertEquals("# 1 \"" + name("main.defs") + "\"\nsubsystem foo 100;\n\n routine  bar(x : int);\n", out);
    }

    @Test
    void blockCommentKeepsColumnsOfTheRestOfTheLine() throws Exception {
        String out = runText("a /* one */ b /* two\n  lines */ c\n");
        String main = name("main.defs");
        assertPos(new SourcePos(main, 1, 13), posOf(out, "b"));
        assertPos(new SourcePos(main, 2, 12), posOf(out, "c"));
        assertEquals("a b c", flat(out));
    }

    @Test
    void lineCommentIsRemoved() throws Exception {
        String out = runText("a // comment /* not a block\nb\n");
        assertEquals("a b", flat(out));
        assertPos(new SourcePos(name("main.defs"), 2, 1), posOf(out, "b"));
    }

    @Test
    void unterminatedCommentIsAnErrorAtItsStart() {
        assertEquals(name("main.defs") + ":2:5: unterminated comment", errorText("a\nb   /* open\n\nc\n"));
    }

    @Test
    void backslashNewlineJoinsLines() throws Exception {
        String out = runText("#define LONG first \\\n    second\nLONG\nx\\\ny\n");
        assertEquals("first second xy", flat(out));
        assertEquals(3, posOf(out, "first").line());
    }

    @Test
    void commentInsideDirectiveContinuesIt() throws Exception {
        String out = runText("#define X 1 /* across\n lines */ + 2\nX\n");
        assertEquals("1 + 2", flat(out));
        assertPos(new SourcePos(name("main.defs"), 3, 1), posOf(out, "1"));
    }

    @Test
    void macrosAreNotExpandedInQuotes() throws Exception {
        String out = runText("#define port task\nport \"port /* x */ // y\" 'port' port\n");
        assertEquals("task \"port /* x */ // y\" 'port' task", flat(out));
    }

    @Test
    void longGapsGetMarkers() throws Exception {
        String out = runText("a\n" + "\n".repeat(30) + "b\n");
        assertTrue(out.contains("# 32 \"" + name("main.defs") + "\"\nb\n"), out);
    }

    @Test
    void tokensAfterALongerExpansionKeepTheirColumns() throws Exception {
        String out = runText("#define T unsigned_long_integer_type\nx : T; y : int;\n");
        String main = name("main.defs");
        assertPos(new SourcePos(main, 2, 5), posOf(out, "unsigned_long_integer_type"));
        assertPos(new SourcePos(main, 2, 6), posOf(out, ";", 0));
        assertPos(new SourcePos(main, 2, 8), posOf(out, "y"));
    }

    @Test
    void emptyFileGivesOnlyAMarker() throws Exception {
        assertEquals("# 1 \"" + name("main.defs") + "\"\n", runText(""));
    }
}
