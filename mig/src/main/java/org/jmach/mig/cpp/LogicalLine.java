package org.jmach.mig.cpp;

import org.jmach.mig.ir.SourcePos;

/**
 * One logical source line: backslash-newlines joined, comments replaced by a
 * space. Each character keeps the line and column it had in the source.
 */
record LogicalLine(String text, String file, int[] lines, int[] cols, int endLine, int endCol) {

    /** A line of text that did not come from a file, such as a {@code -D} definition. */
    static LogicalLine synthetic(String text, String file) {
        int[] lines = new int[text.length()];
        int[] cols = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            lines[i] = 1;
            cols[i] = i + 1;
        }
        return new LogicalLine(text, file, lines, cols, 1, text.length() + 1);
    }

    int lineAt(int index) {
        return lines[index];
    }

    int colAt(int index) {
        return cols[index];
    }

    /** The position just past the last character that is not white space. */
    SourcePos end() {
        return new SourcePos(file, endLine, endCol);
    }
}
