package org.jmach.mig.parse;

/** The kinds of token of the MIG language. Keywords are identifiers: the parser tells them apart, ignoring case. */
public enum TokenKind {
    IDENT,
    NUMBER,
    /** A quoted string, kept with its quotes. */
    STRING,
    /** An {@code <file>} import name, kept with its angle brackets (lexed on the parser's demand only). */
    BRACKETED_FILE,
    SEMI(";"),
    COLON(":"),
    COMMA(","),
    LPAREN("("),
    RPAREN(")"),
    LBRACKET("["),
    RBRACKET("]"),
    LBRACE("{"),
    RBRACE("}"),
    EQUAL("="),
    CARET("^"),
    BAR("|"),
    STAR("*"),
    PLUS("+"),
    MINUS("-"),
    SLASH("/"),
    LANGLE("<"),
    RANGLE(">"),
    /** A character the language has no use for; the parser reports it where it expected something else. */
    UNKNOWN,
    EOF;

    private final String symbol;

    TokenKind() {
        this(null);
    }

    TokenKind(String symbol) {
        this.symbol = symbol;
    }

    /** The punctuation this kind stands for, or null if it is not punctuation. */
    public String symbol() {
        return symbol;
    }

    /** The punctuation kind of character {@code c}, or null. */
    static TokenKind punctuation(char c) {
        for (TokenKind k : values()) {
            if (k.symbol != null && k.symbol.charAt(0) == c) {
                return k;
            }
        }
        return null;
    }
}
