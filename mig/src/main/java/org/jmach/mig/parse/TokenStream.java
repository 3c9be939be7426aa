package org.jmach.mig.parse;

import java.util.ArrayList;
import java.util.List;

import org.jmach.mig.MigException;

/** The parser's view of the lexer: look-ahead, expectations, and the text of what was consumed. */
final class TokenStream {

    private final Lexer lexer;
    private final List<Token> ahead = new ArrayList<>();
    private final List<Token> consumed = new ArrayList<>();

    TokenStream(Lexer lexer) {
        this.lexer = lexer;
    }

    Token peek() throws MigException {
        return peek(0);
    }

    /** The token {@code n} places ahead ({@code 0}: the next one). */
    Token peek(int n) throws MigException {
        while (ahead.size() <= n) {
            ahead.add(lexer.next());
        }
        return ahead.get(n);
    }

    Token next() throws MigException {
        Token t = peek();
        ahead.remove(0);
        consumed.add(t);
        return t;
    }

    /** The next token, reading {@code <file>} as one token (see {@link Lexer#fileName()}). */
    Token nextFileName() throws MigException {
        if (!ahead.isEmpty()) {
            throw new IllegalStateException("file name read after a look-ahead");
        }
        Token t = lexer.fileName();
        consumed.add(t);
        return t;
    }

    /** Consumes the next token if it is of kind {@code kind}. */
    boolean accept(TokenKind kind) throws MigException {
        if (peek().is(kind)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes the next token if it is the keyword {@code keyword}. */
    boolean acceptKeyword(String keyword) throws MigException {
        if (peek().isKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes a punctuation token of kind {@code kind}, or fails. */
    Token expect(TokenKind kind) throws MigException {
        return expect(kind, "'" + kind.symbol() + "'");
    }

    /** Consumes a token of kind {@code kind}, or fails saying {@code what} was expected. */
    Token expect(TokenKind kind, String what) throws MigException {
        if (!peek().is(kind)) {
            throw expected(what);
        }
        return next();
    }

    /** Consumes the keyword {@code keyword}, or fails. */
    Token expectKeyword(String keyword) throws MigException {
        if (!peek().isKeyword(keyword)) {
            throw expected("'" + keyword + "'");
        }
        return next();
    }

    /** The error "expected WHAT, found NEXT" at the next token. */
    MigException expected(String what) throws MigException {
        Token t = peek();
        return new MigException(t.pos(), "expected " + what + ", found " + t.describe());
    }

    /** How many tokens have been consumed: a mark for {@link #textSince}. */
    int mark() {
        return consumed.size();
    }

    /** The tokens consumed since {@code mark}, as written but with white space reduced to single spaces. */
    String textSince(int mark) {
        StringBuilder s = new StringBuilder();
        for (int i = mark; i < consumed.size(); i++) {
            Token t = consumed.get(i);
            if (i > mark && t.spaceBefore()) {
                s.append(' ');
            }
            s.append(t.text());
        }
        return s.toString();
    }
}
