package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.A0;
import static org.jmach.kernel.kern.RvAsm.A1;
import static org.jmach.kernel.kern.RvAsm.A2;
import static org.jmach.kernel.kern.RvAsm.S0;
import static org.jmach.kernel.kern.RvAsm.S1;
import static org.jmach.kernel.kern.RvAsm.SP;
import static org.jmach.kernel.kern.RvAsm.T0;
import static org.jmach.kernel.kern.RvAsm.T1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.jmach.exec.BareRunner;
import org.junit.jupiter.api.Test;

/**
 * The bare personality: static RISC-V executables with Linux's system
 * call numbers, their output, their exit status, and the message and
 * status of one that goes wrong (a bad load, an illegal instruction, a
 * store to text, a jump into data); jmach runs on after each.
 */
class BareRunnerTest extends SchedTestBase {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Consumer<RvAsm> program, byte[] data, String input, String... args) throws Exception {
        if (kernel == null) {
            boot(2, false);
        }
        RvAsm a = new RvAsm();
        program.accept(a);
        return run(ElfImage.build(a.bytes(), data, 4096), input, args);
    }

    private int run(byte[] file, String input, String... args) throws Exception {
        if (kernel == null) {
            boot(2, false);
        }
        BareRunner runner = new BareRunner(new NativeTasks(kernel),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return runner.run("/bin/prog", file, List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** write(fd, DATA, length). */
    private static void write(RvAsm a, int fd, int length) {
        a.li(A0, fd).li(A1, (int) ElfImage.DATA).li(A2, length).call(64);
    }

    @Test
    void aReadWaitingForInputHoldsNoJavaThreadAndNoProcessor() throws Exception {
        boot(2, false);
        RvAsm a = new RvAsm();
        a.li(A0, 0).li(A1, (int) ElfImage.DATA).li(A2, 64).call(63); // n = read(0, DATA, 64)
        a.add(A2, A0, 0).li(A0, 1).li(A1, (int) ElfImage.DATA).call(64); // write(1, DATA, n)
        a.li(A0, 0).li(A1, (int) ElfImage.DATA).li(A2, 64).call(63); // read again: the end of input
        a.addi(A0, A0, 3).call(93); // exit(3 + 0)
        byte[] file = ElfImage.build(a.bytes(), new byte[64], 4096);
        java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
        java.io.PipedInputStream input = new java.io.PipedInputStream(typing);
        BareRunner runner = new BareRunner(new NativeTasks(kernel), input,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int[] status = {-1};
        java.lang.Thread console = new java.lang.Thread(() -> {
            try {
                status[0] = runner.run("/bin/reader", file, List.of());
            } catch (InterruptedException e) {
                status[0] = -2;
            }
        });
        console.start();
        await("the program runs", () -> program("bare reader") != null);
        Thread t = program("bare reader");
        await("its read waits with a continuation", () -> "mach_msg receive (continuation)".equals(t.waitDescription()));
        String javaName = "mach " + t.task().name() + "." + t.name();
        await("no Java thread acts for it", () -> java.lang.Thread.getAllStackTraces().keySet().stream()
                .noneMatch(j -> j.getName().equals(javaName)));
        assertEquals(SchedPrim.WAITING, state(t), "it holds no processor");
        typing.write("typed line\n".getBytes(StandardCharsets.US_ASCII));
        typing.close();
        console.join(10_000);
        assertEquals(3, status[0]);
        assertEquals("typed line\n", out());
    }

    /** The interpreted thread of the task whose name starts with {@code prefix}, or null. */
    private Thread program(String prefix) {
        return kernel.tasks().stream().filter(k -> k.name().startsWith(prefix))
                .flatMap(k -> k.threadList().stream()).filter(x -> x.interpreter() != null).findFirst().orElse(null);
    }

    @Test
    void helloWritesToStdoutAndStderrAndExitsWithItsStatus() throws Exception {
        byte[] msg = "hello, jmach\n".getBytes(StandardCharsets.US_ASCII);
        int status = run(a -> {
            write(a, 1, msg.length);
            write(a, 2, 5);
            a.li(A0, 7).call(93);
        }, msg, "");
        assertEquals(7, status);
        assertEquals("hello, jmach\n", out());
        assertEquals("hello", err());
    }

    @Test
    void argcArrivesOnTheStackAndExitGroupEndsTheProgram() throws Exception {
        int status = run(a -> a.ld(A0, SP, 0).call(94), new byte[8], "", "x", "y");
        assertEquals(3, status);
    }

    @Test
    void readBrkAndClockGettimeWork() throws Exception {
        int status = run(a -> {
            // n = read(0, DATA, 16); write(1, DATA, n)
            a.li(A0, 0).li(A1, (int) ElfImage.DATA).li(A2, 16).call(63);
            a.addi(A2, A0, 0).li(A0, 1).li(A1, (int) ElfImage.DATA).call(64);
            // b = brk(0); b2 = brk(b + 8192); *(b2 - 8) = 1; exit(b2 - b == 8192 ? 0 : 1)
            a.li(A0, 0).call(214).addi(S0, A0, 0);
            a.li(T0, 8192).add(A0, S0, T0).call(214).addi(S1, A0, 0);
            a.addi(T1, 0, 1).sd(T1, S1, -8);
            // clock_gettime(CLOCK_MONOTONIC, sp - 16) must answer 0
            a.addi(A1, SP, -16).li(A0, 1).call(113).addi(T1, A0, 0);
            a.sub(T0, S1, S0).li(A0, 8192).sub(A0, T0, A0).add(A0, A0, T1).call(93);
        }, new byte[16], "typed");
        assertEquals("typed", out());
        assertEquals(0, status, err());
    }

    @Test
    void anUnsupportedSystemCallEndsTheProgramNamingIt() throws Exception {
        int status = run(a -> a.call(222), new byte[8], "");
        assertEquals(128 + 31, status);
        assertTrue(err().contains("unsupported system call 222"), err());
    }

    @Test
    void exceptionsEndTheProgramWithAClearMessageAndJmachRunsOn() throws Exception {
        assertEquals(128 + 11, run(a -> a.li(S0, 0x5000_0000).ld(T0, S0, 0), new byte[8], ""));
        assertTrue(err().contains("EXC_BAD_ACCESS at 0x50000000 (KERN_INVALID_ADDRESS)"), err());
        assertEquals(128 + 4, run(a -> a.word(0xc0001073), new byte[8], ""));
        assertTrue(err().contains("EXC_BAD_INSTRUCTION: illegal instruction 0xc0001073 at pc 0x10000"), err());
        assertEquals(128 + 11, run(a -> a.li(S0, (int) ElfImage.TEXT).sd(S0, S0, 0), new byte[8], ""));
        assertTrue(err().contains("EXC_BAD_ACCESS at 0x10000 (KERN_PROTECTION_FAILURE)"), err());
        assertEquals(128 + 11, run(a -> a.li(S0, (int) ElfImage.DATA).ld(T0, S0, 0).jalr(0, S0, 0),
                new byte[] {0x73, 0, 0x10, 0}, "")); // ebreak in data: read, but never run
        assertTrue(err().contains("EXC_BAD_ACCESS at 0x20000 (KERN_PROTECTION_FAILURE), pc 0x20000"), err());
        assertEquals(BareRunner.STATUS_CANNOT_EXECUTE, run(new byte[10], ""));
        assertTrue(err().contains("not an ELF file"), err());
        assertEquals(5, run(a -> a.li(A0, 5).call(93), new byte[8], ""), "jmach runs on");
    }
}
