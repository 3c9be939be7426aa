package org.jmach.launcher.internal;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.jmach.exec.BareRunner;
import org.jmach.mach.MachNativeTasks;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The console of the embedded default: a {@code mach> } prompt over the Gogo
 * command processor, or, when the framework property {@value #EXEC_PROPERTY}
 * holds commands, a run of those commands and an exit.
 *
 * <p>It is the launcher's main-thread service ({@code main.thread=true}): the
 * bnd launcher calls it on the JVM's main thread once every bundle has
 * started, then stops the framework and exits with the status it returns,
 * 0 when every command succeeded, 1 when one failed or did not exist.
 * When {@value #RUN_BARE_PROPERTY} names an executable, it runs that
 * instead ({@code ./mach run --bare FILE [ARGS]}, {@link BareRunner}) with
 * the process's standard streams, and the status is the program's.
 */
@Component(service = Callable.class, property = "main.thread=true")
public final class Console implements Callable<Integer> {

    /** Framework (or system) property holding the commands of --exec. */
    public static final String EXEC_PROPERTY = "jmach.exec";
    /** Framework (or system) property naming the executable of {@code ./mach run --bare FILE}. */
    public static final String RUN_BARE_PROPERTY = "jmach.run.bare";
    /** Prefix of the properties holding its arguments, {@code jmach.run.arg.0} on, up to the first missing. */
    public static final String RUN_ARG_PREFIX = "jmach.run.arg.";
    /** How long run mode waits for the kernel's bootstrap service. */
    static final long KERNEL_WAIT_MS = 60_000;
    /** Exit status when run mode cannot run the program at all (no kernel, no file). */
    static final int STATUS_CANNOT_RUN = 126;
    static final String PROMPT = "mach> ";
    static final String SHUTDOWN = "shutdown";

    private final CommandProcessor processor;
    private final String exec;
    private final BundleContext context;

    @Activate
    public Console(@Reference CommandProcessor processor, BundleContext context) {
        this.processor = processor;
        this.exec = context.getProperty(EXEC_PROPERTY);
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        // Gogo replaces System.out and System.err with streams that forward to
        // the current session; a session built on those would write to itself.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, Charset.defaultCharset());
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, Charset.defaultCharset());
        InputStream in = new FileInputStream(FileDescriptor.in);
        String bare = context.getProperty(RUN_BARE_PROPERTY);
        if (bare != null) {
            return runBare(bare, in, out, err);
        }
        try (CommandSession session = processor.createSession(in, out, err)) {
            if (exec != null) {
                return run(session, exec, out, err) ? 0 : 1;
            }
            return interact(session, in, out, err);
        }
    }

    private static int interact(CommandSession session, InputStream input, PrintStream out, PrintStream err)
            throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(input, Charset.defaultCharset()));
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                return 0;
            }
            if (line.trim().equals(SHUTDOWN)) {
                return 0;
            }
            run(session, line, out, err);
        }
    }

    /**
     * Runs the commands of one line in order, each to its end even when one
     * before it failed; every failure is one line on {@code err}.
     *
     * @return true if every command succeeded
     */
    static boolean run(CommandSession session, String line, PrintStream out, PrintStream err) {
        List<String> commands;
        try {
            commands = CommandLine.split(line);
        } catch (IllegalArgumentException e) {
            err.println("mach: " + e.getMessage());
            return false;
        }
        boolean ok = true;
        for (String command : commands) {
            try {
                Object result = session.execute(command);
                if (result != null) {
                    out.println(session.format(result, Converter.INSPECT));
                }
            } catch (Exception e) {
                err.println("mach: " + command + ": " + firstLine(e));
                ok = false;
            } finally {
                out.flush();
                err.flush();
            }
        }
        return ok;
    }

    /**
     * Run mode ({@code ./mach run --bare FILE [ARGS]}): runs the executable
     * under the bare personality with this process's standard streams, and
     * returns its exit status, which becomes the process's.
     */
    private int runBare(String path, InputStream in, PrintStream out, PrintStream err) {
        List<String> args = new java.util.ArrayList<>();
        for (int i = 0; context.getProperty(RUN_ARG_PREFIX + i) != null; i++) {
            args.add(context.getProperty(RUN_ARG_PREFIX + i));
        }
        byte[] file;
        try {
            file = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(path));
        } catch (IOException | RuntimeException e) {
            err.println("mach: run: cannot read " + path + ": " + e.getMessage());
            return STATUS_CANNOT_RUN;
        }
        org.osgi.util.tracker.ServiceTracker<MachNativeTasks, MachNativeTasks> tracker =
                new org.osgi.util.tracker.ServiceTracker<>(context, MachNativeTasks.class, null);
        tracker.open();
        try {
            MachNativeTasks tasks = tracker.waitForService(KERNEL_WAIT_MS);
            if (tasks == null) {
                err.println("mach: run: no kernel is booted (the log says why not)");
                return STATUS_CANNOT_RUN;
            }
            return new BareRunner(tasks, in, out, err).run(path, file, args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 128 + 2;
        } finally {
            tracker.close();
        }
    }

    /** The first line of what went wrong, from the innermost reflective cause. */
    static String firstLine(Throwable e) {
        while (e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null) {
            e = e.getCause();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getName();
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
