package org.jmach.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * mach:run's command line: only --bare with a readable file is run (the
 * bare personality itself is tested with a kernel in the kernel bundle).
 */
class RunCommandTest {

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void withoutBareOrAFileItFailsWithTheUsage() {
        RunCommand command = new RunCommand(null);
        for (List<String> args : List.of(List.<String>of(), List.of("--bare"), List.of("prog.elf"),
                List.of("--other", "prog.elf"), List.of("--bare", " "))) {
            assertEquals(RunCommand.USAGE,
                    assertThrows(IllegalArgumentException.class, () -> command.run(args, out)).getMessage(),
                    args.toString());
        }
    }

    @Test
    void aFileThatCannotBeReadIsNamed() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new RunCommand(null).run(List.of("--bare", "/no/such/file.elf"), out)).getMessage();
        assertTrue(message.startsWith("cannot read /no/such/file.elf"), message);
    }

    @Test
    void withNoKernelItSaysSo() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("prog", ".elf");
        try {
            String message = assertThrows(IllegalStateException.class,
                    () -> new RunCommand(null).run(List.of("--bare", file.toString()), out)).getMessage();
            assertTrue(message.startsWith("no kernel is booted"), message);
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
