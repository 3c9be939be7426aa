package org.jmach.bench;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The baseline of the scheduler benchmarks' switches: two Java platform
 * threads passing a token back and forth, each blocking in
 * {@link LockSupport#park} until the other unparks it, as
 * {@link ThreadPingPong} does under JMH. Run in a process of its own so that
 * {@code taskset -c 0} can pin it to one CPU, as {@link SchedBench} runs its
 * Mach threads on one simulated processor; prints the mean nanoseconds per
 * switch (half a round trip) on stdout, nothing else.
 *
 * <p>Arguments: warm-up seconds, measurement seconds (defaults 2 and 5).
 */
public final class JavaSwitchPingPong {

    private static volatile int turn;
    private static volatile boolean stop;

    private JavaSwitchPingPong() {
    }

    public static void main(String[] args) throws InterruptedException {
        double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        java.lang.Thread caller = java.lang.Thread.currentThread();
        java.lang.Thread echo = new java.lang.Thread(() -> {
            while (true) {
                while (turn != 1) {
                    if (stop) {
                        return;
                    }
                    LockSupport.park();
                }
                turn = 0;
                LockSupport.unpark(caller);
            }
        }, "switch-echo");
        echo.setDaemon(true);
        echo.start();
        roundTrips(echo, (long) (warmupSeconds * 1e9));
        long[] counted = roundTrips(echo, (long) (measureSeconds * 1e9));
        stop = true;
        LockSupport.unpark(echo);
        echo.join();
        double ns = (double) counted[1] / counted[0] / 2;
        System.out.println(String.format(Locale.ROOT, "%.1f", ns));
    }

    /** Round trips for about {@code nanos}; returns {round trips, elapsed ns}. */
    private static long[] roundTrips(java.lang.Thread echo, long nanos) {
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        do {
            for (int i = 0; i < 64; i++) {
                turn = 1;
                LockSupport.unpark(echo);
                while (turn != 0) {
                    LockSupport.park();
                }
            }
            n += 64;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return new long[] {n, elapsed};
    }
}
