package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Policy.BASEPRI_USER;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO;
import static org.jmach.mach.ThreadInfo.THREAD_BASIC_INFO_COUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jmach.mach.MachMessage;
import org.jmach.mach.Port;
import org.jmach.mach.ThreadBasicInfo;
import org.junit.jupiter.api.Test;

/**
 * Timesharing: a thread that keeps its processor busy sees its priority
 * worsen as its usage grows, while one that mostly waits stays at its base
 * priority; once the busy one stops, the decay brings it back. The clock is
 * driven by the test (as well as by the kernel's own clock thread), so what
 * is asserted is the effect of ticks, not of wall-clock time.
 */
class TimesharingDecayTest extends SchedTestBase {

    @Test
    void cpuBoundPriorityWorsensWhileIoBoundStaysNearBase() throws Exception {
        boot(3);
        AtomicBoolean stop = new AtomicBoolean();
        Thread cpu = taskA.threadCreate("cpu", traps -> {
            long x = 0;
            while (!stop.get()) {
                for (int i = 0; i < 10_000; i++) {
                    x += i * 31L;
                }
                traps.swtch();
            }
            if (x == 42) {
                System.out.println(x);
            }
        });
        Thread io = taskA.threadCreate("io", traps -> {
            int port = traps.machReplyPort();
            MachMessage m = new MachMessage(64);
            while (!stop.get()) {
                traps.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 64, port, 20, Port.MACH_PORT_NULL);
            }
        });
        await("both threads started", () -> cpu.lastProcessor >= 0 && io.lastProcessor >= 0);
        await("io waits", io::isWaitingInMachMsg);
        SchedPrim sched = kernel.sched();
        for (int i = 0; i < 3 * sched.hz(); i++) {
            sched.clockTick();
        }
        ThreadBasicInfo cpuInfo = info(cpu);
        ThreadBasicInfo ioInfo = info(io);
        assertEquals(BASEPRI_USER, cpuInfo.basePriority());
        assertTrue(cpuInfo.curPriority() >= BASEPRI_USER + 10, () -> "cpu-bound: " + cpuInfo);
        assertTrue(ioInfo.curPriority() <= BASEPRI_USER + 2, () -> "io-bound: " + ioInfo);
        assertTrue(cpuInfo.cpuUsage() > ioInfo.cpuUsage(), () -> cpuInfo + " vs " + ioInfo);

        stop.set(true);
        cpu.join();
        io.join();
    }

    @Test
    void usageDecaysOnceTheThreadStopsRunning() throws Exception {
        boot(2);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean pause = new AtomicBoolean();
        int[] port = new int[1];
        Thread cpu = taskA.threadCreate("cpu", traps -> {
            port[0] = traps.machReplyPort();
            MachMessage m = new MachMessage(64);
            while (!stop.get()) {
                if (pause.get()) {
                    traps.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 64, port[0], 20, Port.MACH_PORT_NULL);
                } else {
                    traps.swtch();
                }
            }
        });
        await("started", () -> cpu.lastProcessor >= 0);
        SchedPrim sched = kernel.sched();
        for (int i = 0; i < 2 * sched.hz(); i++) {
            sched.clockTick();
        }
        int worst = info(cpu).curPriority();
        assertTrue(worst > BASEPRI_USER, "it ran: " + worst);
        pause.set(true);
        await("waits", cpu::isWaitingInMachMsg);
        for (int second = 0; second < 12; second++) {
            sched.schedTickNow();
        }
        await("back near its base", () -> info(cpu).curPriority() <= BASEPRI_USER + 1);
        stop.set(true);
        cpu.join();
    }

    private ThreadBasicInfo info(Thread t) {
        int[] words = new int[THREAD_BASIC_INFO_COUNT];
        int[] count = {words.length};
        assertEquals(KERN_SUCCESS, Info.threadInfo(t, THREAD_BASIC_INFO, words, count));
        return ThreadBasicInfo.decode(words);
    }
}
