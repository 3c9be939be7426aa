package org.jmach.mig.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<Token> tokens(String text) throws MigException {
        Lexer lexer = new Lexer(text, "a.defs");
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.next(); !t.is(TokenKind.EOF); t = lexer.next()) {
            out.add(t);
        }
        return out;
    }

    @Test
    void tokensCarryKindTextAndPosition() throws MigException {
        List<Token> ts = tokens("type x =\n  (MACH_MSG_TYPE_INTEGER_32, 0x20);");
        assertEquals(List.of("type", "x", "=", "(", "MACH_MSG_TYPE_INTEGER_32", ",", "0x20", ")", ";"),
                ts.stream().map(Token::text).toList());
        assertEquals(TokenKind.EQUAL, ts.get(2).kind());
        assertEquals(new SourcePos("a.defs", 2, 3), ts.get(3).pos());
        assertEquals(TokenKind.NUMBER, ts.get(6).kind());
        assertEquals(32, ts.get(6).value());
        assertTrue(ts.get(6).spaceBefore());
        assertFalse(ts.get(7).spaceBefore());
    }

    @Test
    void lineMarkerSetsFileAndLineOfTheNextLine() throws MigException {
        List<Token> ts = tokens("a\n# 40 \"inc/b.defs\" 1 3\n  b\n#line 7 \"c.defs\"\nc\n# 20\nd");
        assertEquals(new SourcePos("a.defs", 1, 1), ts.get(0).pos());
        assertEquals(new SourcePos("inc/b.defs", 40, 3), ts.get(1).pos());
        assertEquals(new SourcePos("c.defs", 7, 1), ts.get(2).pos());
        assertEquals(new SourcePos("c.defs", 20, 1), ts.get(3).pos());
    }

    @Test
    void pragmaLinesAreSkipped() throws MigException {
        List<Token> ts = tokens("#pragma once\nx");
        assertEquals(1, ts.size());
        assertEquals(new SourcePos("a.defs", 2, 1), ts.get(0).pos());
    }

    @Test
    void strangeCharacterIsAnUnknownToken() throws MigException {
        Token t = tokens("x @").get(1);
        assertEquals(TokenKind.UNKNOWN, t.kind());
        assertEquals("'@'", t.describe());
    }

    @Test
    void stringsKeepTheirQuotes() throws MigException {
        Token t = tokens("rcsid \"$Id: a \\\"b\\\" $\";").get(1);
        assertEquals(TokenKind.STRING, t.kind());
        assertEquals("\"$Id: a \\\"b\\\" $\"", t.text());
    }

    @Test
    void unterminatedStringIsAnError() {
        MigException e = assertThrows(MigException.class, () -> tokens("rcsid\n  \"abc\n;"));
        assertEquals("a.defs:2:3: unterminated string", e.getMessage());
    }

    @Test
    void unknownDirectiveIsAnError() {
        MigException e = assertThrows(MigException.class, () -> tokens("x\n #include <a.h>\n"));
        assertEquals("a.defs:2:2: unknown preprocessor directive '#include'", e.getMessage());
    }

    @Test
    void bracketedFileNameOnDemand() throws MigException {
        Lexer lexer = new Lexer("import <mach/std_types.defs>;", "a.defs");
        lexer.next();
        Token t = lexer.fileName();
        assertEquals(TokenKind.BRACKETED_FILE, t.kind());
        assertEquals("<mach/std_types.defs>", t.text());
        assertEquals(new SourcePos("a.defs", 1, 8), t.pos());
    }
}
