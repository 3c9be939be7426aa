package org.jmach.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * The embedded default as a user runs it: the runnable jar bnd-export made of
 * launcher/jmach.bndrun, and {@code ./mach boot}, as separate processes.
 */
public class EmbeddedBootTest {

    /** A guard against a hung child, not a measurement. */
    private static final long GIVE_UP_SECONDS = 120;

    private static final File JAR = new File(System.getProperty("jmach.jar"));
    private static final File TOP = new File(System.getProperty("user.dir")).getParentFile();

    @Test
    public void execMachHostPrintsTheFiguresAndExitsZero() throws Exception {
        Result result = java("-Djmach.exec=mach:host");
        assertEquals(result.err, 0, result.status);
        HostChecks.assertDefaultHostOutput(result.out);
        assertTrue(result.out, result.out.contains("\nmemory_size 67108864\n"));
        assertEquals("", result.err);
    }

    @Test
    public void execUnknownCommandExitsNonZeroWithOneLineOnStderr() throws Exception {
        Result result = java("-Djmach.exec=mach:nosuch");
        assertEquals(1, result.status);
        assertEquals("", result.out);
        assertEquals(result.err, 1, result.err.lines().count());
        assertTrue(result.err, result.err.contains("mach:nosuch"));
    }

    @Test
    public void everyCommandRunsAndOneFailureFailsTheRun() throws Exception {
        Result result = java("-Djmach.exec=mach:nosuch; mach:host");
        assertEquals(1, result.status);
        HostChecks.assertDefaultHostOutput(result.out);
    }

    @Test
    public void execMachTasksAndMachPortsKernelPrintAndAnUnknownTaskFailsTheRun() throws Exception {
        Result result = java("-Djmach.exec=mach:tasks; mach:ports kernel; mach:ports nosuch");
        assertEquals(result.err, 1, result.status);
        String[] parts = result.out.split("(?=\\R *" + TaskChecks.PORTS_HEADER + ")", 2);
        assertEquals(result.out, 2, parts.length);
        TaskChecks.assertTasksListTheKernel(parts[0]);
        TaskChecks.assertPortsTable(parts[1].strip());
        assertEquals(result.err, 1, result.err.lines().count());
        assertTrue(result.err, result.err.contains("mach:ports nosuch: no task nosuch"));
    }

    @Test
    public void execMachThreadsAndMachSchedPrintTheirTables() throws Exception {
        Result result = java("-Djmach.exec=mach:threads; mach:sched");
        assertEquals(result.err, 0, result.status);
        String[] lines = result.out.split("\\R");
        assertTrue(result.out, lines[0].matches(
                "TASK +ID +NAME +STATE +BASE +CUR +POLICY +CPU +USAGE +PSET +CPU# +WAITS +SUSPEND +PC"));
        assertTrue(result.out, result.out.matches(
                "(?s).*\\RSLOT +STATE +PSET +THREAD +LOCAL RUNQ\\R.*"));
        assertTrue(result.out, result.out.matches(
                "(?s).*\\RNAME +CPUS +TASKS +THREADS +MAXPRI +RUNQ +LOAD +MACH FACTOR\\Rdefault .*"));
    }

    @Test
    public void execMachDemoBoundedBufferProducesAndConsumesTheItemsInOrderAndExitsZero() throws Exception {
        Result result = java("-Djmach.exec=mach:demo bounded-buffer");
        assertEquals(result.err, 0, result.status);
        List<String> produced = new ArrayList<>();
        List<String> consumed = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String line : result.out.split("\\R")) {
            if (line.startsWith("produced ")) {
                produced.add(line.substring("produced ".length()));
            } else if (line.startsWith("consumed ")) {
                consumed.add(line.substring("consumed ".length()));
            }
        }
        for (int i = 1; i <= 10; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(result.out, expected, produced);
        assertEquals(result.out, expected, consumed);
        assertTrue(result.out, result.out.contains("bounded buffer: 10 items produced and consumed once each, in order"));
    }

    @Test
    public void execMachDemoOfAnUnknownNameFailsListingTheDemos() throws Exception {
        Result result = java("-Djmach.exec=mach:demo nosuch");
        assertEquals(1, result.status);
        assertTrue(result.err, result.err.contains("known demos: bounded-buffer"));
    }

    @Test
    public void consolePromptsRunsCommandsAndShutsDown() throws Exception {
        Result result = run(List.of(java(), "-jar", JAR.getPath()), "mach:host\nshutdown\n");
        assertEquals(result.err, 0, result.status);
        assertTrue(result.out, result.out.startsWith("mach> max_cpus 2"));
        assertTrue(result.out, result.out.endsWith("mach> "));
    }

    @Test
    public void endOfInputStopsTheConsole() throws Exception {
        Result result = run(List.of(java(), "-jar", JAR.getPath()), "");
        assertEquals(result.err, 0, result.status);
        assertEquals("mach> " + System.lineSeparator(), result.out);
    }

    /**
     * The disk survives a restart of jmach: the second boot finds the
     * paging area the first one left (its generation goes on) and, its map
     * checked, consistent and cleanly closed (a warning would say otherwise).
     */
    @Test
    public void thePagingAreaSurvivesARestartConsistent() throws Exception {
        File data = Files.createTempDirectory("jmach-run").toFile();
        try {
            List<String> command = List.of(java(), "-Djmach.data=" + data, "-Djmach.exec=mach:pager", "-jar",
                    JAR.getPath());
            Result first = run(command, "");
            assertEquals(first.err, 0, first.status);
            assertTrue(new File(data, "jmach-disk.img").isFile());
            Result second = run(command, "");
            assertEquals(second.err, 0, second.status);
            assertEquals("", second.err);
            assertTrue(second.out, second.out.contains("raw pages"));
            long before = generation(first.out);
            assertEquals(second.out, before + 1, generation(second.out));
        } finally {
            for (File f : data.listFiles()) {
                f.delete();
            }
            data.delete();
        }
    }

    /** The paging area's generation as mach:pager prints it. */
    private static long generation(String pager) {
        return pager.lines().filter(l -> l.startsWith("generation ")).mapToLong(l -> Long.parseLong(l.substring(10).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no generation in:\n" + pager));
    }

    @Test
    public void machScriptBootExec() throws Exception {
        Result ok = run(List.of("sh", new File(TOP, "mach").getPath(), "boot", "--exec", "mach:host"), "");
        assertEquals(ok.err, 0, ok.status);
        assertTrue(ok.out, ok.out.contains("max_cpus 2\n"));
        assertTrue(ok.out, ok.out.contains("memory_size 67108864\n"));

        Result bad = run(List.of("sh", new File(TOP, "mach").getPath(), "boot", "--exec", "mach:nosuch"), "");
        assertTrue(bad.status != 0);
        assertEquals(bad.err, 1, bad.err.lines().count());
    }

    private static Result java(String property) throws Exception {
        // The run directory, where the disk image lives: the build's, not the checkout's.
        String data = "-Djmach.data=" + new File("target").getAbsolutePath();
        return run(List.of(java(), data, property, "-jar", JAR.getPath()), "");
    }

    private static String java() {
        return new File(System.getProperty("java.home"), "bin/java").getPath();
    }

    private static Result run(List<String> command, String input) throws Exception {
        File out = File.createTempFile("jmach-out", ".txt");
        File err = File.createTempFile("jmach-err", ".txt");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .directory(TOP)
                    .redirectOutput(out)
                    .redirectError(err)
                    .start();
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not exit");
            }
            return new Result(process.exitValue(), read(out), read(err));
        } finally {
            out.delete();
            err.delete();
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    private record Result(int status, String out, String err) {
    }
}
