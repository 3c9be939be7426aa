package org.jmach.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for the console: a header line and one line per row, every column
 * as wide as its widest cell, columns two spaces apart, no trailing blanks.
 * Numbers read best right-aligned, words left-aligned.
 */
final class Table {

    enum Align { LEFT, RIGHT }

    private static final String GAP = "  ";

    private final List<String> titles = new ArrayList<>();
    private final List<Align> aligns = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a column; every column must be added before the first row. */
    Table column(String title, Align align) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("columns come before rows");
        }
        titles.add(title);
        aligns.add(align);
        return this;
    }

    /** Adds a row, one cell per column, each shown by {@link String#valueOf(Object)}. */
    Table row(Object... cells) {
        if (cells.length != titles.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + titles.size() + " columns");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Appends the header and the rows to {@code text}, each line ended by the line separator. */
    void appendTo(StringBuilder text) {
        int[] widths = new int[titles.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = titles.get(i).length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(text, titles.toArray(new String[0]), widths);
        for (String[] row : rows) {
            line(text, row, widths);
        }
    }

    /** Prints {@code tables} to {@code out} a blank line apart, in one write, and flushes. */
    static void print(PrintStream out, Table... tables) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tables.length; i++) {
            if (i > 0) {
                text.append(System.lineSeparator());
            }
            tables[i].appendTo(text);
        }
        out.print(text);
        out.flush();
    }

    private void line(StringBuilder text, String[] cells, int[] widths) {
        int start = text.length();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                text.append(GAP);
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            if (aligns.get(i) == Align.RIGHT) {
                text.append(pad).append(cells[i]);
            } else {
                text.append(cells[i]).append(pad);
            }
        }
        int end = text.length();
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        text.setLength(end);
        text.append(System.lineSeparator());
    }
}
