package org.jmach.cthreads;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO_COUNT;
import static org.jmach.mach.ThreadInfo.TH_STATE_WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.jmach.mach.MachTraps;
import org.jmach.mach.ThreadBasicInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MutexTest extends CThreadsTestBase {

    @ParameterizedTest(name = "{0} processors")
    @ValueSource(ints = {1, 4})
    void contendedIncrementsAreNeitherLostNorDoubled(int processors) throws Exception {
        boot(processors);
        int threads = 8;
        int rounds = 300;
        int total = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc("counter");
            int[] counter = new int[1];
            List<CThread<Integer>> ts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ts.add(ct.cthreadFork((tr, unused) -> {
                    for (int k = 0; k < rounds; k++) {
                        m.mutexLock();
                        int v = counter[0];
                        if (k % 16 == 0) {
                            // Give up the processor while holding the mutex: others must wait in the kernel.
                            ct.cthreadYield();
                        }
                        counter[0] = v + 1;
                        m.mutexUnlock();
                    }
                    return rounds;
                }, null));
            }
            int sum = 0;
            for (CThread<Integer> t : ts) {
                sum += ct.cthreadJoin(t);
            }
            m.mutexLock();
            int c = counter[0];
            m.mutexUnlock();
            ct.exit();
            assertEquals(threads * rounds, sum);
            return c;
        });
        assertEquals(threads * rounds, total);
    }

    @Test
    void tryLockFailsWhileAnotherThreadHoldsIt() throws Exception {
        List<Boolean> tries = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            m.mutexLock();
            boolean whileHeld = ct.cthreadJoin(ct.cthreadFork((tr, unused) -> m.mutexTryLock(), null));
            m.mutexUnlock();
            boolean whenFree = ct.cthreadJoin(ct.cthreadFork((tr, unused) -> {
                boolean got = m.mutexTryLock();
                if (got) {
                    m.mutexUnlock();
                }
                return got;
            }, null));
            ct.exit();
            return List.of(whileHeld, whenFree);
        });
        assertEquals(List.of(false, true), tries);
    }

    @Test
    void waitersGetTheMutexInTheOrderTheyCame() throws Exception {
        List<Integer> order = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            List<Integer> got = new ArrayList<>();
            List<CThread<Object>> ts = new ArrayList<>();
            m.mutexLock();
            for (int i = 0; i < 4; i++) {
                CThread<Object> t = ct.cthreadFork((tr, n) -> {
                    m.mutexLock();
                    got.add(n);
                    m.mutexUnlock();
                    return null;
                }, i);
                ts.add(t);
                // Next one only once this one waits in the kernel for the mutex.
                while (!waitsInKernel(traps, t)) {
                    ct.cthreadYield();
                }
            }
            m.mutexUnlock();
            for (CThread<Object> t : ts) {
                ct.cthreadJoin(t);
            }
            ct.exit();
            return got;
        });
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void threadAbortDoesNotBreakAWaitForTheMutex() throws Exception {
        List<Object> seen = inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            int[] got = new int[1];
            m.mutexLock();
            CThread<Object> t = ct.cthreadFork((tr, unused) -> {
                m.mutexLock();
                got[0]++;
                m.mutexUnlock();
                return null;
            }, null);
            while (!waitsInKernel(traps, t)) {
                ct.cthreadYield();
            }
            int kr = traps.mach().threadAbort(t.thread());
            // The interrupted receive is made again: it waits, without the mutex.
            while (!waitsInKernel(traps, t)) {
                ct.cthreadYield();
            }
            int before = got[0];
            m.mutexUnlock();
            ct.cthreadJoin(t);
            ct.exit();
            return List.of(kr, before, got[0]);
        });
        assertEquals(List.of(KERN_SUCCESS, 0, 1), seen);
    }

    @Test
    void unlockByAThreadThatDoesNotHoldItIsRefused() throws Exception {
        inTask(traps -> {
            CThreads ct = CThreads.init(traps);
            Mutex m = ct.mutexAlloc(null);
            assertThrows(IllegalStateException.class, m::mutexUnlock);
            m.mutexLock();
            assertThrows(IllegalStateException.class, m::mutexLock);
            Throwable fromOther = ct.cthreadJoin(ct.cthreadFork((tr, unused) -> {
                try {
                    m.mutexUnlock();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            }, null));
            m.mutexUnlock();
            ct.exit();
            assertEquals(IllegalStateException.class, fromOther.getClass());
            return null;
        });
    }

    /** Whether the cthread's Mach thread is blocked in the kernel (thread_info: TH_STATE_WAITING). */
    static boolean waitsInKernel(MachTraps traps, CThread<?> t) {
        int[] info = new int[THREAD_BASIC_INFO_COUNT];
        int[] count = {info.length};
        if (traps.mach().threadInfo(t.thread(), THREAD_BASIC_INFO, info, count) != KERN_SUCCESS) {
            return false;
        }
        return ThreadBasicInfo.decode(info).runState() == TH_STATE_WAITING;
    }
}
