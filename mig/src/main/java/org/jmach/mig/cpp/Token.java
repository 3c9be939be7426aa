package org.jmach.mig.cpp;

import java.util.HashSet;
import java.util.Set;

import org.jmach.mig.ir.SourcePos;

/**
 * A preprocessing token: its text, where it is, and the names of the macros
 * whose expansion produced it (its hide set, so that a macro is not expanded
 * again inside its own expansion).
 */
final class Token {

    /** The sorts of token the preprocessor tells apart. */
    enum Kind {
        IDENT, NUMBER, STRING, CHAR, PUNCT,
        /** An unterminated quote with the rest of its line: never expanded. */
        OTHER,
        /** A {@code ##} operator of a macro body. */
        PASTE,
        /** The stand-in for an empty macro argument next to {@code ##}. */
        PLACEMARKER
    }

    final Kind kind;
    final String text;
    final String file;
    final int line;
    final int col;
    /** Whether white space (or a comment, or a line end) comes before it. */
    final boolean spaceBefore;
    /** Whether a macro expansion produced it; its position is then the invocation's. */
    final boolean fromMacro;
    final Set<String> hideSet;
    /** Its index in its logical line, or -1 for tokens not read from a line. */
    final int offset;

    Token(Kind kind, String text, String file, int line, int col, boolean spaceBefore,
            boolean fromMacro, Set<String> hideSet, int offset) {
        this.kind = kind;
        this.text = text;
        this.file = file;
        this.line = line;
        this.col = col;
        this.spaceBefore = spaceBefore;
        this.fromMacro = fromMacro;
        this.hideSet = hideSet;
        this.offset = offset;
    }

    SourcePos pos() {
        return new SourcePos(file, line, col);
    }

    /** Whether this is the identifier or punctuator {@code s} (never true of a literal). */
    boolean is(String s) {
        return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(s);
    }

    Token withSpaceBefore(boolean space) {
        return new Token(kind, text, file, line, col, space, fromMacro, hideSet, offset);
    }

    Token withKind(Kind newKind) {
        return new Token(newKind, text, file, line, col, spaceBefore, fromMacro, hideSet, offset);
    }

    Token withText(Kind newKind, String newText) {
        return new Token(newKind, newText, file, line, col, spaceBefore, fromMacro, hideSet, offset);
    }

    /** This token as produced by the expansion invoked at {@code at}, hiding {@code hide} too. */
    Token expandedAt(Token at, Set<String> hide) {
        Set<String> hs = hide;
        if (!hideSet.isEmpty()) {
            hs = new HashSet<>(hide);
            hs.addAll(hideSet);
        }
        return new Token(kind, text, at.file, at.line, at.col, spaceBefore, true, hs, -1);
    }

    @Override
    public String toString() {
        return text;
    }
}
