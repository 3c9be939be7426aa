package org.jmach.kernel.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.jmach.exec.BareRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The programs of {@code userland/} (their committed binaries) run on jmach
 * under the bare personality, each for each of its ABIs, and must print
 * what qemu-riscv64 printed ({@code expected/NAME.out}) and end with its
 * status ({@code expected/NAME.status}; the fault programs with 128 + the
 * signal, which jmach gives for the matching exception). Without a
 * {@code userland/} folder next to the module, the test is skipped, saying so.
 */
class UserlandProgramsTest {

    private static final Path USERLAND = Path.of("..", "userland");
    private static Startup kernel;

    @AfterAll
    static void halt() {
        if (kernel != null) {
            kernel.shutdown();
        }
    }

    /** Skipped, visibly, where there are no userland programs to run. */
    @org.junit.jupiter.api.Test
    void theUserlandProgramsAreHere() {
        assumeTrue(Files.isRegularFile(USERLAND.resolve("programs.txt")),
                "no userland/programs.txt next to the module: the userland programs are not run");
    }

    @TestFactory
    Stream<DynamicTest> everyProgramPrintsAndExitsAsOnQemu() throws IOException {
        Path list = USERLAND.resolve("programs.txt");
        if (!Files.isRegularFile(list)) {
            return Stream.empty();
        }
        kernel = TestMachine.boot(TestMachine.of(2), "userland");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            String name = f[0].strip();
            List<String> args = f[2].isBlank() ? List.of() : Arrays.asList(f[2].strip().split("\\s+"));
            for (String abi : f[1].strip().split("\\s+")) {
                tests.add(DynamicTest.dynamicTest(abi + "/" + name, () -> run(abi, name, args)));
            }
        }
        return tests.stream();
    }

    private static void run(String abi, String name, List<String> args) throws Exception {
        Path expected = USERLAND.resolve("expected");
        byte[] file = Files.readAllBytes(USERLAND.resolve("bin").resolve(abi).resolve(name));
        Path in = expected.resolve(name + ".in");
        byte[] input = Files.exists(in) ? Files.readAllBytes(in) : new byte[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BareRunner(new NativeTasks(kernel), new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(name, file, args);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(Files.readString(expected.resolve(name + ".out")), out.toString(StandardCharsets.UTF_8),
                "stdout; stderr: " + stderr);
        assertEquals(Integer.parseInt(Files.readString(expected.resolve(name + ".status")).strip()), status,
                "status; stderr: " + stderr);
    }
}
