package org.jmach.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The thread baseline: two Java threads passing a token back and forth, each
 * side blocking in {@link LockSupport#park} until the other unparks it: the
 * cheapest honest blocking handoff the JVM has. One operation is one round
 * trip.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThreadPingPong {

    /** The echo thread and the token: 1 when it is the echo's turn, 0 when the caller's. */
    @State(Scope.Thread)
    public static class Pair {
        volatile int turn;
        volatile boolean stop;
        java.lang.Thread caller;
        java.lang.Thread echo;

        @Setup(Level.Trial)
        public void start() {
            caller = java.lang.Thread.currentThread();
            echo = new java.lang.Thread(this::echo, "pingpong-echo");
            echo.setDaemon(true);
            echo.start();
        }

        private void echo() {
            while (true) {
                while (turn != 1) {
                    if (stop) {
                        return;
                    }
                    LockSupport.park(this);
                }
                turn = 0;
                LockSupport.unpark(caller);
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            stop = true;
            LockSupport.unpark(echo);
            echo.join();
        }
    }

    @Benchmark
    public int roundTrip(Pair pair) {
        if (pair.caller != java.lang.Thread.currentThread()) {
            throw new IllegalStateException("benchmark thread changed since setup");
        }
        pair.turn = 1;
        LockSupport.unpark(pair.echo);
        while (pair.turn != 0) {
            LockSupport.park(pair);
        }
        return pair.turn;
    }
}
