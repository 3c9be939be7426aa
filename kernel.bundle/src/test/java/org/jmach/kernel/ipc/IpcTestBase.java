package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.TestMachine;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A booted kernel with one task whose first thread is the test's own Java
 * thread: {@link #self} are its traps, {@link #task} its task port name.
 */
abstract class IpcTestBase {

    /** Enough processors that no test waits for one. */
    static final int PROCESSORS = 16;

    Startup kernel;
    Task taskA;
    Thread threadA;
    MachTraps self;
    MachPortUser port;
    int task;

    @BeforeEach
    void boot() {
        kernel = TestMachine.boot(TestMachine.of(PROCESSORS), "test");
        taskA = kernel.taskCreate("a");
        threadA = taskA.threadAttach("main");
        self = threadA.traps();
        port = self.machPort();
        task = self.machTaskSelf();
    }

    @AfterEach
    void halt() {
        threadA.detach();
        kernel.shutdown();
    }

    /** A new receive right in the test task. */
    int allocateReceive() {
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, name));
        return name[0];
    }

    int type(int name) {
        int[] t = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortType(task, name, t));
        return t[0];
    }

    int refs(int name, int right) {
        int[] r = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortGetRefs(task, name, right, r));
        return r[0];
    }

    /** Waits (bounded) until a thread blocks in mach_msg. */
    static void awaitBlocked(IpcThread t) throws InterruptedException {
        for (int i = 0; i < 5000 && !t.isWaitingInMachMsg(); i++) {
            java.lang.Thread.sleep(1);
        }
    }
}
