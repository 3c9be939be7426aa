package org.jmach.cthreads;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class CThreadsTest extends CThreadsTestBase {

    @Test
    void forkedThreadsReturnTheirResultsToJoin() throws Exception {
        List<Integer> results = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            List<CThread<Integer>> threads = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                threads.add(ct.cthreadFork((t, n) -> n * n, i));
            }
            List<Integer> out = new ArrayList<>();
            for (CThread<Integer> t : threads) {
                out.add(ct.cthreadJoin(t));
            }
            ct.exit();
            return out;
        });
        assertEquals(List.of(1, 4, 9, 16, 25, 36), results);
    }

    @Test
    void eachThreadHasItsOwnTrapsAndSelf() throws Exception {
        List<Object> seen = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            CThread<?> main = ct.cthreadSelf();
            AtomicReference<Object> childTraps = new AtomicReference<>();
            CThread<CThread<?>> child = ct.cthreadFork((t, unused) -> {
                childTraps.set(t);
                return ct.cthreadSelf();
            }, null);
            CThread<?> childSelf = ct.cthreadJoin(child);
            List<Object> out = List.of(main.id(), main.name(), childSelf == child, childTraps.get() != traps,
                    child.id(), child.thread() != main.thread());
            ct.exit();
            return out;
        });
        assertEquals(List.of(0, CThreads.MAIN_NAME, true, true, 1, true), seen);
    }

    @Test
    void cthreadExitEndsTheThreadWithItsResultAndRunsFinally() throws Exception {
        AtomicBoolean finallyRan = new AtomicBoolean();
        AtomicBoolean after = new AtomicBoolean();
        Object result = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            CThread<Object> t = ct.cthreadFork((tr, unused) -> {
                try {
                    ct.cthreadExit("bye");
                    after.set(true);
                    return "not this";
                } finally {
                    finallyRan.set(true);
                }
            }, null);
            Object r = ct.cthreadJoin(t);
            ct.exit();
            return r;
        });
        assertEquals("bye", result);
        assertTrue(finallyRan.get());
        assertFalse(after.get());
    }

    @Test
    void joinRethrowsWhatTheFunctionThrew() throws Exception {
        Throwable cause = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            CThread<Object> t = ct.cthreadFork((tr, unused) -> {
                throw new ArithmeticException("boom");
            }, null);
            CThreadException e = assertThrows(CThreadException.class, () -> ct.cthreadJoin(t));
            ct.exit();
            return e.getCause();
        });
        assertInstanceOf(ArithmeticException.class, cause);
        assertEquals("boom", cause.getMessage());
    }

    @Test
    void mainCthreadCannotExitOrJoinItself() throws Exception {
        inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            assertThrows(IllegalStateException.class, () -> ct.cthreadExit(null));
            assertThrows(IllegalArgumentException.class, () -> ct.cthreadJoin(ct.cthreadSelf()));
            ct.exit();
            assertThrows(IllegalStateException.class, () -> ct.cthreadSelf());
            ct.exit();
            return null;
        });
    }

    @Test
    void detachedThreadIsReapedWhenItEndsAndCannotBeJoined() throws Exception {
        inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc("m");
            Condition ended = ct.conditionAlloc("ended");
            int[] state = new int[1];
            m.mutexLock();
            CThread<Object> t = ct.cthreadFork((tr, unused) -> {
                m.mutexLock();
                state[0] = 1;
                ended.conditionSignal();
                m.mutexUnlock();
                return null;
            }, null);
            ct.cthreadDetach(t);
            assertThrows(IllegalStateException.class, () -> ct.cthreadDetach(t));
            while (state[0] == 0) {
                ended.conditionWait(m);
            }
            m.mutexUnlock();
            // It still has to return; then it is forgotten.
            while (ct.cthreadCount() > 1) {
                ct.cthreadYield();
            }
            assertTrue(t.isDone());
            assertThrows(IllegalStateException.class, () -> ct.cthreadJoin(t));
            ct.exit();
            return null;
        });
    }

    @Test
    void detachAfterTheEndReapsAtOnce() throws Exception {
        int count = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            CThread<Integer> t = ct.cthreadFork((tr, unused) -> 7, null);
            while (!t.isDone()) {
                ct.cthreadYield();
            }
            ct.cthreadDetach(t);
            int n = ct.cthreadCount();
            ct.exit();
            return n;
        });
        assertEquals(1, count);
    }

    @Test
    void namesAndData() throws Exception {
        List<Object> seen = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc("gate");
            m.mutexLock();
            CThread<String> t = ct.cthreadFork((tr, unused) -> {
                m.mutexLock();
                m.mutexUnlock();
                return ct.cthreadName(ct.cthreadSelf()) + "/" + ct.cthreadData(ct.cthreadSelf());
            }, null);
            ct.cthreadSetName(t, "worker");
            ct.cthreadSetData(t, 17);
            // Ask while the worker waits for the mutex: once it ends, its thread port is dead.
            String[] kernelName = new String[1];
            assertEquals(KERN_SUCCESS, traps.gnumach().threadGetName(t.thread(), kernelName));
            m.mutexUnlock();
            String r = ct.cthreadJoin(t);
            List<Object> out = List.of(r, t.name(), m.mutexName(), kernelName[0]);
            ct.exit();
            return out;
        });
        assertEquals(List.of("worker/17", "worker", "gate", "worker"), seen);
    }

    @Test
    void forkFromAForkedThread() throws Exception {
        int r = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            CThread<Integer> outer = ct.cthreadFork((tr, n) -> {
                CThread<Integer> inner = ct.cthreadFork((tr2, k) -> k + 1, n);
                return ct.cthreadJoin(inner) * 10;
            }, 4);
            int v = ct.cthreadJoin(outer);
            ct.exit();
            return v;
        });
        assertEquals(50, r);
    }

    @Test
    void callersOutsideTheLibraryAreRefused() throws Exception {
        inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            java.lang.Thread stranger = new java.lang.Thread(() -> {
                try {
                    ct.cthreadSelf();
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            stranger.start();
            try {
                stranger.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertInstanceOf(IllegalStateException.class, thrown.get());
            ct.exit();
            return null;
        });
    }

    @Test
    void exitJoinsThreadsNobodyJoined() throws Exception {
        int[] done = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            int[] d = new int[1];
            Mutex m = ct.mutexAlloc(null);
            for (int i = 0; i < 4; i++) {
                ct.cthreadFork((tr, unused) -> {
                    for (int k = 0; k < 3; k++) {
                        ct.cthreadYield();
                    }
                    m.mutexLock();
                    d[0]++;
                    m.mutexUnlock();
                    return null;
                }, null);
            }
            ct.exit();
            return d;
        });
        assertEquals(4, done[0]);
    }

    @Test
    void exitGivesBackEveryPortTheLibraryTook() throws Exception {
        int[] counts = inTask(traps -> {
            int before = portNames(traps);
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            Condition c = ct.conditionAlloc(null);
            int[] shared = new int[1];
            List<CThread<Object>> ts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ts.add(ct.cthreadFork((tr, unused) -> {
                    m.mutexLock();
                    shared[0]++;
                    c.conditionBroadcast();
                    m.mutexUnlock();
                    return null;
                }, null));
            }
            int during = portNames(traps);
            ct.cthreadJoin(ts.get(0));
            ct.cthreadDetach(ts.get(1));
            m.mutexLock();
            while (shared[0] < 5) {
                c.conditionWait(m);
            }
            m.mutexUnlock();
            ct.exit();
            return new int[] {before, during, portNames(traps)};
        });
        assertNotEquals(counts[0], counts[1], "the library took ports");
        assertEquals(counts[0], counts[2], "names before init and after exit");
    }

    @Test
    void exitTerminatesDetachedThreadsStillWaiting() throws Exception {
        boolean[] after = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            Condition never = ct.conditionAlloc("never");
            boolean[] state = new boolean[2];
            CThread<Object> t = ct.cthreadFork((tr, unused) -> {
                m.mutexLock();
                state[0] = true;
                never.conditionWait(m);
                state[1] = true;
                m.mutexUnlock();
                return null;
            }, null);
            ct.cthreadDetach(t);
            // Once main has the mutex after the child set state[0], the child waits on the condition.
            boolean waiting = false;
            while (!waiting) {
                ct.cthreadYield();
                m.mutexLock();
                waiting = state[0];
                m.mutexUnlock();
            }
            ct.exit();
            return new boolean[] {state[1]};
        });
        assertFalse(after[0]);
    }

    @Test
    void joinOfAThreadTwiceIsRefused() throws Exception {
        inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            CThread<Integer> t = ct.cthreadFork((tr, unused) -> 1, null);
            assertEquals(1, ct.cthreadJoin(t));
            assertThrows(IllegalStateException.class, () -> ct.cthreadJoin(t));
            assertEquals(1, ct.cthreadCount());
            ct.exit();
            return null;
        });
    }
}
