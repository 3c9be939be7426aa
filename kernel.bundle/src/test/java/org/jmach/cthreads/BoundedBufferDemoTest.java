package org.jmach.cthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedBufferDemoTest extends CThreadsTestBase {

    @ParameterizedTest(name = "{0} processors, {1} producers, {2} consumers, {3} items")
    @CsvSource({"1, 1, 1, 10", "4, 1, 1, 10", "1, 2, 3, 12", "4, 3, 2, 20"})
    void everyItemIsConsumedOnceInTheOrderProduced(int processors, int producers, int consumers, int items)
            throws Exception {
        boot(processors);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = inTask(traps -> BoundedBufferDemo.run(traps, producers, consumers, items, out));
        List<String> lines = Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));
        assertEquals(0, status, String.join("\n", lines));

        List<String> produced = new ArrayList<>();
        List<String> consumed = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (line.startsWith("produced ")) {
                produced.add(line.substring("produced ".length()));
            } else if (line.startsWith("consumed ")) {
                consumed.add(line.substring("consumed ".length()));
            } else {
                throw new AssertionError("unexpected line: " + line);
            }
            // Never more consumed than produced, never more than the buffer holds in between.
            assertTrue(consumed.size() <= produced.size());
            assertTrue(produced.size() - consumed.size() <= BoundedBufferDemo.SLOTS);
        }
        assertEquals(producers * items, produced.size());
        assertEquals(produced, consumed);
        for (int p = 1; p <= producers; p++) {
            List<String> mine = new ArrayList<>();
            for (String item : produced) {
                if (producers == 1 || item.startsWith(p + ".")) {
                    mine.add(item);
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= items; i++) {
                expected.add(producers == 1 ? Integer.toString(i) : p + "." + i);
            }
            assertEquals(expected, mine);
        }
        assertEquals("bounded buffer: " + producers * items + " items produced and consumed once each, in order ("
                + producers + " producer" + (producers == 1 ? "" : "s") + ", " + consumers + " consumer"
                + (consumers == 1 ? "" : "s") + ", 4 slots)", lines.get(lines.size() - 1));
    }

    @ParameterizedTest(name = "{0} processors")
    @CsvSource({"1", "4"})
    void defaultRunPrintsTenItemsInOrder(int processors) throws Exception {
        boot(processors);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = inTask(traps -> BoundedBufferDemo.run(traps, out));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        List<String> consumed = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("consumed ")) {
                consumed.add(line);
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            expected.add("consumed " + i);
        }
        assertEquals(expected, consumed);
    }
}
