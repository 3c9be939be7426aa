package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_NAME;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MIG_BAD_ID;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.TaskSpecialPorts.TASK_BOOTSTRAP_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_EXCEPTION_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_KERNEL_PORT;
import static org.jmach.mach.TaskSpecialPorts.TASK_NOTIFY_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.junit.jupiter.api.Test;

/** A task's kernel port, its special ports, thread ports, reply ports, and requests to kernel ports. */
class TaskPortsTest extends IpcTestBase {

    @Test
    void taskSelfAddsUserReferencesToOneName() {
        assertEquals(task, self.machTaskSelf());
        assertEquals(2, refs(task, MACH_PORT_RIGHT_SEND));
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, taskA.ports().getSpecialPort(taskA.space(), TASK_KERNEL_PORT, name));
        assertEquals(task, name[0]);
    }

    @Test
    void specialPortsKeepASendRightTheTaskCanGetBack() {
        int bootstrap = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, bootstrap, bootstrap, MACH_MSG_TYPE_MAKE_SEND));
        for (int which : new int[] {TASK_NOTIFY_PORT, TASK_EXCEPTION_PORT, TASK_BOOTSTRAP_PORT}) {
            int[] name = new int[1];
            assertEquals(KERN_SUCCESS, taskA.ports().getSpecialPort(taskA.space(), which, name));
            assertEquals(MACH_PORT_NULL, name[0], "unset at first");
        }
        assertEquals(KERN_SUCCESS, taskA.ports().setSpecialPort(taskA.space(), TASK_BOOTSTRAP_PORT, bootstrap));
        assertEquals(1, refs(bootstrap, MACH_PORT_RIGHT_SEND), "the task keeps a copy, ours stays");
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, taskA.ports().getSpecialPort(taskA.space(), TASK_BOOTSTRAP_PORT, name));
        assertEquals(bootstrap, name[0]);
        assertEquals(2, refs(bootstrap, MACH_PORT_RIGHT_SEND));
        assertEquals(KERN_INVALID_ARGUMENT, taskA.ports().setSpecialPort(taskA.space(), TASK_KERNEL_PORT, bootstrap));
        assertEquals(KERN_INVALID_ARGUMENT, taskA.ports().getSpecialPort(taskA.space(), 9, name));
        assertEquals(KERN_INVALID_NAME, taskA.ports().setSpecialPort(taskA.space(), TASK_BOOTSTRAP_PORT, 0x4444));
    }

    @Test
    void threadSelfAndReplyPortsAreDistinctRights() {
        int thread = self.machThreadSelf();
        assertEquals(MACH_PORT_TYPE_SEND, type(thread));
        assertNotEquals(task, thread);
        int r1 = self.machReplyPort();
        int r2 = self.machReplyPort();
        assertNotEquals(r1, r2, "mach_reply_port makes a new receive right each time");
    }

    @Test
    void aRequestToAKernelPortIsAnsweredWithMigBadIdUntilMigServesIt() {
        int reply = self.machReplyPort();
        MachMessage m = new MachMessage(128);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), task, reply, 3000);
        int size = m.endBody();
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, size, 128, reply, 0, 0));
        assertEquals(3100, m.msghId());
        assertEquals(48, m.msghSize());
        MachMsgItems items = m.items();
        assertTrue(items.next());
        assertEquals(MACH_MSG_TYPE_INTEGER_32, items.name());
        assertEquals(MIG_BAD_ID, items.integer32(0));
        assertEquals(1, refs(task, MACH_PORT_RIGHT_SEND), "COPY_SEND left our reference");
    }
}
