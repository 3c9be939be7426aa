package org.jmach.shell.internal;

import static org.jmach.shell.internal.ConsoleText.assertSaysNoKernelIsBooted;
import static org.jmach.shell.internal.ConsoleText.failing;
import static org.jmach.shell.internal.ConsoleText.lines;
import static org.jmach.shell.internal.ConsoleText.printed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;
import org.jmach.shell.internal.ConsoleText.Failed;
import org.junit.jupiter.api.Test;

/**
 * mach:demo around the thread it starts: the list, the output carried from
 * the demo's threads, the status, the bounded wait, the task's end. The real
 * demos need a kernel; the integration tests and {@code ./mach boot --exec}
 * run them.
 */
class DemoCommandTest {

    private static final Demo ECHO = new Demo("echo", "prints from two threads", (traps, out) -> {
        out.println("one");
        java.lang.Thread other = new java.lang.Thread(() -> out.println("two"));
        other.start();
        try {
            other.join();
        } catch (InterruptedException e) {
            return 1;
        }
        out.print("three");
        return 0;
    });
    private static final Demo FAIL = new Demo("fail", "returns 3", (traps, out) -> {
        out.println("trying");
        return 3;
    });
    private static final Demo THROW = new Demo("throw", "throws", (traps, out) -> {
        throw new IllegalStateException("broken");
    });
    private static final Demo HANG = new Demo("hang", "never returns until interrupted", (traps, out) -> {
        out.println("started");
        try {
            java.lang.Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            return 0;
        }
        return 0;
    });
    private static final List<Demo> DEMOS = List.of(ECHO, FAIL, THROW, HANG);

    @Test
    void withoutANameTheDemosAreListed() {
        String listed = printed(new DemoCommand(new FakeTasks(true), DEMOS, Duration.ofSeconds(10))::list);
        assertEquals(lines(
                "DEMO   WHAT IT SHOWS",
                "echo   prints from two threads",
                "fail   returns 3",
                "throw  throws",
                "hang   never returns until interrupted",
                "run one with mach:demo NAME"), listed);
    }

    @Test
    void anUnknownNameFailsListingTheDemos() {
        FakeTasks tasks = new FakeTasks(true);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> run(tasks, "nosuch", Duration.ofSeconds(10)));
        assertEquals("no demo nosuch; known demos: echo, fail, throw, hang", error.getMessage());
        assertEquals(List.of(), tasks.created);
    }

    @Test
    void theDemosOutputFromAnyOfItsThreadsReachesTheConsoleAndItsTaskEnds() {
        FakeTasks tasks = new FakeTasks(true);
        assertEquals(lines("one", "two") + "three", run(tasks, "echo", Duration.ofSeconds(10)));
        assertEquals(List.of(DemoCommand.TASK_PREFIX + "echo"), tasks.created);
        assertEquals(List.of(1), tasks.terminated);
    }

    @Test
    void aDemoThatReturnsAnotherStatusFailsAfterItsOutput() {
        FakeTasks tasks = new FakeTasks(true);
        Failed<IllegalStateException> failed = failing(IllegalStateException.class,
                out -> command(tasks, Duration.ofSeconds(10)).run("fail", out));
        assertEquals("demo fail failed: status 3", failed.error().getMessage());
        assertEquals(lines("trying"), failed.printed());
        assertEquals(List.of(1), tasks.terminated);
    }

    @Test
    void whatADemoThrowsFailsTheCommand() {
        FakeTasks tasks = new FakeTasks(true);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> run(tasks, "throw", Duration.ofSeconds(10)));
        assertEquals("demo throw failed: java.lang.IllegalStateException: broken", error.getMessage());
        assertEquals(List.of(1), tasks.terminated);
    }

    @Test
    void aDemoThatDoesNotFinishInTimeFailsAndItsTaskIsTerminated() {
        FakeTasks tasks = new FakeTasks(true);
        Failed<IllegalStateException> failed = failing(IllegalStateException.class,
                out -> command(tasks, Duration.ofMillis(200)).run("hang", out));
        assertEquals("demo hang did not finish within 200 ms; its task (demo hang) is terminated",
                failed.error().getMessage());
        assertEquals(lines("started"), failed.printed());
        assertEquals(List.of(1), tasks.terminated);
    }

    @Test
    void aThreadThatCannotBeCreatedIsReportedByName() {
        FakeTasks tasks = new FakeTasks(false);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> run(tasks, "echo", Duration.ofSeconds(10)));
        assertEquals("thread_create failed: KERN_INVALID_TASK", error.getMessage());
        assertEquals(List.of(1), tasks.terminated);
    }

    @Test
    void withoutAKernelTheCommandSaysSo() {
        assertSaysNoKernelIsBooted(out -> command(null, Duration.ofSeconds(10)).run("echo", out));
    }

    private static DemoCommand command(MachNativeTasks tasks, Duration wait) {
        return new DemoCommand(tasks, DEMOS, wait);
    }

    private static String run(MachNativeTasks tasks, String name, Duration wait) {
        return printed(out -> command(tasks, wait).run(name, out));
    }

    /**
     * Tasks that are only ids; a thread is a Java thread of its own (with no
     * traps), interrupted when its task is terminated; or refused.
     */
    private static final class FakeTasks extends FakeNativeTasks {

        final boolean accept;
        final List<java.lang.Thread> threads = Collections.synchronizedList(new ArrayList<>());

        FakeTasks(boolean accept) {
            this.accept = accept;
        }

        @Override
        public int threadCreate(int taskId, String name, Consumer<MachTraps> body) {
            if (!accept) {
                return KernReturn.KERN_INVALID_TASK;
            }
            java.lang.Thread thread = new java.lang.Thread(() -> body.accept(null), name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
            return KernReturn.KERN_SUCCESS;
        }

        @Override
        public int taskTerminate(int taskId) {
            int kr = super.taskTerminate(taskId);
            threads.forEach(java.lang.Thread::interrupt);
            return kr;
        }
    }
}
