package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_NAME;
import static org.jmach.mach.KernReturn.KERN_INVALID_VALUE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_NOTIFY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_NOTIFY_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_TIMED_OUT;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_WILL_NOTIFY;
import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_NAME;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_NOTIFY;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Notify.MACH_NOTIFY_DEAD_NAME;
import static org.jmach.mach.Notify.MACH_NOTIFY_MSG_ACCEPTED;
import static org.jmach.mach.Notify.MACH_NOTIFY_NO_SENDERS;
import static org.jmach.mach.Notify.MACH_NOTIFY_PORT_DELETED;
import static org.jmach.mach.Notify.MACH_NOTIFY_PORT_DESTROYED;
import static org.jmach.mach.Notify.MACH_NOTIFY_SEND_ONCE;
import static org.jmach.mach.Notify.NOTIFICATION_WITH_BODY_SIZE;
import static org.jmach.mach.Notify.NOT_BODY_OFFSET;
import static org.jmach.mach.Notify.SEND_ONCE_NOTIFICATION_SIZE;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DNREQUEST;
import static org.jmach.mach.Port.MACH_PORT_TYPE_MAREQUEST;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_RECEIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachPortStatus;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's notifications, as GNU Mach sends them: each is checked by its
 * message id (port-deleted 0101, msg-accepted 0102, port-destroyed 0105,
 * no-senders 0106, send-once 0107, dead-name 0110), its layout and its body.
 */
class NotificationTest extends IpcTestBase {

    private static final int BUFFER = 256;

    /** A second task, for rights whose receive right must live elsewhere. */
    private Task taskB;
    private Thread threadB;
    /** A send right, in task A's space, to task B's kernel port. */
    private int taskBInA;

    @AfterEach
    void detachB() {
        if (threadB != null) {
            threadB.detach();
        }
    }

    private void startB() {
        taskB = kernel.taskCreate("b");
        threadB = taskB.threadAttach("b-main");
        taskBInA = taskB.ports().taskSelf(taskA.space());
        assertEquals(MACH_PORT_TYPE_SEND, type(taskBInA));
    }

