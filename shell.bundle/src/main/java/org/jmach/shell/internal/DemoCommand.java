package org.jmach.shell.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.shell.internal.Table.Align;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code mach:demo NAME}: runs a demo program on jmach and prints what it
 * prints; {@code mach:demo} alone lists the demos ({@link Demos}).
 *
 * <p>Each run gets a fresh task, {@code demo NAME}, from
 * {@link MachNativeTasks}; the demo runs on a native thread of it and may
 * start more. Its output reaches the console as it is printed
 * ({@link ConsoleRelay}). The command waits for the demo a bounded time
 * (a guard against a hung kernel, not a measurement), then terminates the
 * task whatever happened, so a run leaves nothing behind.
 *
 * <p>The command fails (and {@code ./mach boot --exec} exits non-zero) for an
 * unknown name, listing the demos; when the demo returns a status other than
 * 0 or throws; when it does not finish in time; or when no kernel is booted.
 */
@Component(service = Object.class, property = {
    CommandScope.SCOPE,
    "osgi.command.function=demo",
})
public final class DemoCommand {

    /** The prefix of each run's task name, as mach:tasks shows it. */
    static final String TASK_PREFIX = "demo ";

    /** How long a demo may run before the command gives up on it. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MachNativeTasks tasks;

    private final Map<String, Demo> demos = new LinkedHashMap<>();
    private final Duration wait;

    public DemoCommand() {
        this(null, Demos.known(), DEFAULT_WAIT);
    }

    /** A command on {@code tasks} that knows {@code demos} and waits {@code wait} for each. */
    DemoCommand(MachNativeTasks tasks, List<Demo> demos, Duration wait) {
        this.tasks = tasks;
        for (Demo demo : demos) {
            this.demos.put(demo.name(), demo);
        }
        this.wait = wait;
    }

    /** The command: mach:demo, the list of demos. */
    public void demo() {
        list(System.out);
    }

    /** The command: mach:demo NAME. */
    public void demo(String name) {
        run(name, System.out);
    }

    /** Prints the demos, a header then one line each: name and description. */
    void list(PrintStream out) {
        Table table = new Table().column("DEMO", Align.LEFT).column("WHAT IT SHOWS", Align.LEFT);
        for (Demo demo : demos.values()) {
            table.row(demo.name(), demo.description());
        }
        StringBuilder text = new StringBuilder();
        table.appendTo(text);
        text.append("run one with mach:demo NAME").append(System.lineSeparator());
        out.print(text);
        out.flush();
    }

    /**
     * Runs demo {@code name} in a task of its own and copies its output to
     * {@code out} as it comes.
     *
     * @throws IllegalArgumentException for an unknown demo, listing the known ones
     * @throws IllegalStateException if no kernel is booted, if the thread
     *         cannot be created, if the demo fails or does not finish in time
     */
    void run(String name, PrintStream out) {
        Demo demo = find(name);
        MachNativeTasks tasks = Kernel.booted(this.tasks);
        ConsoleRelay relay = new ConsoleRelay();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        String taskName = TASK_PREFIX + demo.name();
        int task = tasks.taskCreate(taskName);
        boolean ended;
        try {
            Kernel.check("thread_create", tasks.threadCreate(task, demo.name(),
                    traps -> runOn(traps, demo, relay, status)));
            ended = relay.copyTo(out, System.nanoTime() + wait.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.copyPending(out);
            throw new IllegalStateException("interrupted while waiting for demo " + demo.name(), e);
        } finally {
            tasks.taskTerminate(task);
        }
        if (!ended) {
            relay.copyPending(out);
            throw new IllegalStateException("demo " + demo.name() + " did not finish within "
                    + describe(wait) + "; its task (" + taskName + ") is terminated");
        }
        int code = result(demo, status);
        if (code != 0) {
            throw new IllegalStateException("demo " + demo.name() + " failed: status " + code);
        }
    }

    /** The demo's thread: runs it, hands back its status or failure, and ends the output. */
    private static void runOn(MachTraps traps, Demo demo, ConsoleRelay relay, CompletableFuture<Integer> status) {
        try {
            status.complete(demo.program().run(traps, relay.stream()));
        } catch (Throwable t) {
            status.completeExceptionally(t);
        } finally {
            relay.close();
        }
    }

    /** The status of a demo whose output has ended; what it threw is rethrown. */
    private static int result(Demo demo, CompletableFuture<Integer> status) {
        try {
            return status.getNow(-1);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("demo " + demo.name() + " failed: " + cause, cause);
        }
    }

    /**
     * The demo called {@code name}.
     *
     * @throws IllegalArgumentException if there is none, listing the known demos
     */
    Demo find(String name) {
        Demo demo = name == null ? null : demos.get(name.strip());
        if (demo == null) {
            throw new IllegalArgumentException((name == null || name.isBlank() ? "no demo named"
                    : "no demo " + name.strip()) + "; known demos: " + String.join(", ", demos.keySet()));
        }
        return demo;
    }

    private static String describe(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }
}
