package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jmach.shell.internal.Table.Align;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsTakeTheirWidestCellAndLinesEndWithoutBlanks() {
        StringBuilder text = new StringBuilder();
        new Table()
                .column("N", Align.RIGHT)
                .column("WORD", Align.LEFT)
                .row(7, "a")
                .row(1234, "longer")
                .appendTo(text);
        assertEquals(lines(
                "   N  WORD",
                "   7  a",
                "1234  longer"), text.toString());
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        Table table = new Table().column("A", Align.LEFT).column("B", Align.LEFT);
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    }
}
