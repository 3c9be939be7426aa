package org.jmach.mig.parse;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.SourcePos;

/**
 * Splits preprocessed MIG text into tokens. Line markers ({@code # 12 "file.defs"}
 * or {@code #line 12 "file.defs"}) set the file and line of the line after
 * them; {@code #pragma} and {@code #ident} lines are skipped.
 */
public final class Lexer {

    private final String text;
    private int index;
    private String file;
    private int line = 1;
    private int lineStart;
    /** Nothing but white space since the start of the current line. */
    private boolean atLineStart = true;

    public Lexer(String text, String fileName) {
        this.text = text;
        this.file = fileName;
    }

    /** The next token; {@link TokenKind#EOF} at the end, again and again. */
    public Token next() throws MigException {
        boolean space = skipSpace();
        SourcePos pos = here();
        if (index >= text.length()) {
            return new Token(TokenKind.EOF, "", 0, space, pos);
        }
        atLineStart = false;
        char c = text.charAt(index);
        if (isIdentStart(c)) {
            int start = index;
            while (index < text.length() && isIdentPart(text.charAt(index))) {
                index++;
            }
            return new Token(TokenKind.IDENT, text.substring(start, index), 0, space, pos);
        }
        if (c >= '0' && c <= '9') {
            return number(space, pos);
        }
        if (c == '"') {
            return quoted(space, pos);
        }
        index++;
        TokenKind punct = TokenKind.punctuation(c);
        return new Token(punct != null ? punct : TokenKind.UNKNOWN, String.valueOf(c), 0, space, pos);
    }

    /**
     * The next token, reading {@code <...>} as one {@link TokenKind#BRACKETED_FILE}
     * token: for the file name of an import.
     */
    public Token fileName() throws MigException {
        boolean space = skipSpace();
        if (index < text.length() && text.charAt(index) == '<') {
            SourcePos pos = here();
            int end = text.indexOf('>', index);
            int newline = text.indexOf('\n', index);
            if (end < 0 || (newline >= 0 && newline < end)) {
                throw new MigException(pos, "unterminated file name");
            }
            String name = text.substring(index, end + 1);
            index = end + 1;
            atLineStart = false;
            return new Token(TokenKind.BRACKETED_FILE, name, 0, space, pos);
        }
        return next();
    }

    private Token number(boolean space, SourcePos pos) throws MigException {
        int start = index;
        int radix = 10;
        if (text.startsWith("0x", index) || text.startsWith("0X", index)) {
            radix = 16;
            index += 2;
        }
        int digits = index;
        while (index < text.length() && Character.digit(text.charAt(index), radix) >= 0) {
            index++;
        }
        if (index == digits) {
            throw new MigException(pos, "bad number '" + text.substring(start, index) + "'");
        }
        long value;
        try {
            value = Long.parseLong(text.substring(digits, index), radix);
        } catch (NumberFormatException e) {
            throw new MigException(pos, "number too large");
        }
        return new Token(TokenKind.NUMBER, text.substring(start, index), value, space, pos);
    }

    private Token quoted(boolean space, SourcePos pos) throws MigException {
        int start = index++;
        while (index < text.length() && text.charAt(index) != '"' && text.charAt(index) != '\n') {
            if (text.charAt(index) == '\\') {
                index++;
            }
            index++;
        }
        if (index >= text.length() || text.charAt(index) != '"') {
            throw new MigException(pos, "unterminated string");
        }
        index++;
        return new Token(TokenKind.STRING, text.substring(start, index), 0, space, pos);
    }

    /** Skips white space and directive lines; returns whether anything was skipped. */
    private boolean skipSpace() throws MigException {
        int start = index;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\n') {
                index++;
                newLine(line + 1);
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b) {
                index++;
            } else if (c == '#' && atLineStart) {
                directive();
            } else {
                break;
            }
        }
        return index > start;
    }

    private void newLine(int number) {
        line = number;
        lineStart = index;
        atLineStart = true;
    }

    /** A {@code #} line: a line marker, or a pragma to skip. */
    private void directive() throws MigException {
        SourcePos pos = here();
        int end = text.indexOf('\n', index);
        if (end < 0) {
            end = text.length();
        }
        String body = text.substring(index + 1, end).strip();
        if (body.startsWith("line") && body.length() > 4 && Character.isWhitespace(body.charAt(4))) {
            body = body.substring(4).strip();
        }
        int newLine = line + 1;
        String newFile = file;
        if (!body.isEmpty() && Character.isDigit(body.charAt(0))) {
            int digits = 0;
            while (digits < body.length() && Character.isDigit(body.charAt(digits))) {
                digits++;
            }
            try {
                newLine = Integer.parseInt(body.substring(0, digits));
            } catch (NumberFormatException e) {
                throw new MigException(pos, "bad line marker");
            }
            String rest = body.substring(digits).strip();
            if (rest.startsWith("\"")) {
                newFile = markerFile(rest, pos);
            } else if (!rest.isEmpty()) {
                throw new MigException(pos, "bad line marker");
            }
        } else if (!body.startsWith("pragma") && !body.startsWith("ident") && !body.isEmpty()) {
            throw new MigException(pos, "unknown preprocessor directive '#" + body.split("\\s+")[0] + "'");
        }
        index = end < text.length() ? end + 1 : end;
        file = newFile;
        newLine(newLine);
    }

    /** The file name of a line marker: the quoted string at the start of {@code rest}, unescaped. */
    private static String markerFile(String rest, SourcePos pos) throws MigException {
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '"') {
                return name.toString();
            }
            if (c == '\\' && i + 1 < rest.length()) {
                c = rest.charAt(++i);
            }
            name.append(c);
        }
        throw new MigException(pos, "bad line marker");
    }

    private SourcePos here() {
        return new SourcePos(file, line, index - lineStart + 1);
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
