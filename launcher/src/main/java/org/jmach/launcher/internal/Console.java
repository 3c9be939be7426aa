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
 */
@Component(service = Callable.class, property = "main.thread=true")
public final class Console implements Callable<Integer> {

    /** Framework (or system) property holding the commands of --exec. */
    public static final String EXEC_PROPERTY = "jmach.exec";
    static final String PROMPT = "mach> ";
    static final String SHUTDOWN = "shutdown";

    private final CommandProcessor processor;
    private final String exec;

    @Activate
    public Console(@Reference CommandProcessor processor, BundleContext context) {
        this.processor = processor;
        this.exec = context.getProperty(EXEC_PROPERTY);
    }

    @Override
    public Integer call() throws IOException {
        // Gogo replaces System.out and System.err with streams that forward to
        // the current session; a session built on those would write to itself.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, Charset.defaultCharset());
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, Charset.defaultCharset());
        InputStream in = new FileInputStream(FileDescriptor.in);
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
