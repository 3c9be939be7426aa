package org.jmach.mig.parse;

import org.jmach.mig.ir.SourcePos;

/**
 * One token of preprocessed MIG text.
 *
 * @param kind what it is
 * @param text as written (strings with their quotes)
 * @param value the value of a {@link TokenKind#NUMBER}, else 0
 * @param spaceBefore whether white space separates it from the token before
 * @param pos where it starts
 */
public record Token(TokenKind kind, String text, long value, boolean spaceBefore, SourcePos pos) {

    public boolean is(TokenKind k) {
        return kind == k;
    }

    /** Whether this is the identifier {@code keyword}, ignoring case. */
    public boolean isKeyword(String keyword) {
        return kind == TokenKind.IDENT && text.equalsIgnoreCase(keyword);
    }

    /** The token as an error message names it: quoted, or "end of input". */
    public String describe() {
        return kind == TokenKind.EOF ? "end of input" : "'" + text + "'";
    }
}
