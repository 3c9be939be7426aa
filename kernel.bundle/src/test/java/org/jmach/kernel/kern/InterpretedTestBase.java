package org.jmach.kernel.kern;

import static org.jmach.kernel.kern.RvAsm.A0;
import static org.jmach.kernel.kern.RvAsm.A7;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the tests of interpreted threads' waits share: a program of task a
 * started from {@link RvPrograms}, an emulation whose call 93 ends it and
 * keeps its a0, and the check that a thread waits holding no Java thread.
 */
abstract class InterpretedTestBase extends MigTestBase {

    static final long DATA = RvPrograms.DATA;
    /** A timeout no test waits for (ten minutes). */
    static final int LONG = 600_000;

    /** An emulation that ends the thread on system call 93 with a0 kept in {@code exit}. */
    AtomicLong exitEmulation() {
        AtomicLong exit = new AtomicLong(-1);
        taskA.setEmulation((traps, regs) -> {
            if (regs.x(A7) == 93) {
                exit.set(regs.x(A0));
                traps.mach().threadTerminate(traps.machThreadSelf());
            }
        });
        return exit;
    }

    /** Loads {@code a} into task a and resumes a thread at its start; returns the thread. */
    Thread start(RvAsm a) {
        RvPrograms.load(self, task, a);
        int thread = RvPrograms.thread(self, task, RvPrograms.CODE);
        assertEquals(KERN_SUCCESS, self.mach().threadResume(thread));
        return taskA.threadList().stream().filter(x -> x.interpreter() != null).findFirst().orElseThrow();
    }

    /** The thread waits with a continuation, and no Java thread of the pool acts for it. */
    void awaitWaitingWithoutAJavaThread(Thread t) throws Exception {
        await("the thread waits with a continuation", t::blockedWithContinuation);
        String javaName = "mach " + taskA.name() + "." + t.name();
        await("no Java thread acts for it", () -> java.lang.Thread.getAllStackTraces().keySet().stream()
                .noneMatch(j -> j.getName().equals(javaName)));
        assertTrue(t.blockedWithContinuation(), "still waiting");
    }
}
