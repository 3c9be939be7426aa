package org.jmach.mig.cpp;

/**
 * Writes the preprocessed tokens so that each lands where its source
 * position says: on its line (blank lines bridge short gaps, a
 * {@code # LINE "FILE"} marker anything else) and, for tokens read from the
 * source, at its column. Tokens of a macro expansion go on the invocation's
 * line, after what precedes them.
 */
final class MarkedOutput {

    /** The longest run of blank lines written instead of a marker. */
    private static final int MAX_BLANK_LINES = 8;

    private final StringBuilder out = new StringBuilder();
    private String file;
    private int line;
    /** The column the next character written would have. */
    private int col = 1;

    MarkedOutput(String topFile) {
        marker(1, topFile);
    }

    void append(Token t) {
        if (!t.file.equals(file) || t.line < line || t.line - line > MAX_BLANK_LINES) {
            marker(t.line, t.file);
        }
        while (line < t.line) {
            out.append('\n');
            line++;
            col = 1;
        }
        if (t.fromMacro) {
            if (col < t.col) {
                pad(t.col);
            } else if (col > 1 && (t.spaceBefore || wouldJoin(out.charAt(out.length() - 1), t.text.charAt(0)))) {
                out.append(' ');
                col++;
            }
        } else {
            if (col > t.col) {
                marker(t.line, t.file);
            }
            pad(t.col);
        }
        out.append(t.text);
        col += t.text.length();
    }

    /** The text written, ending with a newline. */
    String finish() {
        if (col != 1) {
            out.append('\n');
            col = 1;
        }
        return out.toString();
    }

    private void marker(int newLine, String newFile) {
        if (col != 1) {
            out.append('\n');
        }
        out.append("# ").append(newLine).append(' ').append(Substitution.quote(newFile)).append('\n');
        file = newFile;
        line = newLine;
        col = 1;
    }

    private void pad(int target) {
        while (col < target) {
            out.append(' ');
            col++;
        }
    }

    /** Whether two characters side by side could be read as one token. */
    private static boolean wouldJoin(char before, char after) {
        if (Lexer.isSpace(before)) {
            return false;
        }
        boolean wordBefore = Lexer.isIdentPart(before) || before == '.';
        boolean wordAfter = Lexer.isIdentPart(after) || after == '.';
        return wordBefore == wordAfter || after == '"' || after == '\'';
    }
}