    /**
     * A port whose receive right task B holds, with a send right to it in
     * task A's space. Returns {name in B, name in A}.
     */
    private int[] portInB() {
        int[] inB = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(taskBInA, MACH_PORT_RIGHT_RECEIVE, inB));
        int[] poly = new int[1];
        int[] polyPoly = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(taskBInA, inB[0], MACH_MSG_TYPE_MAKE_SEND, poly, polyPoly));
        assertEquals(MACH_MSG_TYPE_PORT_SEND, polyPoly[0]);
        assertEquals(MACH_PORT_TYPE_SEND, type(poly[0]));
        return new int[] {inB[0], poly[0]};
    }

    /** Registers a request whose notifications go to {@code notifyPort} (a send-once right made from it). */
    private int request(int name, int variant, int sync, int notifyPort) {
        int[] previous = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortRequestNotification(task, name, variant, sync, notifyPort,
                MACH_MSG_TYPE_MAKE_SEND_ONCE, previous));
        return previous[0];
    }

    /** A send right to {@code receive} added to its name (make-send count + 1). */
    private void makeSend(int receive) {
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, receive, receive, MACH_MSG_TYPE_MAKE_SEND));
    }

    private MachPortStatus status(int receive) {
        int[][] s = new int[1][];
        assertEquals(KERN_SUCCESS, port.machPortGetReceiveStatus(task, receive, s));
        return MachPortStatus.decode(s[0]);
    }

    /** Receives one message that must already be queued (or arrive within 5 s). */
    private MachMessage receive(int from) {
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, from, 5000, 0));
        return m;
    }

    private void assertNothingQueued(int from) {
        MachMessage m = new MachMessage(BUFFER);
        int mr = self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, from, 0, 0);
        assertEquals(MACH_RCV_TIMED_OUT, mr, () -> "unexpected message id 0" + Integer.toOctalString(m.msghId()));
    }

    /**
     * Receives a notification from {@code notifyPort}: it was sent on a
     * send-once right, so it arrives with no reply port and the notify
     * port's name as msgh_local_port.
     */
    private MachMessage notification(int notifyPort, int id) {
        MachMessage m = receive(notifyPort);
        assertEquals(id, m.msghId(), () -> "msgh_id 0" + Integer.toOctalString(m.msghId()));
        assertEquals(notifyPort, m.msghLocalPort());
        assertEquals(MACH_PORT_NULL, m.msghRemotePort());
        assertEquals(machMsghBits(0, MACH_MSG_TYPE_PORT_SEND_ONCE), m.msghBits() & ~MACH_MSGH_BITS_COMPLEX);
        NotifyDecoder.Call call = NotifyDecoder.decode(m, new org.jmach.mach.MigTaskMemory(self));
        assertEquals(id, call.id());
        assertEquals(notifyPort, call.notifyPort());
        if (m.msghSize() > org.jmach.mach.Message.MACH_MSG_HEADER_SIZE) {
            assertEquals(m.buffer().getInt(NOT_BODY_OFFSET), call.value(), "the value notify.defs reads");
        }
        return m;
    }

    /** A notification whose body is one 32-bit value of type {@code typeName}; returns the value. */
    private int notificationBody(int notifyPort, int id, int typeName) {
        MachMessage m = notification(notifyPort, id);
        assertEquals(NOTIFICATION_WITH_BODY_SIZE, m.msghSize());
        assertEquals(0, m.msghBits() & MACH_MSGH_BITS_COMPLEX);
        MachMsgItems items = m.items();
        assertTrue(items.next());
        assertEquals(typeName, items.name());
        assertEquals(32, items.sizeBits());
        assertEquals(1, items.number());
        assertTrue(items.inline());
        assertEquals(NOT_BODY_OFFSET, items.dataOffset());
        assertEquals(items.integer32(0), m.buffer().getInt(NOT_BODY_OFFSET));
        return items.integer32(0);
    }

    private int sendSimple(int dest, int disposition, int id) {
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(disposition, 0), dest, MACH_PORT_NULL, id);
        return self.machMsg(m, MACH_SEND_MSG | MACH_SEND_TIMEOUT, m.endBody(), 0, MACH_PORT_NULL, 0, 0);
    }

    // --- no-senders -----------------------------------------------------------------

    @Test
    void noSendersArrivesWithTheMakeSendCountWhenTheLastSendRightIsDeallocated() {
        int p = allocateReceive();
        int n = allocateReceive();
        makeSend(p);
        makeSend(p);
        makeSend(p);
        assertEquals(3, refs(p, MACH_PORT_RIGHT_SEND));
        assertEquals(MACH_PORT_NULL, request(p, MACH_NOTIFY_NO_SENDERS, 0, n));
        assertTrue(status(p).mpsNsrequest());
        assertNothingQueued(n);

        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, p));
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, p));
        assertNothingQueued(n);
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, p));

        assertEquals(3, notificationBody(n, MACH_NOTIFY_NO_SENDERS, MACH_MSG_TYPE_INTEGER_32));
        assertFalse(status(p).mpsNsrequest(), "the request is used up");
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(p));
        assertNothingQueued(n);
    }

    @Test
    void aSendRightInAQueuedMessageKeepsTheSendersAlive() {
        int p = allocateReceive();
        int q = allocateReceive();
        int n = allocateReceive();
        makeSend(p);
        request(p, MACH_NOTIFY_NO_SENDERS, 0, n);
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), q, MACH_PORT_NULL, 1).putPort(p, MACH_MSG_TYPE_MOVE_SEND);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, 0, 0, 0));
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(p), "our send right moved into the message");
        assertNothingQueued(n);

        // Destroying the message (with q) destroys the send right it carries: now no senders remain.
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, q));
        assertEquals(1, notificationBody(n, MACH_NOTIFY_NO_SENDERS, MACH_MSG_TYPE_INTEGER_32));
    }

    @Test
    void noSendersIsImmediateWhenThereAreNoSendersAndTheMakeSendCountHasReachedSync() {
        int p = allocateReceive();
        int n = allocateReceive();
        assertEquals(MACH_PORT_NULL, request(p, MACH_NOTIFY_NO_SENDERS, 0, n));
        assertEquals(0, notificationBody(n, MACH_NOTIFY_NO_SENDERS, MACH_MSG_TYPE_INTEGER_32));
        assertFalse(status(p).mpsNsrequest());

        makeSend(p);
        makeSend(p);
        makeSend(p);
        assertEquals(KERN_SUCCESS, port.machPortModRefs(task, p, MACH_PORT_RIGHT_SEND, -3));
        assertEquals(3, status(p).mpsMscount());
        assertNothingQueued(n);
        request(p, MACH_NOTIFY_NO_SENDERS, 3, n);
        assertEquals(3, notificationBody(n, MACH_NOTIFY_NO_SENDERS, MACH_MSG_TYPE_INTEGER_32));
    }

    @Test
    void noSendersIsNotImmediateWhenTheMakeSendCountIsBelowSync() {
        int p = allocateReceive();
        int n = allocateReceive();
        makeSend(p);
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, p));
        assertEquals(1, status(p).mpsMscount());

        request(p, MACH_NOTIFY_NO_SENDERS, 2, n);
        assertNothingQueued(n);
        assertTrue(status(p).mpsNsrequest(), "registered, waiting");

        makeSend(p);
        assertNothingQueued(n);
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, p));
        assertEquals(2, notificationBody(n, MACH_NOTIFY_NO_SENDERS, MACH_MSG_TYPE_INTEGER_32));
    }

    @Test
    void aReplacedRequestComesBackAsASendOnceRightInPrevious() {
        int p = allocateReceive();
        int n1 = allocateReceive();
        int n2 = allocateReceive();
        makeSend(p);
        assertEquals(MACH_PORT_NULL, request(p, MACH_NOTIFY_NO_SENDERS, 0, n1));
        assertEquals(1, status(n1).mpsSorights());

        int previous = request(p, MACH_NOTIFY_NO_SENDERS, 0, n2);
        assertNotEquals(MACH_PORT_NULL, previous);
        assertEquals(MACH_PORT_TYPE_SEND_ONCE, type(previous), "the old request's send-once right");
        assertNothingQueued(n1);

        // The old right is ours now: deallocating it sends a send-once notification to n1.
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, previous));
        MachMessage so = notification(n1, MACH_NOTIFY_SEND_ONCE);
        assertEquals(SEND_ONCE_NOTIFICATION_SIZE, so.msghSize());

        // Cancelling (notify MACH_PORT_NULL) gives back the current one.
        int[] cancelled = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortRequestNotification(task, p, MACH_NOTIFY_NO_SENDERS, 0,
                MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND_ONCE, cancelled));
        assertEquals(MACH_PORT_TYPE_SEND_ONCE, type(cancelled[0]));
        assertFalse(status(p).mpsNsrequest());
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, p));
        assertNothingQueued(n2);
    }

    @Test
    void destroyingASendReceiveNameThatHoldsTheLastSendRightSendsNoSenders() {
        // GNU Mach's ipc_right_destroy takes the no-senders request before it destroys the port.
        int p = allocateReceive();
        int n = allocateReceive();
        makeSend(p);
        request(p, MACH_NOTIFY_NO_SENDERS, 0, n);
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, p));
        assertEquals(1, notificationBody(n, MACH_NOTIFY_NO_SENDERS, MACH_MSG_TYPE_INTEGER_32));
        assertNothingQueued(n);
    }

    @Test
    void aNoSendersRequestOnADyingPortComesBackAsASendOnceNotification() {
        int p = allocateReceive();
        int n = allocateReceive();
        startB();
        // A send right elsewhere keeps p's senders alive while p dies.
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(taskBInA, 0x1234, p, MACH_MSG_TYPE_MAKE_SEND));
        request(p, MACH_NOTIFY_NO_SENDERS, 0, n);
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, p));
        notification(n, MACH_NOTIFY_SEND_ONCE);
        assertNothingQueued(n);
    }

    // --- dead-name ------------------------------------------------------------------

    @Test
    void deadNameArrivesWhenTheReceiveRightIsDestroyedAndTheNameBecomesDead() {
        startB();
        int[] p = portInB();
        int s = p[1];
        int n = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortModRefs(task, s, MACH_PORT_RIGHT_SEND, 2));
        assertEquals(3, refs(s, MACH_PORT_RIGHT_SEND));
        assertEquals(MACH_PORT_NULL, request(s, MACH_NOTIFY_DEAD_NAME, 0, n));
        assertEquals(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_DNREQUEST, type(s));

        assertEquals(KERN_SUCCESS, port.machPortDestroy(taskBInA, p[0]));

        assertEquals(s, notificationBody(n, MACH_NOTIFY_DEAD_NAME, MACH_MSG_TYPE_PORT_NAME));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(s));
        assertEquals(4, refs(s, MACH_PORT_RIGHT_DEAD_NAME), "the send urefs plus one for the notification");
        assertEquals(0, refs(s, MACH_PORT_RIGHT_SEND));
        assertNothingQueued(n);
    }

    @Test
    void aDeadNameRequestOnASendOnceRightLeavesADeadNameWithTwoReferences() {
        startB();
        int[] inB = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(taskBInA, MACH_PORT_RIGHT_RECEIVE, inB));
        int[] so = new int[1];
        int[] soType = new int[1];
        assertEquals(KERN_SUCCESS,
                port.machPortExtractRight(taskBInA, inB[0], MACH_MSG_TYPE_MAKE_SEND_ONCE, so, soType));
        assertEquals(MACH_PORT_TYPE_SEND_ONCE, type(so[0]));
        int n = allocateReceive();
        request(so[0], MACH_NOTIFY_DEAD_NAME, 0, n);

        assertEquals(KERN_SUCCESS, port.machPortDestroy(taskBInA, inB[0]));
        assertEquals(so[0], notificationBody(n, MACH_NOTIFY_DEAD_NAME, MACH_MSG_TYPE_PORT_NAME));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(so[0]));
        assertEquals(2, refs(so[0], MACH_PORT_RIGHT_DEAD_NAME));
    }

    @Test
    void aSendRightWithoutARequestTurnsDeadWithItsOwnReferencesAndNoNotification() {
        startB();
        int[] p = portInB();
        int n = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortModRefs(task, p[1], MACH_PORT_RIGHT_SEND, 1));
        assertEquals(KERN_SUCCESS, port.machPortDestroy(taskBInA, p[0]));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(p[1]));
        assertEquals(2, refs(p[1], MACH_PORT_RIGHT_DEAD_NAME));
        assertNothingQueued(n);
    }

    @Test
    void aDeadNameRequestOnAnAlreadyDeadNameWithSyncFiresAtOnce() {
        int[] d = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_DEAD_NAME, d));
        assertEquals(1, refs(d[0], MACH_PORT_RIGHT_DEAD_NAME));
        int n = allocateReceive();

        assertEquals(MACH_PORT_NULL, request(d[0], MACH_NOTIFY_DEAD_NAME, 1, n));
        assertEquals(d[0], notificationBody(n, MACH_NOTIFY_DEAD_NAME, MACH_MSG_TYPE_PORT_NAME));
        assertEquals(2, refs(d[0], MACH_PORT_RIGHT_DEAD_NAME), "the notification carries a new user reference");
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(d[0]), "no request stays registered");
    }

    @Test
    void aDeadNameRequestOnAnAlreadyDeadNameWithoutSyncIsInvalidArgument() {
        int[] d = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_DEAD_NAME, d));
        int n = allocateReceive();
        int[] previous = new int[1];
        assertEquals(KERN_INVALID_ARGUMENT, port.machPortRequestNotification(task, d[0], MACH_NOTIFY_DEAD_NAME, 0, n,
                MACH_MSG_TYPE_MAKE_SEND_ONCE, previous));
        assertEquals(1, refs(d[0], MACH_PORT_RIGHT_DEAD_NAME));
        // As in GNU Mach's ipc_right_dnrequest, a dead name with sync but no notify port is an invalid argument too.
        assertEquals(KERN_INVALID_ARGUMENT, port.machPortRequestNotification(task, d[0], MACH_NOTIFY_DEAD_NAME, 1,
                MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND_ONCE, previous));
        assertEquals(1, refs(d[0], MACH_PORT_RIGHT_DEAD_NAME));
    }

    @Test
    void aReplacedDeadNameRequestComesBackInPrevious() {
        startB();
        int[] p = portInB();
        int n1 = allocateReceive();
        int n2 = allocateReceive();
        request(p[1], MACH_NOTIFY_DEAD_NAME, 0, n1);
        int previous = request(p[1], MACH_NOTIFY_DEAD_NAME, 0, n2);
        assertEquals(MACH_PORT_TYPE_SEND_ONCE, type(previous));
        assertEquals(KERN_SUCCESS, port.machPortDestroy(taskBInA, p[0]));
        assertEquals(p[1], notificationBody(n2, MACH_NOTIFY_DEAD_NAME, MACH_MSG_TYPE_PORT_NAME));
        assertNothingQueued(n1);
    }

    // --- port-deleted ---------------------------------------------------------------

    @Test
    void portDeletedArrivesWhenTheNameOfADeadNameRequestIsDeallocated() {
        startB();
        int[] p = portInB();
        int n = allocateReceive();
        request(p[1], MACH_NOTIFY_DEAD_NAME, 0, n);
        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, p[1]));

        assertEquals(p[1], notificationBody(n, MACH_NOTIFY_PORT_DELETED, MACH_MSG_TYPE_PORT_NAME));
        int[] t = new int[1];
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, p[1], t));
        // The port itself is fine; its death later notifies nobody.
        assertEquals(KERN_SUCCESS, port.machPortDestroy(taskBInA, p[0]));
        assertNothingQueued(n);
    }

    @Test
    void portDeletedArrivesWhenTheNameIsDestroyedOrMovedAway() {
        startB();
        int[] p1 = portInB();
        int[] p2 = portInB();
        int n = allocateReceive();
        int q = allocateReceive();
        request(p1[1], MACH_NOTIFY_DEAD_NAME, 0, n);
        request(p2[1], MACH_NOTIFY_DEAD_NAME, 0, n);

        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, p1[1]));
        assertEquals(p1[1], notificationBody(n, MACH_NOTIFY_PORT_DELETED, MACH_MSG_TYPE_PORT_NAME));

        // Moving the last user reference away in a message deletes the name too.
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), q, MACH_PORT_NULL, 1)
                .putPort(p2[1], MACH_MSG_TYPE_MOVE_SEND);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, 0, 0, 0));
        assertEquals(p2[1], notificationBody(n, MACH_NOTIFY_PORT_DELETED, MACH_MSG_TYPE_PORT_NAME));
    }

    // --- port-destroyed -------------------------------------------------------------

    @Test
    void portDestroyedCarriesTheReceiveRightWithItsQueuedMessages() {
        int p = allocateReceive();
        int n = allocateReceive();
        assertEquals(MACH_MSG_SUCCESS, sendSimple(p, MACH_MSG_TYPE_MAKE_SEND, 1));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(p, MACH_MSG_TYPE_MAKE_SEND, 2));
        assertEquals(MACH_PORT_NULL, request(p, MACH_NOTIFY_PORT_DESTROYED, 0, n));
        assertTrue(status(p).mpsPdrequest());

        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, p));
        int[] t = new int[1];
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, p, t));

        MachMessage m = notification(n, MACH_NOTIFY_PORT_DESTROYED);
        assertEquals(NOTIFICATION_WITH_BODY_SIZE, m.msghSize());
        assertEquals(MACH_MSGH_BITS_COMPLEX, m.msghBits() & MACH_MSGH_BITS_COMPLEX, "it carries a right");
        MachMsgItems items = m.items();
        assertTrue(items.next());
        assertEquals(MACH_MSG_TYPE_PORT_RECEIVE, items.name());
        assertEquals(16, items.name());
        assertEquals(1, items.number());
        assertTrue(items.inline());
        int back = items.portName(0);
        assertEquals(back, m.buffer().getInt(NOT_BODY_OFFSET));
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(back));

        MachPortStatus s = status(back);
        assertEquals(2, s.mpsMsgcount(), "the queue went with the right");
        assertFalse(s.mpsPdrequest(), "the request is used up");
        assertEquals(0, s.mpsMscount());
        assertEquals(0, s.mpsSeqno());

        MachMessage first = receive(back);
        assertEquals(1, first.msghId());
        assertEquals(back, first.msghLocalPort());
        assertEquals(2, receive(back).msghId());

        // The port still works.
        assertEquals(MACH_MSG_SUCCESS, sendSimple(back, MACH_MSG_TYPE_MAKE_SEND_ONCE, 3));
        assertEquals(3, receive(back).msghId());
    }

    @Test
    void portDestroyedAlsoFiresWhenTheOwnerTaskTerminates() {
        startB();
        int[] p = portInB();
        int n = allocateReceive();
        int[] previous = new int[1];
        // A's request on B's receive right; the notify right comes from A's space.
        assertEquals(KERN_SUCCESS, port.machPortRequestNotification(taskBInA, p[0], MACH_NOTIFY_PORT_DESTROYED, 0, n,
                MACH_MSG_TYPE_MAKE_SEND_ONCE, previous));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(p[1], MACH_MSG_TYPE_COPY_SEND, 7));

        assertEquals(KERN_SUCCESS, taskB.terminate());

        MachMessage m = notification(n, MACH_NOTIFY_PORT_DESTROYED);
        MachMsgItems items = m.items();
        assertTrue(items.next());
        int back = items.portName(0);
        assertEquals(p[1], back, "the receive right joins our send right's name");
        assertEquals(MACH_PORT_TYPE_SEND_RECEIVE, type(back));
        assertEquals(7, receive(back).msghId());
    }

    @Test
    void aPortDestroyedRequestWithSyncIsInvalidValue() {
        int p = allocateReceive();
        int n = allocateReceive();
        int[] previous = new int[1];
        assertEquals(KERN_INVALID_VALUE, port.machPortRequestNotification(task, p, MACH_NOTIFY_PORT_DESTROYED, 1, n,
                MACH_MSG_TYPE_MAKE_SEND_ONCE, previous));
        assertFalse(status(p).mpsPdrequest());
    }

    @Test
    void aPortDestroyedRequestNamingThePortItselfLetsThePortDie() {
        // ipc_port_destroy: a notification that would put the port in transit to itself
        // (ipc_port_check_circularity) is not sent; the port is destroyed instead.
        startB();
        int[] p = portInB();
        MachTraps b = threadB.traps();
        int bTask = b.machTaskSelf();
        int[] previous = new int[1];
        assertEquals(KERN_SUCCESS, b.machPort().machPortRequestNotification(bTask, p[0], MACH_NOTIFY_PORT_DESTROYED, 0,
                p[0], MACH_MSG_TYPE_MAKE_SEND_ONCE, previous));
        int n = allocateReceive();
        request(p[1], MACH_NOTIFY_DEAD_NAME, 0, n);

        assertEquals(KERN_SUCCESS, b.machPort().machPortDestroy(bTask, p[0]));

        assertEquals(p[1], notificationBody(n, MACH_NOTIFY_DEAD_NAME, MACH_MSG_TYPE_PORT_NAME));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(p[1]));
    }

    // --- send-once ------------------------------------------------------------------

    @Test
    void aDeallocatedSendOnceRightSendsASendOnceNotificationOnItself() {
        int p = allocateReceive();
        int[] so = new int[1];
        int[] soType = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(task, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, so, soType));
        assertEquals(MACH_MSG_TYPE_PORT_SEND_ONCE, soType[0]);
        assertNotEquals(p, so[0], "a send-once right has a name of its own");
        assertEquals(MACH_PORT_TYPE_SEND_ONCE, type(so[0]));
        assertEquals(1, status(p).mpsSorights());

        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, so[0]));

        MachMessage m = notification(p, MACH_NOTIFY_SEND_ONCE);
        assertEquals(SEND_ONCE_NOTIFICATION_SIZE, m.msghSize());
        assertEquals(0, status(p).mpsSorights(), "the notification used the right up");
        int[] t = new int[1];
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, so[0], t));
    }

    @Test
    void aSendOnceRightDestroyedWithItsMessageSendsASendOnceNotification() {
        int p = allocateReceive();
        int q = allocateReceive();
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), q, p, 1);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, 0, 0, 0));
        assertEquals(1, status(p).mpsSorights());
        assertNothingQueued(p);

        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, q));
        notification(p, MACH_NOTIFY_SEND_ONCE);
    }

    @Test
    void aSendOnceRightUsedForAReplySendsNoNotification() {
        int p = allocateReceive();
        int[] so = new int[1];
        int[] soType = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(task, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, so, soType));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(so[0], MACH_MSG_TYPE_MOVE_SEND_ONCE, 42));
        MachMessage m = receive(p);
        assertEquals(42, m.msghId());
        assertEquals(machMsghBits(0, MACH_MSG_TYPE_PORT_SEND_ONCE), m.msghBits());
        assertNothingQueued(p);
        assertEquals(0, status(p).mpsSorights());
    }

    // --- msg-accepted (MACH_SEND_NOTIFY) ----------------------------------------------

    /** Sends a message with MACH_SEND_NOTIFY (no wait) carrying a MOVE_SEND of {@code carried}. */
    private int sendNotify(MachMessage m, int dest, int notifyPort, int carried, int id) {
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), dest, MACH_PORT_NULL, id);
        if (carried != MACH_PORT_NULL) {
            m.putPort(carried, MACH_MSG_TYPE_MOVE_SEND);
        }
        return self.machMsg(m, MACH_SEND_MSG | MACH_SEND_NOTIFY | MACH_SEND_TIMEOUT, m.endBody(), 0, 0, 0,
                notifyPort);
    }

    @Test
    void sendNotifyOnAFullQueueQueuesTheMessageAndMsgAcceptedFollowsItsReceipt() {
        int d = allocateReceive();
        int n = allocateReceive();
        int carried = allocateReceive();
        makeSend(d);
        makeSend(carried);
        makeSend(carried);
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(task, d, 1));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(d, MACH_MSG_TYPE_COPY_SEND, 1));
        assertEquals(MACH_SEND_TIMED_OUT, sendSimple(d, MACH_MSG_TYPE_COPY_SEND, 99), "the queue is full");

        MachMessage m = new MachMessage(BUFFER);
        assertEquals(MACH_SEND_WILL_NOTIFY, sendNotify(m, d, n, MACH_PORT_NULL, 2));
        assertEquals(2, status(d).mpsMsgcount(), "queued beyond the limit");
        assertEquals(MACH_PORT_TYPE_SEND_RECEIVE | MACH_PORT_TYPE_MAREQUEST, type(d));
        assertEquals(1, status(n).mpsSorights(), "the request holds a send-once right to n");

        // A second forced message before the notification: refused, and given back.
        assertEquals(2, refs(carried, MACH_PORT_RIGHT_SEND));
        assertEquals(MACH_SEND_NOTIFY_IN_PROGRESS, sendNotify(m, d, n, carried, 3));
        assertEquals(2, refs(carried, MACH_PORT_RIGHT_SEND), "pseudo-receive gave the carried right back");
        assertEquals(d, m.msghRemotePort());
        MachMsgItems items = m.items();
        assertTrue(items.next());
        assertEquals(MACH_MSG_TYPE_PORT_SEND, items.name());
        assertEquals(carried, items.portName(0));
        assertEquals(2, status(d).mpsMsgcount());

        assertEquals(1, receive(d).msghId());
        assertNothingQueued(n);
        assertEquals(2, receive(d).msghId());
        assertEquals(d, notificationBody(n, MACH_NOTIFY_MSG_ACCEPTED, MACH_MSG_TYPE_PORT_NAME));
        assertEquals(MACH_PORT_TYPE_SEND_RECEIVE, type(d), "no request left");
        assertNothingQueued(n);
    }

    @Test
    void msgAcceptedWaitsForTheForcedMessageNotForRoomInTheQueue() {
        // GNU Mach ties the request to the message (ikm_marequest): the notification is sent when
        // that message is received, not when the queue drops below its limit.
        int d = allocateReceive();
        int n = allocateReceive();
        makeSend(d);
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(task, d, 2));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(d, MACH_MSG_TYPE_COPY_SEND, 1));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(d, MACH_MSG_TYPE_COPY_SEND, 2));
        assertEquals(MACH_SEND_WILL_NOTIFY, sendNotify(new MachMessage(BUFFER), d, n, MACH_PORT_NULL, 3));

        assertEquals(1, receive(d).msghId());
        assertEquals(2, receive(d).msghId());
        assertNothingQueued(n);
        assertEquals(3, receive(d).msghId());
        assertEquals(d, notificationBody(n, MACH_NOTIFY_MSG_ACCEPTED, MACH_MSG_TYPE_PORT_NAME));
    }

    @Test
    void sendNotifyWithATimeoutWaitsForRoomFirst() throws Exception {
        // mach_msg_send: with MACH_SEND_TIMEOUT the send waits as long as it may, and only a send
        // that would time out is forced with a msg-accepted request.
        int d = allocateReceive();
        int n = allocateReceive();
        makeSend(d);
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(task, d, 1));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(d, MACH_MSG_TYPE_COPY_SEND, 1));
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread sender = taskA.threadCreate("sender", traps -> {
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), d, MACH_PORT_NULL, 2);
            result.complete(traps.machMsg(m, MACH_SEND_MSG | MACH_SEND_NOTIFY | MACH_SEND_TIMEOUT, m.endBody(), 0,
                    0, 60_000, n));
        });
        awaitBlocked(sender);
        assertTrue(sender.isWaitingInMachMsg(), "the sender waits for room");
        assertEquals(1, receive(d).msghId());
        assertEquals(MACH_MSG_SUCCESS, result.get(5, TimeUnit.SECONDS));
        assertEquals(2, receive(d).msghId());
        assertNothingQueued(n);
        sender.join();

        // A short timeout that expires: then the message is forced.
        assertEquals(MACH_MSG_SUCCESS, sendSimple(d, MACH_MSG_TYPE_COPY_SEND, 3));
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), d, MACH_PORT_NULL, 4);
        assertEquals(MACH_SEND_WILL_NOTIFY,
                self.machMsg(m, MACH_SEND_MSG | MACH_SEND_NOTIFY | MACH_SEND_TIMEOUT, m.endBody(), 0, 0, 20, n));
        assertEquals(2, status(d).mpsMsgcount());
    }

    @Test
    void forcingAMessageWithTheLastSendRightStillNotifiesWithoutAName() {
        // ipc_marequest_create: without a send right left in the space, the request has no name.
        startB();
        int[] p = portInB();
        int n = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(taskBInA, p[0], 1));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(p[1], MACH_MSG_TYPE_COPY_SEND, 1));
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MOVE_SEND, 0), p[1], MACH_PORT_NULL, 2);
        assertEquals(MACH_SEND_WILL_NOTIFY,
                self.machMsg(m, MACH_SEND_MSG | MACH_SEND_NOTIFY, m.endBody(), 0, 0, 0, n));
        int[] t = new int[1];
        assertEquals(KERN_INVALID_NAME, port.machPortType(task, p[1], t), "the last reference went with the message");

        MachTraps b = threadB.traps();
        MachMessage r = new MachMessage(BUFFER);
        assertEquals(MACH_MSG_SUCCESS, b.machMsg(r, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, p[0], 5000, 0));
        assertNothingQueued(n);
        assertEquals(MACH_MSG_SUCCESS, b.machMsg(r, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, p[0], 5000, 0));
        assertEquals(2, r.msghId());
        assertEquals(MACH_PORT_NULL, notificationBody(n, MACH_NOTIFY_MSG_ACCEPTED, MACH_MSG_TYPE_PORT_NAME));
    }

    @Test
    void sendNotifyWithRoomInTheQueueIsAnOrdinarySend() {
        int d = allocateReceive();
        int n = allocateReceive();
        makeSend(d);
        assertEquals(MACH_MSG_SUCCESS, sendNotify(new MachMessage(BUFFER), d, n, MACH_PORT_NULL, 1));
        assertEquals(MACH_PORT_TYPE_SEND_RECEIVE, type(d));
        assertEquals(1, receive(d).msghId());
        assertNothingQueued(n);
        // GNU Mach looks at the notify port only when the queue is full.
        assertEquals(MACH_MSG_SUCCESS, sendNotify(new MachMessage(BUFFER), d, task, MACH_PORT_NULL, 2));
        assertEquals(2, receive(d).msghId());
    }

    @Test
    void sendNotifyOnAFullQueueWithABadNotifyPortIsInvalidNotify() {
        int d = allocateReceive();
        makeSend(d);
        int carried = allocateReceive();
        makeSend(carried);
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(task, d, 1));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(d, MACH_MSG_TYPE_COPY_SEND, 1));
        MachMessage m = new MachMessage(BUFFER);
        // notify must name a receive right: the task port name is a send right.
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendNotify(m, d, task, carried, 2));
        assertEquals(1, refs(carried, MACH_PORT_RIGHT_SEND), "the message was given back");
        assertEquals(MACH_SEND_INVALID_NOTIFY, sendNotify(m, d, MACH_PORT_NULL, MACH_PORT_NULL, 2));
        assertEquals(1, status(d).mpsMsgcount());
    }

    @Test
    void aForcedMessageDestroyedWithItsPortStillSendsMsgAccepted() {
        // ipc_kmsg_clean -> ipc_marequest_destroy: a message destroyed unreceived accepts too.
        startB();
        int[] p = portInB();
        int n = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(taskBInA, p[0], 1));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(p[1], MACH_MSG_TYPE_COPY_SEND, 1));
        assertEquals(MACH_SEND_WILL_NOTIFY, sendNotify(new MachMessage(BUFFER), p[1], n, MACH_PORT_NULL, 2));

        assertEquals(KERN_SUCCESS, port.machPortDestroy(taskBInA, p[0]));

        assertEquals(p[1], notificationBody(n, MACH_NOTIFY_MSG_ACCEPTED, MACH_MSG_TYPE_PORT_NAME));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(p[1]));
        assertNothingQueued(n);
    }

    @Test
    void aCancelledMsgAcceptedRequestStillNotifiesWithANullName() {
        // ipc_marequest_cancel: the sender's name went away; no notification then (no port-deleted),
        // and the msg-accepted notification comes when the message is received, without the name.
        startB();
        int[] p = portInB();
        int n = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(taskBInA, p[0], 1));
        assertEquals(MACH_MSG_SUCCESS, sendSimple(p[1], MACH_MSG_TYPE_COPY_SEND, 1));
        assertEquals(MACH_SEND_WILL_NOTIFY, sendNotify(new MachMessage(BUFFER), p[1], n, MACH_PORT_NULL, 2));

        assertEquals(KERN_SUCCESS, port.machPortDeallocate(task, p[1]));
        assertNothingQueued(n);

        // Task B receives both messages, with its own traps.
        MachTraps b = threadB.traps();
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(MACH_MSG_SUCCESS, b.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, p[0], 5000, 0));
        assertEquals(1, m.msghId());
        assertNothingQueued(n);
        assertEquals(MACH_MSG_SUCCESS, b.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, p[0], 5000, 0));
        assertEquals(2, m.msghId());
        assertEquals(MACH_PORT_NULL, notificationBody(n, MACH_NOTIFY_MSG_ACCEPTED, MACH_MSG_TYPE_PORT_NAME));
        assertNothingQueued(n);
    }

    // --- task termination ------------------------------------------------------------

    @Test
    void terminatingTheTaskThatHoldsTheReceiveRightSendsDeadName() {
        startB();
        MachTraps b = threadB.traps();
        int bTask = b.machTaskSelf();
        // Task B makes its own port, with its own traps.
        int[] inB = new int[1];
        assertEquals(KERN_SUCCESS, b.machPort().machPortAllocate(bTask, MACH_PORT_RIGHT_RECEIVE, inB));
        // Task A takes a send right to it out of B's space.
        int[] s = new int[1];
        int[] sType = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(taskBInA, inB[0], MACH_MSG_TYPE_MAKE_SEND, s, sType));
        int n = allocateReceive();
        request(s[0], MACH_NOTIFY_DEAD_NAME, 0, n);
        // A message from A waits in B's queue.
        assertEquals(MACH_MSG_SUCCESS, sendSimple(s[0], MACH_MSG_TYPE_COPY_SEND, 5));

        assertEquals(KERN_SUCCESS, taskB.terminate());

        assertEquals(s[0], notificationBody(n, MACH_NOTIFY_DEAD_NAME, MACH_MSG_TYPE_PORT_NAME));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(s[0]));
        assertEquals(2, refs(s[0], MACH_PORT_RIGHT_DEAD_NAME));
        // B's task port died too: our send right to it is a dead name now.
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(taskBInA));
        assertNothingQueued(n);
    }

    @Test
    void terminatingATaskReleasesItsSendRightsForNoSenders() {
        int p = allocateReceive();
        int n = allocateReceive();
        startB();
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(taskBInA, 0x2000, p, MACH_MSG_TYPE_MAKE_SEND));
        request(p, MACH_NOTIFY_NO_SENDERS, 0, n);
        assertNothingQueued(n);

        assertEquals(KERN_SUCCESS, taskB.terminate());
        assertEquals(1, notificationBody(n, MACH_NOTIFY_NO_SENDERS, MACH_MSG_TYPE_INTEGER_32));
    }

    @Test
    void terminatingATaskWithASendOnceRightSendsSendOnce() {
        int p = allocateReceive();
        startB();
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(taskBInA, 0x3000, p, MACH_MSG_TYPE_MAKE_SEND_ONCE));
        assertNothingQueued(p);
        assertEquals(KERN_SUCCESS, taskB.terminate());
        notification(p, MACH_NOTIFY_SEND_ONCE);
    }

    @Test
    void terminatingATaskWithADeadNameRequestSendsPortDeleted() {
        int p = allocateReceive();
        int n = allocateReceive();
        startB();
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(taskBInA, 0x4000, p, MACH_MSG_TYPE_MAKE_SEND));
        // A request on B's name, whose notifications come to A's port n.
        int[] previous = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortRequestNotification(taskBInA, 0x4000, MACH_NOTIFY_DEAD_NAME, 0, n,
                MACH_MSG_TYPE_MAKE_SEND_ONCE, previous));
        assertEquals(KERN_SUCCESS, taskB.terminate());
        assertEquals(0x4000, notificationBody(n, MACH_NOTIFY_PORT_DELETED, MACH_MSG_TYPE_PORT_NAME));
        assertNothingQueued(n);
    }
}
