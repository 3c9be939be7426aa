package org.jmach.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MigUser;
import org.jmach.mach.Port;
import org.junit.jupiter.api.Test;

/**
 * The plumbing of {@link NativeHostQuery} around the thread it starts: the
 * task's life, the result or error handed back, the bounded wait. The MIG
 * calls themselves need a kernel; the integration tests make them.
 */
class NativeHostQueryTest {

    @Test
    void theBodysResultComesBackAndTheTaskIsTerminated() {
        FakeTasks tasks = new FakeTasks(Mode.RUN);
        String result = new NativeHostQuery(tasks).query(host -> "figures");
        assertEquals("figures", result);
        assertEquals(List.of(NativeHostQuery.TASK_NAME), tasks.created);
        assertEquals(List.of(1), tasks.terminated);
    }

    @Test
    void whatTheBodyThrowsReachesTheCaller() {
        FakeTasks tasks = new FakeTasks(Mode.RUN);
        IllegalStateException failure = new IllegalStateException("host_info(HOST_BASIC_INFO) failed: KERN_INVALID_HOST");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new NativeHostQuery(tasks).query(host -> {
                    throw failure;
                }));
        assertSame(failure, error);
        assertEquals(List.of(1), tasks.terminated);
    }

    @Test
    void aThreadThatCannotBeCreatedIsReportedByName() {
        FakeTasks tasks = new FakeTasks(Mode.REFUSE);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new NativeHostQuery(tasks).query(host -> "unused"));
        assertEquals("thread_create failed: KERN_INVALID_TASK", error.getMessage());
        assertEquals(List.of(1), tasks.terminated);
    }

    @Test
    void aHostThatNeverAnswersTimesOutAndTheTaskIsTerminated() {
        FakeTasks tasks = new FakeTasks(Mode.NEVER);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new NativeHostQuery(tasks, Duration.ofMillis(50)).query(host -> "unused"));
        assertEquals("the host did not answer within 50 ms (task mach:host)", error.getMessage());
        assertEquals(List.of(1), tasks.terminated);
    }

    /** What the fake does with a new thread. */
    private enum Mode {
        /** Runs its body at once, on the caller's thread. */
        RUN,
        /** Accepts it and never runs it, as a halting kernel might. */
        NEVER,
        /** Refuses it: KERN_INVALID_TASK. */
        REFUSE,
    }

    /** Tasks that are only ids, and threads run (or not) as {@link Mode} says. */
    private static final class FakeTasks extends FakeNativeTasks {

        final Mode mode;

        FakeTasks(Mode mode) {
            this.mode = mode;
        }

        @Override
        public int threadCreate(int taskId, String name, Consumer<MachTraps> body) {
            switch (mode) {
                case RUN -> body.accept(traps());
                case NEVER -> { }
                case REFUSE -> {
                    return KernReturn.KERN_INVALID_TASK;
                }
            }
            return KernReturn.KERN_SUCCESS;
        }
    }

    /**
     * Traps of a thread that gets no host port (MACH_PORT_NULL, so nothing
     * to deallocate); any other trap fails the test.
     */
    private static MachTraps traps() {
        MachTraps[] self = new MachTraps[1];
        self[0] = (MachTraps) Proxy.newProxyInstance(MachTraps.class.getClassLoader(),
                new Class<?>[] {MachTraps.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "machHostSelf" -> Port.MACH_PORT_NULL;
                    case "mig" -> new MigUser(self[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return self[0];
    }
}
