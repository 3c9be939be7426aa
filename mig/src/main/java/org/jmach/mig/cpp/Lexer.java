package org.jmach.mig.cpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits text into preprocessing tokens: identifiers, numbers, literals, punctuators. */
final class Lexer {

    private static final String[] PUNCTUATORS = {
        "...", "<<=", ">>=",
        "##", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "->", "++", "--",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
    };

    /** One token's extent: its kind and the index just past it. */
    record Lexeme(Token.Kind kind, int end) {
    }

    private Lexer() {
    }

    /** The tokens of a logical line, each with its source position. */
    static List<Token> tokenize(LogicalLine line) {
        String s = line.text();
        List<Token> tokens = new ArrayList<>();
        boolean space = true;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                space = true;
                i++;
                continue;
            }
            Lexeme lx = scan(s, i);
            tokens.add(new Token(lx.kind(), s.substring(i, lx.end()), line.file(), line.lineAt(i),
                    line.colAt(i), space, false, Set.of(), i));
            space = false;
            i = lx.end();
        }
        return tokens;
    }

    /** The kind of {@code text} if it is exactly one token, else null. */
    static Token.Kind singleToken(String text) {
        if (text.isEmpty() || isSpace(text.charAt(0))) {
            return null;
        }
        Lexeme lx = scan(text, 0);
        return lx.end() == text.length() && lx.kind() != Token.Kind.OTHER ? lx.kind() : null;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000b' || c == '\r';
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The token starting at {@code i}, which is not white space. */
    static Lexeme scan(String s, int i) {
        char c = s.charAt(i);
        int n = s.length();
        if (isIdentStart(c)) {
            int j = i + 1;
            while (j < n && isIdentPart(s.charAt(j))) {
                j++;
            }
            return new Lexeme(Token.Kind.IDENT, j);
        }
        if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
            return new Lexeme(Token.Kind.NUMBER, numberEnd(s, i));
        }
        if (c == '"' || c == '\'') {
            int end = quoteEnd(s, i);
            if (end < 0) {
                return new Lexeme(Token.Kind.OTHER, n);
            }
            return new Lexeme(c == '"' ? Token.Kind.STRING : Token.Kind.CHAR, end);
        }
        for (String p : PUNCTUATORS) {
            if (s.startsWith(p, i)) {
                return new Lexeme(Token.Kind.PUNCT, i + p.length());
            }
        }
        return new Lexeme(Token.Kind.PUNCT, i + 1);
    }

    private static int numberEnd(String s, int i) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            char prev = s.charAt(j - 1);
            if ((c == '+' || c == '-') && "eEpP".indexOf(prev) >= 0) {
                j++;
            } else if (isIdentPart(c) || c == '.') {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    /** The index past the closing quote of the literal at {@code i}, or -1 if it has none. */
    static int quoteEnd(String s, int i) {
        char q = s.charAt(i);
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == q) {
                return j + 1;
            }
        }
        return -1;
    }
}
