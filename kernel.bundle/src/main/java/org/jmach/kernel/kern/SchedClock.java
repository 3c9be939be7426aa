package org.jmach.kernel.kern;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The clock interrupt: a daemon Java thread that ticks the scheduler
 * {@code hz} times a second of host time ({@link SchedPrim#clockTick}).
 *
 * <p>Lifecycle: started by {@link Startup} at boot, stopped at shutdown.
 */
final class SchedClock {

    private final ScheduledExecutorService timer;

    SchedClock(SchedPrim sched, int hz) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            java.lang.Thread t = new java.lang.Thread(r, "mach clock");
            t.setDaemon(true);
            return t;
        });
        long period = TimeUnit.SECONDS.toMicros(1) / Math.max(1, hz);
        timer.scheduleAtFixedRate(sched::clockTick, period, period, TimeUnit.MICROSECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }
}
