package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_NAME;
import static org.jmach.mach.KernReturn.KERN_INVALID_RIGHT;
import static org.jmach.mach.KernReturn.KERN_INVALID_VALUE;
import static org.jmach.mach.KernReturn.KERN_NAME_EXISTS;
import static org.jmach.mach.KernReturn.KERN_NOT_IN_SET;
import static org.jmach.mach.KernReturn.KERN_RIGHT_EXISTS;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.KernReturn.KERN_UREFS_OVERFLOW;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_NUMBER;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_TYPE_NONE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_UREFS_MAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmach.mach.MachPortStatus;
import org.jmach.mach.Port;
import org.junit.jupiter.api.Test;

/** The mach_port routines, in the scenarios of GNU Mach's port tests, said our way. */
class MachPortRoutinesTest extends IpcTestBase {

    @Test
    void namesAndTypesCountsAgreeAndDescribeEveryRight() {
        int receive = allocateReceive();
        int[] set = new int[1];
        int[] dead = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_PORT_SET, set));
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_DEAD_NAME, dead));
        int[][] names = new int[1][];
        int[][] types = new int[1][];
        assertEquals(KERN_SUCCESS, port.machPortNames(task, names, types));
        assertEquals(names[0].length, types[0].length);
        assertEquals(5, names[0].length,
                "the task port, the thread's MIG reply port, a receive right, a set and a dead name");
        for (int i = 0; i < names[0].length; i++) {
            assertEquals(type(names[0][i]), types[0][i]);
        }
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(receive));
        assertEquals(MACH_PORT_TYPE_PORT_SET, type(set[0]));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(dead[0]));
        assertEquals(MACH_PORT_TYPE_SEND, type(task));
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(self.mig().replyPort()));
    }

    @Test
    void allocateNameTakesTheChosenNameOnce() {
        int chosen = 0x1234_5600 | 7;
        assertEquals(KERN_SUCCESS, port.machPortAllocateName(task, MACH_PORT_RIGHT_RECEIVE, chosen));
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(chosen));
        assertEquals(KERN_NAME_EXISTS, port.machPortAllocateName(task, MACH_PORT_RIGHT_PORT_SET, chosen));
        assertEquals(KERN_INVALID_VALUE, port.machPortAllocateName(task, MACH_PORT_RIGHT_RECEIVE, MACH_PORT_NULL));
        assertEquals(KERN_INVALID_VALUE, port.machPortAllocateName(task, MACH_PORT_RIGHT_RECEIVE, MACH_PORT_DEAD));
        assertEquals(KERN_INVALID_VALUE, port.machPortAllocateName(task, MACH_PORT_RIGHT_SEND, 0x777));
        assertEquals(KERN_INVALID_VALUE, port.machPortAllocate(task, MACH_PORT_RIGHT_SEND_ONCE, new int[1]));
        // Fresh names never collide with a chosen one.
        for (int i = 0; i < 100; i++) {
            assertNotEquals(chosen, allocateReceive());
        }
    }

    @Test
    void renameTwiceMovesTheRightAndFreesTheOldName() {
        int name = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, name, name, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(KERN_SUCCESS, port.machPortRename(task, name, 0x2000));
        assertEquals(KERN_SUCCESS, port.machPortRename(task, 0x2000, 0x3000));
        int[] t = new int[1];
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, name, t));
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, 0x2000, t));
        assertEquals(MACH_PORT_TYPE_SEND_RECEIVE, type(0x3000));
        int[][] st = new int[1][];
        assertEquals(KERN_SUCCESS, port.machPortGetReceiveStatus(task, 0x3000, st));
        assertEquals(KERN_INVALID_NAME, port.machPortRename(task, 0x2000, 0x4000));
        int other = allocateReceive();
        assertEquals(KERN_NAME_EXISTS, port.machPortRename(task, other, 0x3000));
        assertEquals(KERN_INVALID_VALUE, port.machPortRename(task, other, MACH_PORT_NULL));
        // Messages still reach the renamed receive right.
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, 0x3000, 0x3000, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(2, refs(0x3000, MACH_PORT_RIGHT_SEND));
    }

    @Test
    void getRefsReportsEachKindOfRight() {
        int receive = allocateReceive();
        assertEquals(1, refs(receive, MACH_PORT_RIGHT_RECEIVE));
        assertEquals(0, refs(receive, MACH_PORT_RIGHT_SEND));
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, receive, receive, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, receive, receive, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(2, refs(receive, MACH_PORT_RIGHT_SEND));
        int[] so = new int[1];
        int[] soType = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(task, receive, MACH_MSG_TYPE_MAKE_SEND_ONCE, so, soType));
        assertEquals(MACH_MSG_TYPE_PORT_SEND_ONCE, soType[0]);
        assertEquals(MACH_PORT_TYPE_SEND_ONCE, type(so[0]));
        assertEquals(1, refs(so[0], MACH_PORT_RIGHT_SEND_ONCE));
        int[] set = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_PORT_SET, set));
        assertEquals(1, refs(set[0], MACH_PORT_RIGHT_PORT_SET));
        int[] dead = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_DEAD_NAME, dead));
        assertEquals(1, refs(dead[0], MACH_PORT_RIGHT_DEAD_NAME));
        assertEquals(KERN_SUCCESS, port.machPortModRefs(task, dead[0], MACH_PORT_RIGHT_DEAD_NAME, 4));
        assertEquals(5, refs(dead[0], MACH_PORT_RIGHT_DEAD_NAME));
        assertEquals(KERN_INVALID_VALUE, port.machPortGetRefs(task, receive, MACH_PORT_RIGHT_NUMBER, new int[1]));
        assertEquals(KERN_INVALID_NAME, port.machPortGetRefs(task, 0x9999, MACH_PORT_RIGHT_SEND, new int[1]));
    }

    @Test
    void modRefsKeepsUserReferencesWithinMachLimits() {
        int receive = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, receive, receive, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(KERN_SUCCESS, port.machPortModRefs(task, receive, MACH_PORT_RIGHT_SEND, MACH_PORT_UREFS_MAX - 1));
        assertEquals(MACH_PORT_UREFS_MAX, refs(receive, MACH_PORT_RIGHT_SEND));
        assertEquals(KERN_UREFS_OVERFLOW, port.machPortModRefs(task, receive, MACH_PORT_RIGHT_SEND, 1));
        assertEquals(KERN_INVALID_VALUE, port.machPortModRefs(task, receive, MACH_PORT_RIGHT_SEND, -MACH_PORT_UREFS_MAX - 1));
        assertEquals(KERN_SUCCESS, port.machPortModRefs(task, receive, MACH_PORT_RIGHT_SEND, -MACH_PORT_UREFS_MAX));
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(receive));
        assertEquals(KERN_INVALID_RIGHT, port.machPortModRefs(task, receive, MACH_PORT_RIGHT_SEND, -1));
        assertEquals(KERN_INVALID_VALUE, port.machPortModRefs(task, receive, MACH_PORT_RIGHT_RECEIVE, -2));
        assertEquals(KERN_INVALID_VALUE, port.machPortModRefs(task, receive, 17, -1));
        assertEquals(KERN_SUCCESS, port.machPortModRefs(task, receive, MACH_PORT_RIGHT_RECEIVE, 0));
        assertEquals(KERN_SUCCESS, port.machPortModRefs(task, receive, MACH_PORT_RIGHT_RECEIVE, -1));
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, receive, new int[1]));
    }

    @Test
    void deallocateDropsOneReferenceAndDestroyDropsThemAll() {
        int receive = allocateReceive();
        for (int i = 0; i < 3; i++) {
            assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, receive, receive, MACH_MSG_TYPE_MAKE_SEND));
        }
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, receive));
        assertEquals(2, refs(receive, MACH_PORT_RIGHT_SEND));
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, receive));
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, receive));
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(receive));
        assertEquals(KERN_INVALID_RIGHT, port.machPortDeallocate(task, receive), "a receive right alone");
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, receive, receive, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, receive));
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, receive, new int[1]));
        assertEquals(KERN_INVALID_NAME, port.machPortDestroy(task, receive));
        assertEquals(KERN_INVALID_NAME, port.machPortDeallocate(task, receive));
        int[] set = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_PORT_SET, set));
        assertEquals(KERN_INVALID_RIGHT, port.machPortDeallocate(task, set[0]));
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, set[0]));
    }

    @Test
    void sendRightsTurnIntoDeadNamesWhenThePortDies() {
        Thread b = new Thread(kernel.taskCreate("b"), port);
        int receive = b.allocateReceive();
        int send = b.giveSendTo(receive, this.task);
        assertEquals(MACH_PORT_TYPE_SEND, type(send));
        assertEquals(KERN_SUCCESS, b.port.machPortModRefs(b.task, receive, MACH_PORT_RIGHT_RECEIVE, -1));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(send));
        assertEquals(1, refs(send, MACH_PORT_RIGHT_DEAD_NAME));
        assertEquals(0, refs(send, MACH_PORT_RIGHT_SEND));
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, send));
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, send, new int[1]));
        b.detach();
    }

    @Test
    void aStaleNameNeverReachesTheRightThatReusesItsSlot() {
        int first = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, first));
        int second = allocateReceive();
        assertEquals(Port.machPortIndex(first), Port.machPortIndex(second), "the slot is reused");
        assertNotEquals(first, second, "with a new generation");
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, first, new int[1]));
    }

    @Test
    void portSetsGatherMembersAndLoseThemOnDestroy() {
        int[] set = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_PORT_SET, set));
        int a = allocateReceive();
        int b = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, a, set[0]));
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, b, set[0]));
        int[][] members = new int[1][];
        assertEquals(KERN_SUCCESS, port.machPortGetSetStatus(task, set[0], members));
        int[] expected = {Math.min(a, b), Math.max(a, b)};
        assertArrayEquals(expected, members[0]);
        int[][] st = new int[1][];
        assertEquals(KERN_SUCCESS, port.machPortGetReceiveStatus(task, a, st));
        assertEquals(set[0], MachPortStatus.decode(st[0]).mpsPset());
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, a, MACH_PORT_NULL));
        assertEquals(KERN_NOT_IN_SET, port.machPortMoveMember(task, a, MACH_PORT_NULL));
        assertEquals(KERN_INVALID_RIGHT, port.machPortMoveMember(task, a, b));
        assertEquals(KERN_INVALID_RIGHT, port.machPortGetSetStatus(task, a, members));
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, set[0]));
        assertEquals(KERN_SUCCESS, port.machPortGetReceiveStatus(task, b, st));
        assertEquals(MACH_PORT_NULL, MachPortStatus.decode(st[0]).mpsPset());
    }

    @Test
    void receiveStatusCountsRightsAndSettersChangeIt() {
        int receive = allocateReceive();
        int[][] st = new int[1][];
        assertEquals(KERN_SUCCESS, port.machPortGetReceiveStatus(task, receive, st));
        assertEquals(new MachPortStatus(MACH_PORT_NULL, 0, 0, Port.MACH_PORT_QLIMIT_DEFAULT, 0, 0, false, false, false),
                MachPortStatus.decode(st[0]));
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, receive, receive, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(task, receive, MACH_MSG_TYPE_MAKE_SEND_ONCE, new int[1], new int[1]));
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(task, receive, 1024));
        assertEquals(KERN_SUCCESS, port.machPortSetMscount(task, receive, 9));
        assertEquals(KERN_SUCCESS, port.machPortSetSeqno(task, receive, 40));
        assertEquals(KERN_SUCCESS, port.machPortGetReceiveStatus(task, receive, st));
        assertEquals(new MachPortStatus(MACH_PORT_NULL, 40, 9, 1024, 0, 1, true, false, false), MachPortStatus.decode(st[0]));
        assertEquals(KERN_INVALID_VALUE, port.machPortSetQlimit(task, receive, 1025));
        assertEquals(KERN_INVALID_RIGHT, port.machPortSetQlimit(task, task, 3));
        assertEquals(KERN_INVALID_NAME, port.machPortSetMscount(task, 0x5555, 3));
        assertEquals(KERN_INVALID_RIGHT, port.machPortGetReceiveStatus(task, task, st));
    }

    @Test
    void insertAndExtractMoveRightsBetweenTasks() {
        Thread b = new Thread(kernel.taskCreate("b"), port);
        int receive = allocateReceive();
        // Give task b a send right to our port under a name we choose.
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(b.taskInA, 0x7700, receive, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(MACH_PORT_TYPE_SEND, b.type(0x7700));
        assertEquals(KERN_RIGHT_EXISTS, port.machPortInsertRight(b.taskInA, 0x7800, receive, MACH_MSG_TYPE_MAKE_SEND));
        int other = allocateReceive();
        assertEquals(KERN_NAME_EXISTS, port.machPortInsertRight(b.taskInA, 0x7700, other, MACH_MSG_TYPE_MAKE_SEND));
        // Move our receive right into b, next to its send right: one name for both.
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(b.taskInA, 0x7700, receive, MACH_MSG_TYPE_MOVE_RECEIVE));
        assertEquals(MACH_PORT_TYPE_SEND_RECEIVE, b.type(0x7700));
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, receive, new int[1]));
        // And take it back.
        int[] poly = new int[1];
        int[] polyPoly = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(b.taskInA, 0x7700, MACH_MSG_TYPE_MOVE_RECEIVE, poly, polyPoly));
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(poly[0]));
        assertEquals(MACH_PORT_TYPE_SEND, b.type(0x7700));
        assertEquals(KERN_INVALID_RIGHT, port.machPortExtractRight(b.taskInA, 0x7700, MACH_MSG_TYPE_MOVE_RECEIVE, poly, polyPoly));
        assertEquals(KERN_INVALID_VALUE, port.machPortExtractRight(b.taskInA, 0x7700, 3, poly, polyPoly));
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(b.taskInA, 0x7700, MACH_MSG_TYPE_COPY_SEND, poly, polyPoly));
        assertEquals(MACH_MSG_TYPE_PORT_SEND, polyPoly[0]);
        assertEquals(MACH_PORT_TYPE_SEND_RECEIVE, type(poly[0]), "the send right joins our receive right's name");
        b.detach();
    }

    @Test
    void aTerminatedTasksRoutinesFailAndItsPortIsDead() {
        Thread b = new Thread(kernel.taskCreate("b"), port);
        b.task().terminate();
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(b.taskInA));
        assertEquals(org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST,
                port.machPortAllocate(b.taskInA, MACH_PORT_RIGHT_RECEIVE, new int[1]));
        assertFalse(b.task().isActive());
        assertTrue(type(b.taskInA) != MACH_PORT_TYPE_NONE);
    }

    /**
     * A second task with its attached thread; task a holds a send right to
     * its task port ({@code taskInA}) and it holds one to a's ({@code aInB}),
     * handed out by the kernel as a bootstrap would.
     */
    private final class Thread {
        final org.jmach.kernel.kern.Task t;
        final org.jmach.kernel.kern.Thread thread;
        final org.jmach.mach.MachPortUser port;
        final int task;
        final int taskInA;
        final int aInB;

        Thread(org.jmach.kernel.kern.Task t, org.jmach.mach.MachPortUser unused) {
            this.t = t;
            this.thread = t.threadAttach("main");
            this.port = thread.traps().machPort();
            this.task = thread.traps().machTaskSelf();
            this.taskInA = t.ports().taskSelf(taskA.space());
            this.aInB = taskA.ports().taskSelf(t.space());
        }

        org.jmach.kernel.kern.Task task() {
            return t;
        }

        int allocateReceive() {
            int[] name = new int[1];
            assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_RECEIVE, name));
            return name[0];
        }

        /** Gives task a a send right to b's receive right, at a name b chooses. */
        int giveSendTo(int receive, int unused) {
            assertEquals(KERN_SUCCESS, port.machPortInsertRight(aInB, 0x30_0000, receive, MACH_MSG_TYPE_MAKE_SEND));
            return 0x30_0000;
        }

        int type(int name) {
            int[] t = new int[1];
            assertEquals(KERN_SUCCESS, port.machPortType(task, name, t));
            return t[0];
        }

        void detach() {
            thread.detach();
        }
    }
}
