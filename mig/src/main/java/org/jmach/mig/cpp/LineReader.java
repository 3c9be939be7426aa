package org.jmach.mig.cpp;

import java.util.Arrays;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.SourcePos;

/**
 * Reads a file's text as logical lines. Backslash-newline joins lines;
 * block and line comments (not inside quotes) become one space, a block
 * comment joining the lines it spans. Positions are the presumed ones, which a {@code #line} directive
 * can change.
 */
final class LineReader {

    private final char[] chars;
    private final int[] physLines;
    private final int[] physCols;
    private final int length;
    private int pos;
    private int nextPhysLine = 1;
    private String file;
    private int lineDelta;

    LineReader(String text, String file) {
        this.file = file;
        int n = text.length();
        chars = new char[n];
        physLines = new int[n];
        physCols = new int[n];
        int len = 0;
        int line = 1;
        int col = 1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                continue;
            }
            if (c == '\\' && splicesAt(text, i + 1)) {
                i = text.charAt(i + 1) == '\r' ? i + 2 : i + 1;
                line++;
                col = 1;
                continue;
            }
            chars[len] = c;
            physLines[len] = line;
            physCols[len] = col;
            len++;
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        length = len;
    }

    private static boolean splicesAt(String text, int i) {
        return i < text.length() && (text.charAt(i) == '\n'
                || (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n'));
    }

    /** The presumed file name of the lines read from now on. */
    String file() {
        return file;
    }

    /** Makes the next line read be line {@code line} of {@code newFile}. */
    void setNextLine(int line, String newFile) {
        lineDelta = line - nextPhysLine;
        file = newFile;
    }

    /** The next logical line, or null at the end of the text. */
    LogicalLine next() throws MigException {
        if (pos >= length) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        IntList lines = new IntList();
        IntList cols = new IntList();
        char quote = 0;
        while (pos < length) {
            char c = chars[pos];
            if (c == '\n') {
                nextPhysLine = physLines[pos] + 1;
                pos++;
                break;
            }
            if (quote == 0 && c == '/' && pos + 1 < length && chars[pos + 1] == '*') {
                int start = pos;
                skipBlockComment();
                text.append(' ');
                lines.add(physLines[start] + lineDelta);
                cols.add(physCols[start]);
                continue;
            }
            if (quote == 0 && c == '/' && pos + 1 < length && chars[pos + 1] == '/') {
                while (pos < length && chars[pos] != '\n') {
                    pos++;
                }
                continue;
            }
            if (quote != 0 && c == '\\' && pos + 1 < length && chars[pos + 1] != '\n') {
                append(text, lines, cols);
            } else if (c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            }
            append(text, lines, cols);
        }
        if (pos >= length) {
            nextPhysLine = length == 0 ? 1 : physLines[length - 1] + 1;
        }
        return finish(text, lines.toArray(), cols.toArray());
    }

    private void append(StringBuilder text, IntList lines, IntList cols) {
        text.append(chars[pos]);
        lines.add(physLines[pos] + lineDelta);
        cols.add(physCols[pos]);
        pos++;
    }

    private void skipBlockComment() throws MigException {
        int start = pos;
        pos += 2;
        while (pos + 1 < length && !(chars[pos] == '*' && chars[pos + 1] == '/')) {
            pos++;
        }
        if (pos + 1 >= length) {
            throw new MigException(new SourcePos(file, physLines[start] + lineDelta, physCols[start]),
                    "unterminated comment");
        }
        pos += 2;
    }

    private LogicalLine finish(StringBuilder text, int[] lines, int[] cols) {
        int last = text.length() - 1;
        while (last >= 0 && Lexer.isSpace(text.charAt(last))) {
            last--;
        }
        int endLine;
        int endCol;
        if (last >= 0) {
            endLine = lines[last];
            endCol = cols[last] + 1;
        } else {
            endLine = nextPhysLine - 1 + lineDelta;
            endCol = 1;
        }
        return new LogicalLine(text.toString(), file, lines, cols, endLine, endCol);
    }

    /** A growable array of ints. */
    private static final class IntList {
        private int[] data = new int[64];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
