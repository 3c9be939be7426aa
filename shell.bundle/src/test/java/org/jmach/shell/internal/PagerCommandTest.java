package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.lines;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Consumer;

import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.Test;

class PagerCommandTest {

    /** A kernel whose threads never run: the view comes from the test's query. */
    private static final FakeNativeTasks KERNEL = new FakeNativeTasks() {
        @Override
        public int threadCreate(int taskId, String name, Consumer<MachTraps> body) {
            return 0;
        }
    };

    @Test
    void printsTheImplementationItsCountersItsSpaceAndEachObjectsPages() {
        PagerView view = new PagerView(7, "org.jmach.pager 0.1.0.SNAPSHOT (raw pages)",
                new long[] {10, 20, 3, 2, 17, 80, 160, 4}, new long[] {67_108_864, 60_000_000, 4096},
                List.of(new PagerView.ObjectPages(0x1f01, 0x100000, 12), new PagerView.ObjectPages(0x2001, 0x4000, 5)));
        assertEquals(lines(
                "NAME             VALUE",
                "implementation   org.jmach.pager 0.1.0.SNAPSHOT (raw pages)",
                "task             7",
                "pageins          10",
                "pageouts         20",
                "zero_fills       3",
                "objects          2",
                "pages_stored     17",
                "records_read     80",
                "records_written  160",
                "generation       4",
                "space_total      67108864",
                "space_free       60000000",
                "pagesize         4096",
                "",
                "OBJECT      SIZE  PAGES",
                "0x1f01  0x100000     12",
                "0x2001    0x4000      5"),
                printed(new PagerCommand(KERNEL, tasks -> view)::print));
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(new PagerCommand(null, tasks -> null)::print);
    }
}
