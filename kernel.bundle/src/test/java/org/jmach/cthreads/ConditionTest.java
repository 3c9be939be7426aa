package org.jmach.cthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConditionTest extends CThreadsTestBase {

    /** Three waiters; a signal lets exactly one through, then a broadcast the other two. */
    @Test
    void signalWakesOneWaiterAndBroadcastWakesTheRest() throws Exception {
        List<Integer> seen = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            Condition c = ct.conditionAlloc("tickets");
            int[] s = new int[3]; // waiting, tickets, woken
            List<CThread<Object>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ts.add(ct.cthreadFork((tr, unused) -> {
                    m.mutexLock();
                    s[0]++;
                    while (s[1] == 0) {
                        c.conditionWait(m);
                    }
                    s[1]--;
                    s[2]++;
                    m.mutexUnlock();
                    return null;
                }, null));
            }
            awaitValue(ct, m, s, 0, 3);
            m.mutexLock();
            s[1] = 1;
            c.conditionSignal();
            m.mutexUnlock();
            awaitValue(ct, m, s, 2, 1);
            // The other two were not signalled: they are still waiting, however long we yield.
            for (int i = 0; i < 20; i++) {
                ct.cthreadYield();
            }
            m.mutexLock();
            int afterSignal = s[2];
            s[1] = 2;
            c.conditionBroadcast();
            m.mutexUnlock();
            for (CThread<Object> t : ts) {
                ct.cthreadJoin(t);
            }
            ct.exit();
            return List.of(afterSignal, s[2], s[1]);
        });
        assertEquals(List.of(1, 3, 0), seen);
    }

    @Test
    void signalWithNoWaiterIsNotRemembered() throws Exception {
        int woken = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            Condition c = ct.conditionAlloc(null);
            c.conditionSignal();
            c.conditionBroadcast();
            int[] s = new int[2]; // go, woken
            CThread<Object> t = ct.cthreadFork((tr, unused) -> {
                m.mutexLock();
                while (s[0] == 0) {
                    c.conditionWait(m);
                }
                s[1]++;
                m.mutexUnlock();
                return null;
            }, null);
            m.mutexLock();
            s[0] = 1;
            c.conditionSignal();
            m.mutexUnlock();
            ct.cthreadJoin(t);
            ct.exit();
            return s[1];
        });
        assertEquals(1, woken);
    }

    @Test
    void waitWithoutTheMutexIsRefused() throws Exception {
        inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            Condition c = ct.conditionAlloc(null);
            assertThrows(IllegalStateException.class, () -> c.conditionWait(m));
            ct.exit();
            return null;
        });
    }

    /** Ping-pong: two cthreads hand a turn back and forth many times over one condition. */
    @Test
    void pingPongAlternatesStrictly() throws Exception {
        List<String> log = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            Condition turnChanged = ct.conditionAlloc(null);
            int[] turn = new int[1];
            List<String> l = new ArrayList<>();
            List<CThread<Object>> ts = new ArrayList<>();
            for (int me = 0; me < 2; me++) {
                ts.add(ct.cthreadFork((tr, who) -> {
                    for (int i = 0; i < 50; i++) {
                        m.mutexLock();
                        while (turn[0] != who) {
                            turnChanged.conditionWait(m);
                        }
                        l.add(who == 0 ? "ping" : "pong");
                        turn[0] = 1 - who;
                        turnChanged.conditionBroadcast();
                        m.mutexUnlock();
                    }
                    return null;
                }, me));
            }
            for (CThread<Object> t : ts) {
                ct.cthreadJoin(t);
            }
            ct.exit();
            return l;
        });
        assertEquals(100, log.size());
        for (int i = 0; i < log.size(); i++) {
            assertEquals(i % 2 == 0 ? "ping" : "pong", log.get(i));
        }
    }

    /** Yields until {@code s[i]} reaches {@code value}, reading it under the mutex. */
    static void awaitValue(CThreads ct, Mutex m, int[] s, int i, int value) {
        while (true) {
            m.mutexLock();
            int v = s[i];
            m.mutexUnlock();
            if (v >= value) {
                return;
            }
            ct.cthreadYield();
        }
    }
}
