package org.jmach.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jmach.exec.BareRunner;
import org.jmach.mach.MachNativeTasks;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:run --bare PATH [ARGS]}: runs the static RISC-V executable
 * at PATH (a host file) under the bare personality ({@link BareRunner}) and
 * prints what it writes to fd 1 and 2 as it comes. Its fd 0 is at end of
 * file (the console keeps its input). The command fails, naming the
 * status, when the program's exit status is not 0; the program's own
 * message (an exception, an unsupported system call, a file that is not an
 * executable) is printed first.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=run",
})
public final class RunCommand {

    static final String USAGE = "usage: mach:run --bare PATH [ARGS] (a static RISC-V ELF executable)";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachNativeTasks tasks;

    public RunCommand() {
    }

    RunCommand(MachNativeTasks tasks) {
        this.tasks = tasks;
    }

    /** The command: mach:run --bare PATH [ARGS]. */
    public void run(String... args) {
        String path = args.length > 1 ? args[1] : "";
        int status = run(List.of(args), System.out);
        if (status != 0) {
            throw new IllegalStateException(path + " exited with status " + status);
        }
    }

    /**
     * Runs the program and copies its output to {@code out}; returns its status.
     *
     * @throws IllegalArgumentException for a bad command line or a file that cannot be read
     * @throws IllegalStateException if no kernel is booted
     */
    int run(List<String> args, PrintStream out) {
        if (args.size() < 2 || !args.get(0).equals("--bare") || args.get(1).isBlank()) {
            throw new IllegalArgumentException(USAGE);
        }
        String path = args.get(1);
        byte[] file;
        try {
            file = Files.readAllBytes(Path.of(path));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
        MachNativeTasks tasks = Kernel.booted(this.tasks);
        ConsoleRelay relay = new ConsoleRelay();
        AtomicInteger status = new AtomicInteger(BareRunner.STATUS_CANNOT_EXECUTE);
        List<String> programArgs = List.copyOf(args.subList(2, args.size()));
        // The program's output comes from pooled Java threads that belong to no console session: a relay.
        java.lang.Thread runner = new java.lang.Thread(() -> {
            try {
                status.set(new BareRunner(tasks, InputStream.nullInputStream(), relay.stream(), relay.stream())
                        .run(path, file, programArgs));
            } catch (InterruptedException e) {
                status.set(128 + 2);
            } finally {
                relay.close();
            }
        }, "mach:run " + path);
        runner.start();
        try {
            relay.copyTo(out, System.nanoTime() + TimeUnit.DAYS.toNanos(365));
            runner.join();
        } catch (InterruptedException e) {
            runner.interrupt();
            java.lang.Thread.currentThread().interrupt();
            relay.copyPending(out);
            throw new IllegalStateException("interrupted while " + path + " ran; it is terminated", e);
        }
        return status.get();
    }
}
