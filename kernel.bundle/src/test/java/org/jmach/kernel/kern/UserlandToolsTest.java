package org.jmach.kernel.kern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The userland programs against the tools, where the tools are installed:
 * their committed binaries must be what their sources build to (with the
 * toolchain {@code userland/TOOLCHAIN} records), and qemu-riscv64 must still
 * print and exit as {@code expected/} says, which {@link UserlandProgramsTest}
 * holds jmach to: so jmach and qemu agree on every program. Each test is
 * skipped, saying why, on a machine without the tools.
 */
class UserlandToolsTest {

    private static final Path USERLAND = Path.of("..", "userland");
    /** A guard against a hung tool, not a measurement. */
    private static final long GIVE_UP_MINUTES = 10;

    @Test
    void theCommittedBinariesAreWhatTheSourcesBuildTo() throws Exception {
        assumeTrue(Files.isRegularFile(USERLAND.resolve("TOOLCHAIN")), "no userland/ next to the module");
        List<String> recorded = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        for (String line : Files.readAllLines(USERLAND.resolve("TOOLCHAIN"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                recorded.add(line.strip());
                packages.add(line.split("\\t")[0]);
            }
        }
        List<String> command = new ArrayList<>(List.of("dpkg-query", "-W"));
        command.addAll(packages);
        Result installed = run(command);
        assumeTrue(installed.status == 0 && installed.out.strip().lines().map(String::strip).toList().equals(recorded),
                "the RISC-V toolchain userland/TOOLCHAIN records is not installed here (found: "
                        + installed.out.strip().replace('\n', ';') + "): the binaries are not rebuilt");
        Result check = run(List.of("make", "-C", USERLAND.toString(), "check"));
        assertEquals(0, check.status, check.out);
    }

    @Test
    void qemuStillPrintsAndExitsAsExpectedSays() throws Exception {
        assumeTrue(Files.isRegularFile(USERLAND.resolve("run-qemu.sh")), "no userland/ next to the module");
        assumeTrue(run(List.of("sh", "-c", "command -v qemu-riscv64")).status == 0,
                "qemu-riscv64 is not installed here: the programs are not run on it");
        Result qemu = run(List.of("make", "-C", USERLAND.toString(), "qemu"));
        assertEquals(0, qemu.status, qemu.out);
    }

    private record Result(int status, String out) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, command.get(0) + ": " + e.getMessage());
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-1, command + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
