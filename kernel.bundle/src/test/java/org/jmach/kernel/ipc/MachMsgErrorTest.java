package org.jmach.kernel.ipc;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.jmach.mach.KernReturn.KERN_INVALID_VALUE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INVALID_DATA;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INVALID_NAME;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_SET;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_CHANGED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_DIED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TOO_LARGE;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DATA;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_HEADER;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_MEMORY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_NOTIFY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_REPLY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_RIGHT;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_TYPE;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_MSG_TOO_SMALL;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_TIMED_OUT;
import static org.jmach.mach.Message.MACH_MSGH_BITS_CIRCULAR;
import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_TYPE_BYTE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_INTERRUPT;
import static org.jmach.mach.Message.MACH_RCV_LARGE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_INTERRUPT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_NOTIFY;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_QLIMIT_DEFAULT;
import static org.jmach.mach.Port.MACH_PORT_QLIMIT_MAX;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_RECEIVE;
import static org.jmach.mach.Port.machPortMake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.function.ToIntFunction;

import org.jmach.kernel.kern.Thread;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachPortStatus;
import org.jmach.mach.MachTraps;
import org.jmach.mach.Notify;
import org.junit.jupiter.api.Test;

/**
 * Every error path of mach_msg, each checked by its Mach value, with what
 * Mach promises around it: a send that fails after copyin gives the message
 * back (pseudo-receive), a failed copyin consumes nothing, a too-large
 * message is kept or destroyed as MACH_RCV_LARGE says, and waits end with the
 * code that names why.
 */
class MachMsgErrorTest extends IpcTestBase {

    private static final int BUFFER = 256;

    // --- helpers --------------------------------------------------------------------

    private MachPortStatus status(int receive) {
        int[][] s = new int[1][];
        assertEquals(KERN_SUCCESS, port.machPortGetReceiveStatus(task, receive, s));
        return MachPortStatus.decode(s[0]);
    }

    private void makeSend(int receive) {
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, receive, receive, MACH_MSG_TYPE_MAKE_SEND));
    }

    private void qlimit(int receive, int limit) {
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(task, receive, limit));
    }

    /** Sends a header-only message without waiting. */
    private int post(int dest, int disposition, int id) {
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(disposition, 0), dest, MACH_PORT_NULL, id);
        return self.machMsg(m, MACH_SEND_MSG | MACH_SEND_TIMEOUT, m.endBody(), 0, MACH_PORT_NULL, 0, 0);
    }

    private void fill(int dest, int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(MACH_MSG_SUCCESS, post(dest, MACH_MSG_TYPE_MAKE_SEND, 1000 + i));
        }
    }

    private int send(MachMessage m, int option, int size) {
        return self.machMsg(m, MACH_SEND_MSG | option, size, 0, MACH_PORT_NULL, 0, 0);
    }

    private MachMessage receive(int from) {
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, from, 5000, 0));
        return m;
    }

    private int poll(MachMessage m, int from) {
        return self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, m.capacity(), from, 0, 0);
    }

    private int newPortSet() {
        int[] set = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_PORT_SET, set));
        return set[0];
    }

    private int deadName() {
        int[] d = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(task, MACH_PORT_RIGHT_DEAD_NAME, d));
        return d[0];
    }

    /** A name no right in the space has. */
    private static final int UNKNOWN = machPortMake(0x7777, 3);

    /** Runs {@code body} on a new Mach thread of task A; its result completes the future. */
    private Thread spawn(String name, ToIntFunction<MachTraps> body, CompletableFuture<Integer> result) {
        Thread t = taskA.threadCreate(name, traps -> {
            try {
                result.complete(body.applyAsInt(traps));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        assertTrue(t != null);
        return t;
    }

    /**
     * Starts a thread sending a simple message (id 2) to the full port {@code p}
     * with {@code option} and {@code timeout}, by the trap or by mach_msg, and
     * waits until it blocks.
     */
    private Thread blockedSender(int p, boolean trap, int option, int timeout, CompletableFuture<Integer> result)
            throws InterruptedException {
        Thread sender = spawn("sender", traps -> {
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 2);
            return trap ? traps.machMsgTrap(m, option, m.endBody(), 0, 0, timeout, 0)
                    : traps.machMsg(m, option, m.endBody(), 0, 0, timeout, 0);
        }, result);
        assertBlocked(sender);
        return sender;
    }

    private static void assertBlocked(Thread t) throws InterruptedException {
        awaitBlocked(t);
        assertTrue(t.isWaitingInMachMsg(), t + " should wait in mach_msg");
    }

    // --- MACH_SEND_TIMED_OUT ------------------------------------------------------------

    @Test
    void sendTimeoutZeroOnAFullQueueTimesOutAndGivesTheRightsBack() {
        int p = allocateReceive();
        int carried = allocateReceive();
        int moved = allocateReceive();
        makeSend(carried);
        makeSend(carried);
        qlimit(p, 2);
        fill(p, 2);

        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 7)
                .putPort(carried, MACH_MSG_TYPE_MOVE_SEND)
                .putPort(moved, MACH_MSG_TYPE_MOVE_RECEIVE);
        assertEquals(0x10000004, send(m, MACH_SEND_TIMEOUT, m.endBody()));

        assertEquals(2, status(p).mpsMsgcount(), "nothing was queued");
        assertEquals(2, refs(carried, MACH_PORT_RIGHT_SEND), "the moved send right is back, same name, same urefs");
        MachMsgItems items = m.items();
        assertTrue(items.next());
        assertEquals(MACH_MSG_TYPE_PORT_SEND, items.name());
        assertEquals(carried, items.portName(0));
        assertTrue(items.next());
        assertEquals(MACH_MSG_TYPE_PORT_RECEIVE, items.name());
        int movedBack = items.portName(0);
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(movedBack), "the receive right is back under the name shown");
        assertEquals(p, m.msghRemotePort());
        assertEquals(7, m.msghId());
    }

    @Test
    void theLastUserReferenceMovedInAFailedSendComesBackToo() {
        int p = allocateReceive();
        int carried = allocateReceive();
        makeSend(carried);
        qlimit(p, 1);
        fill(p, 1);
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 7)
                .putPort(carried, MACH_MSG_TYPE_MOVE_SEND);
        assertEquals(MACH_SEND_TIMED_OUT, send(m, MACH_SEND_TIMEOUT, m.endBody()));
        assertEquals(MACH_PORT_TYPE_SEND_RECEIVE, type(carried));
        assertEquals(1, refs(carried, MACH_PORT_RIGHT_SEND));
        assertTrue(status(carried).mpsSrights());
    }

    @Test
    void sendTimeoutOfAFewMillisecondsTimesOutOnAFullQueue() {
        int p = allocateReceive();
        int carried = allocateReceive();
        makeSend(carried);
        makeSend(carried);
        qlimit(p, 1);
        fill(p, 1);
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 7)
                .putPort(carried, MACH_MSG_TYPE_MOVE_SEND);
        int size = m.endBody();
        assertEquals(MACH_SEND_TIMED_OUT, self.machMsg(m, MACH_SEND_MSG | MACH_SEND_TIMEOUT, size, 0, 0, 20, 0));
        assertEquals(0x10000004, MACH_SEND_TIMED_OUT);
        assertEquals(2, refs(carried, MACH_PORT_RIGHT_SEND));
        assertEquals(1, status(p).mpsMsgcount());
    }

    @Test
    void aSendTimeoutIsMetWhenRoomIsMadeInTime() throws Exception {
        int p = allocateReceive();
        qlimit(p, 1);
        fill(p, 1);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread sender = blockedSender(p, false, MACH_SEND_MSG | MACH_SEND_TIMEOUT, 60_000, result);
        assertEquals(1000, receive(p).msghId());
        assertEquals(MACH_MSG_SUCCESS, result.get(5, SECONDS));
        assertEquals(2, receive(p).msghId());
        sender.join();
    }

    // --- MACH_SEND_INTERRUPTED ------------------------------------------------------

    @Test
    void abortingABlockedSenderWithSendInterruptIsSendInterruptedAndGivesTheRightsBack() throws Exception {
        int p = allocateReceive();
        int carried = allocateReceive();
        makeSend(carried);
        makeSend(carried);
        qlimit(p, 1);
        fill(p, 1);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        CompletableFuture<Integer> nameBack = new CompletableFuture<>();
        Thread sender = spawn("sender", traps -> {
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 2)
                    .putPort(carried, MACH_MSG_TYPE_MOVE_SEND);
            int mr = traps.machMsg(m, MACH_SEND_MSG | MACH_SEND_INTERRUPT, m.endBody(), 0, 0, 0, 0);
            MachMsgItems items = m.items();
            nameBack.complete(items.next() ? items.portName(0) : -1);
            return mr;
        }, result);
        assertBlocked(sender);
        assertEquals(1, refs(carried, MACH_PORT_RIGHT_SEND), "one reference travels in the blocked message");

        assertEquals(KERN_SUCCESS, sender.abort());
        assertEquals(0x10000007, result.get(5, SECONDS));
        assertEquals(MACH_SEND_INTERRUPTED, result.get());
        assertEquals(carried, nameBack.get(5, SECONDS));
        assertEquals(2, refs(carried, MACH_PORT_RIGHT_SEND));
        assertEquals(1, status(p).mpsMsgcount());
        sender.join();
    }

    @Test
    void abortingASenderBlockedInTheTrapIsSendInterruptedWithoutTheOption() throws Exception {
        int p = allocateReceive();
        qlimit(p, 1);
        fill(p, 1);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread sender = blockedSender(p, true, MACH_SEND_MSG, 0, result);
        sender.abort();
        assertEquals(MACH_SEND_INTERRUPTED, result.get(5, SECONDS));
        sender.join();
    }

    @Test
    void withoutSendInterruptMachMsgRetriesAnAbortedSend() throws Exception {
        int p = allocateReceive();
        qlimit(p, 1);
        fill(p, 1);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread sender = blockedSender(p, false, MACH_SEND_MSG, 0, result);
        sender.abort();
        java.lang.Thread.sleep(20);
        assertBlocked(sender);
        assertFalse(result.isDone(), "libmach sends again");
        assertEquals(1000, receive(p).msghId());
        assertEquals(MACH_MSG_SUCCESS, result.get(5, SECONDS));
        assertEquals(2, receive(p).msghId());
        sender.join();
    }

    // --- MACH_SEND_INVALID_DEST -----------------------------------------------------

    private int sendTo(int dest, int disposition) {
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(disposition, 0), dest, MACH_PORT_NULL, 1);
        return send(m, MACH_SEND_TIMEOUT, m.endBody());
    }

    @Test
    void aNullDestinationIsInvalidDest() {
        assertEquals(0x10000003, sendTo(MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND));
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND_ONCE));
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(MACH_PORT_DEAD, MACH_MSG_TYPE_COPY_SEND));
    }

    @Test
    void aDeadNameDestinationIsInvalidDest() {
        int d = deadName();
        assertEquals(0x10000003, sendTo(d, MACH_MSG_TYPE_COPY_SEND));
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(d, MACH_MSG_TYPE_MOVE_SEND));
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(d, MACH_MSG_TYPE_MOVE_SEND_ONCE));
        assertEquals(1, refs(d, MACH_PORT_RIGHT_DEAD_NAME), "nothing consumed");
    }

    @Test
    void aSendRightWhosePortDiedIsAnInvalidDest() {
        int p = allocateReceive();
        int q = allocateReceive();
        makeSend(p);
        // The receive right leaves in a message to q; destroying q's queue kills it.
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), q, MACH_PORT_NULL, 1)
                .putPort(p, MACH_MSG_TYPE_MOVE_RECEIVE);
        assertEquals(MACH_MSG_SUCCESS, send(m, 0, m.endBody()));
        assertEquals(MACH_PORT_TYPE_SEND, type(p));
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, q));
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(p));

        assertEquals(MACH_SEND_INVALID_DEST, sendTo(p, MACH_MSG_TYPE_COPY_SEND));
        assertEquals(1, refs(p, MACH_PORT_RIGHT_DEAD_NAME));
    }

    @Test
    void anUnknownDestinationIsInvalidDest() {
        assertEquals(0x10000003, sendTo(UNKNOWN, MACH_MSG_TYPE_COPY_SEND));
        int p = allocateReceive();
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(p + 1, MACH_MSG_TYPE_MAKE_SEND), "same index, other generation");
    }

    @Test
    void aDestinationWithoutTheRightTheDispositionNeedsIsInvalidDest() {
        int p = allocateReceive();
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(p, MACH_MSG_TYPE_COPY_SEND), "receive right only");
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(p, MACH_MSG_TYPE_MOVE_SEND));
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(p, MACH_MSG_TYPE_MOVE_SEND_ONCE));
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(task, MACH_MSG_TYPE_MAKE_SEND), "send right only");
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(task, MACH_MSG_TYPE_MAKE_SEND_ONCE));
        assertEquals(MACH_SEND_INVALID_DEST, sendTo(newPortSet(), MACH_MSG_TYPE_MAKE_SEND), "a port set");
        assertEquals(0, status(p).mpsMscount(), "nothing was made");
        assertEquals(0, status(p).mpsMsgcount());
    }

    // --- MACH_SEND_INVALID_REPLY ----------------------------------------------------

    @Test
    void aReplyPortWithoutTheRightIsInvalidReplyAndTheDestinationIsKept() {
        int p = allocateReceive();
        int r = allocateReceive();
        makeSend(p);
        int[][] cases = {
            {UNKNOWN, MACH_MSG_TYPE_MAKE_SEND_ONCE},
            {r, MACH_MSG_TYPE_COPY_SEND},
            {r, MACH_MSG_TYPE_MOVE_SEND_ONCE},
            {task, MACH_MSG_TYPE_MAKE_SEND},
            {newPortSet(), MACH_MSG_TYPE_MAKE_SEND_ONCE},
        };
        for (int[] c : cases) {
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MOVE_SEND, c[1]), p, c[0], 1);
            assertEquals(0x10000009, send(m, MACH_SEND_TIMEOUT, m.endBody()),
                    () -> "reply 0x" + Integer.toHexString(c[0]) + " disposition " + c[1]);
            assertEquals(1, refs(p, MACH_PORT_RIGHT_SEND), "the moved destination right is not consumed");
        }
        assertEquals(MACH_SEND_INVALID_REPLY, 0x10000009);
        assertEquals(0, status(p).mpsMsgcount());
        assertEquals(0, status(r).mpsSorights());
    }

    @Test
    void aDeadNameIsAValidReplyPort() {
        int p = allocateReceive();
        int d = deadName();
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_COPY_SEND), p, d, 1);
        assertEquals(MACH_MSG_SUCCESS, send(m, MACH_SEND_TIMEOUT, m.endBody()));
        assertEquals(MACH_PORT_DEAD, receive(p).msghRemotePort());
    }

    // --- MACH_SEND_INVALID_HEADER ---------------------------------------------------

    @Test
    void badHeaderBitsOrDispositionsAreInvalidHeader() {
        int p = allocateReceive();
        int r = allocateReceive();
        makeSend(p);
        int[][] cases = {
            // bits, reply name
            {machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0) | 0x00010000, MACH_PORT_NULL},
            {machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0) | MACH_MSGH_BITS_CIRCULAR, MACH_PORT_NULL},
            {machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0) | 0x08000000, MACH_PORT_NULL},
            {machMsghBits(0, 0), MACH_PORT_NULL},
            {machMsghBits(MACH_MSG_TYPE_MOVE_RECEIVE, 0), MACH_PORT_NULL},
            {machMsghBits(MACH_MSG_TYPE_INTEGER_32, 0), MACH_PORT_NULL},
            {machMsghBits(22, 0), MACH_PORT_NULL},
            {machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), r},
            {machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MOVE_RECEIVE), r},
            {machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_INTEGER_32), r},
        };
        for (int[] c : cases) {
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(c[0], p, c[1], 1);
            assertEquals(0x10000010, send(m, MACH_SEND_TIMEOUT, m.endBody()),
                    () -> "bits 0x" + Integer.toHexString(c[0]));
        }
        assertEquals(MACH_SEND_INVALID_HEADER, 0x10000010);
        assertEquals(0, status(p).mpsMsgcount());
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(r), "the reply receive right stays");
    }

    // --- MACH_SEND_MSG_TOO_SMALL ----------------------------------------------------

    @Test
    void aSizeBelowAHeaderOrNotAMultipleOfEightIsMsgTooSmall() {
        int p = allocateReceive();
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 1);
        assertEquals(0x10000008, send(m, MACH_SEND_TIMEOUT, 0));
        assertEquals(MACH_SEND_MSG_TOO_SMALL, send(m, MACH_SEND_TIMEOUT, 24));
        assertEquals(MACH_SEND_MSG_TOO_SMALL, send(m, MACH_SEND_TIMEOUT, 36));
        assertEquals(MACH_SEND_MSG_TOO_SMALL, send(m, MACH_SEND_TIMEOUT, -8));
        assertEquals(0, status(p).mpsMscount(), "no right was made");
    }

    @Test
    void aComplexBodyThatEndsInsideAnItemIsMsgTooSmall() {
        int p = allocateReceive();
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 1).putInteger32(1, 2, 3, 4);
        m.endBody();
        m.setMsghBits(m.msghBits() | MACH_MSGH_BITS_COMPLEX);
        assertEquals(MACH_SEND_MSG_TOO_SMALL, send(m, MACH_SEND_TIMEOUT, 48), "16 bytes of data, 8 sent");
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 1).putPorts(MACH_MSG_TYPE_MAKE_SEND,
                p, p);
        assertEquals(MACH_SEND_MSG_TOO_SMALL, send(m, MACH_SEND_TIMEOUT, 48), "two ports, room for one");
        assertEquals(0, status(p).mpsMsgcount());
        assertEquals(0, status(p).mpsMscount());
    }

    // --- MACH_SEND_INVALID_DATA -----------------------------------------------------

    @Test
    void aSendSizeBeyondTheBufferIsInvalidData() {
        int p = allocateReceive();
        MachMessage m = new MachMessage(48);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 1);
        assertEquals(0x10000002, send(m, MACH_SEND_TIMEOUT, 64));
        assertEquals(MACH_SEND_INVALID_DATA, 0x10000002);
        assertEquals(0, status(p).mpsMsgcount());
    }

    // --- MACH_SEND_INVALID_TYPE -----------------------------------------------------

    @Test
    void malformedTypeDescriptorsAreInvalidType() {
        int p = allocateReceive();
        int c = allocateReceive();
        makeSend(c);
        MachMessage m = new MachMessage(BUFFER);

        // An inline port of 32 bits (inline ports take 64).
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX, p, MACH_PORT_NULL, 1)
                .putType(MACH_MSG_TYPE_COPY_SEND, 32, 1, true, false, false);
        m.buffer().putLong(m.writePosition(), c);
        m.writePosition(m.writePosition() + 8);
        assertEquals(0x1000000f, send(m, MACH_SEND_TIMEOUT, m.endBody()));

        // Unused descriptor bits set.
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX, p, MACH_PORT_NULL, 1);
        m.buffer().putInt(32, MACH_MSG_TYPE_INTEGER_32 | (32 << 8) | MSGT_INLINE | (1 << 24));
        m.buffer().putInt(36, 1);
        m.writePosition(48);
        assertEquals(MACH_SEND_INVALID_TYPE, send(m, MACH_SEND_TIMEOUT, m.endBody()));

        // Deallocate on inline data.
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0) | MACH_MSGH_BITS_COMPLEX, p, MACH_PORT_NULL, 1)
                .putType(MACH_MSG_TYPE_INTEGER_32, 32, 2, true, false, true);
        m.writePosition(m.writePosition() + 8);
        assertEquals(MACH_SEND_INVALID_TYPE, send(m, MACH_SEND_TIMEOUT, m.endBody()));

        assertEquals(0, status(p).mpsMsgcount());
        assertEquals(1, refs(c, MACH_PORT_RIGHT_SEND));
    }

    // --- MACH_SEND_INVALID_MEMORY ---------------------------------------------------

    @Test
    void outOfLineDataTheSenderCannotReadIsInvalidMemory() {
        int p = allocateReceive();
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 1)
                .putOutOfLine(MACH_MSG_TYPE_BYTE, 8, 100, 0x7ead0000L, false);
        assertEquals(0x1000000c, send(m, MACH_SEND_TIMEOUT, m.endBody()));

        long[] address = new long[1];
        assertEquals(KERN_SUCCESS, self.mach().vmAllocate(task, address, 4096, 1));
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 2)
                .putOutOfLine(MACH_MSG_TYPE_BYTE, 8, 8192, address[0], false);
        assertEquals(MACH_SEND_INVALID_MEMORY, send(m, MACH_SEND_TIMEOUT, m.endBody()), "runs past the region");
        assertEquals(0, status(p).mpsMsgcount());

        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 3)
                .putOutOfLine(MACH_MSG_TYPE_BYTE, 8, 4096, address[0], false);
        assertEquals(MACH_MSG_SUCCESS, send(m, MACH_SEND_TIMEOUT, m.endBody()), "the same, readable, goes");
        assertEquals(3, receive(p).msghId());
    }

    // --- MACH_SEND_INVALID_RIGHT ----------------------------------------------------

    @Test
    void aPortInTheBodyTheSenderDoesNotHoldIsInvalidRight() {
        int p = allocateReceive();
        int[][] cases = {
            {UNKNOWN, MACH_MSG_TYPE_COPY_SEND},
            {task, MACH_MSG_TYPE_MOVE_RECEIVE},
            {task, MACH_MSG_TYPE_MAKE_SEND},
            {task, MACH_MSG_TYPE_MOVE_SEND_ONCE},
            {p, MACH_MSG_TYPE_COPY_SEND},
        };
        for (int[] c : cases) {
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND_ONCE, 0), p, MACH_PORT_NULL, 1)
                    .putPort(c[0], c[1]);
            assertEquals(0x1000000a, send(m, MACH_SEND_TIMEOUT, m.endBody()),
                    () -> "0x" + Integer.toHexString(c[0]) + " disposition " + c[1]);
        }
        assertEquals(MACH_SEND_INVALID_RIGHT, 0x1000000a);
        assertEquals(0, status(p).mpsMsgcount());
    }

    @Test
    void deadNamesAndNullNamesInTheBodyAreValid() {
        int p = allocateReceive();
        int d = deadName();
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 1)
                .putPorts(MACH_MSG_TYPE_MOVE_SEND, d, MACH_PORT_NULL, MACH_PORT_DEAD);
        assertEquals(MACH_MSG_SUCCESS, send(m, MACH_SEND_TIMEOUT, m.endBody()));
        MachMsgItems items = receive(p).items();
        assertTrue(items.next());
        assertEquals(MACH_PORT_DEAD, items.portName(0));
        assertEquals(MACH_PORT_NULL, items.portName(1));
        assertEquals(MACH_PORT_DEAD, items.portName(2));
    }

    // --- MACH_SEND_INVALID_NOTIFY ---------------------------------------------------

    @Test
    void sendNotifyWithANotifyThatIsNotAReceiveRightIsInvalidNotifyOnAFullQueue() {
        int p = allocateReceive();
        int carried = allocateReceive();
        makeSend(p);
        makeSend(carried);
        makeSend(carried);
        qlimit(p, 1);
        fill(p, 1);
        for (int notify : new int[] {task, UNKNOWN, deadName(), MACH_PORT_NULL, newPortSet()}) {
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), p, MACH_PORT_NULL, 1)
                    .putPort(carried, MACH_MSG_TYPE_MOVE_SEND);
            int mr = self.machMsg(m, MACH_SEND_MSG | MACH_SEND_NOTIFY, m.endBody(), 0, 0, 0, notify);
            assertEquals(0x1000000b, mr, () -> "notify 0x" + Integer.toHexString(notify));
            assertEquals(2, refs(carried, MACH_PORT_RIGHT_SEND), "the message was given back");
        }
        assertEquals(MACH_SEND_INVALID_NOTIFY, 0x1000000b);
        assertEquals(1, status(p).mpsMsgcount());
    }

    // --- MACH_RCV_TIMED_OUT ---------------------------------------------------------

    @Test
    void aReceiveTimeoutOfZeroPollsAnEmptyQueue() {
        int p = allocateReceive();
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(0x10004003, poll(m, p));
        assertEquals(MACH_RCV_TIMED_OUT, poll(m, newPortSet()));
        fill(p, 1);
        assertEquals(MACH_MSG_SUCCESS, poll(m, p));
    }

    @Test
    void aReceiveTimeoutOfAFewMillisecondsTimesOut() {
        int p = allocateReceive();
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(MACH_RCV_TIMED_OUT, self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, p, 15, 0));
        int set = newPortSet();
        assertEquals(MACH_RCV_TIMED_OUT, self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, set, 15, 0));
    }

    @Test
    void aReceiveTimeoutIsMetByAMessageSentInTime() throws Exception {
        int p = allocateReceive();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread receiver = spawn("receiver", traps -> {
            MachMessage m = new MachMessage(BUFFER);
            int mr = traps.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, p, 60_000, 0);
            return mr == MACH_MSG_SUCCESS ? m.msghId() : mr;
        }, result);
        assertBlocked(receiver);
        assertEquals(MACH_MSG_SUCCESS, post(p, MACH_MSG_TYPE_MAKE_SEND, 77));
        assertEquals(77, result.get(5, SECONDS));
        receiver.join();
    }

    // --- MACH_RCV_INVALID_NAME ------------------------------------------------------

    @Test
    void receivingOnANameThatIsNeitherAReceiveRightNorASetIsInvalidName() {
        MachMessage m = new MachMessage(BUFFER);
        int[] so = new int[1];
        int[] soType = new int[1];
        int p = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(task, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, so, soType));
        for (int name : new int[] {UNKNOWN, task, deadName(), MACH_PORT_NULL, MACH_PORT_DEAD, so[0]}) {
            assertEquals(0x10004002, poll(m, name), () -> "name 0x" + Integer.toHexString(name));
        }
        assertEquals(MACH_RCV_INVALID_NAME, 0x10004002);
    }

    // --- MACH_RCV_IN_SET ------------------------------------------------------------

    @Test
    void receivingOnAMemberOfAPortSetIsInSet() {
        int p = allocateReceive();
        int set = newPortSet();
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, p, set));
        fill(p, 1);
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(0x1000400a, poll(m, p));
        assertEquals(MACH_RCV_IN_SET, 0x1000400a);
        assertEquals(1, status(p).mpsMsgcount(), "the message waits for a receive on the set");
        assertEquals(MACH_MSG_SUCCESS, poll(m, set));
        assertEquals(p, m.msghLocalPort());
    }

    // --- MACH_RCV_TOO_LARGE ---------------------------------------------------------

    @Test
    void aTooLargeMessageWithRcvLargeStaysQueuedAndItsSizeIsReported() {
        int p = allocateReceive();
        MachMessage out = new MachMessage(BUFFER);
        out.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 5).putInteger32(1, 2, 3, 4, 5, 6);
        int size = out.endBody();
        assertEquals(64, size);
        assertEquals(MACH_MSG_SUCCESS, send(out, MACH_SEND_TIMEOUT, size));

        MachMessage small = new MachMessage(BUFFER);
        int mr = self.machMsg(small, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT, 0, 40, p, 0, 0);
        assertEquals(0x10004004, mr);
        assertEquals(64, small.msghSize(), "msgh_size holds the size needed");
        assertEquals(1, status(p).mpsMsgcount(), "still queued");
        assertEquals(0, status(p).mpsSeqno(), "not dequeued");

        MachMessage big = new MachMessage(BUFFER);
        assertEquals(MACH_MSG_SUCCESS,
                self.machMsg(big, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT, 0, small.msghSize(), p, 0, 0));
        assertEquals(5, big.msghId());
        assertEquals(64, big.msghSize());
        MachMsgItems items = big.items();
        assertTrue(items.next());
        assertEquals(6, items.integer32(5));
        assertEquals(0, status(p).mpsMsgcount());
    }

    @Test
    void aTooLargeMessageWithoutRcvLargeIsDestroyedAndOnlyItsHeaderReturned() {
        int p = allocateReceive();
        int reply = allocateReceive();
        int carried = allocateReceive();
        makeSend(carried);
        MachMessage out = new MachMessage(BUFFER);
        out.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), p, reply, 9)
                .putPort(carried, MACH_MSG_TYPE_MOVE_SEND).putInteger32(1, 2, 3, 4, 5, 6);
        int size = out.endBody();
        assertEquals(MACH_MSG_SUCCESS, send(out, MACH_SEND_TIMEOUT, size));
        assertFalse(type(carried) == MACH_PORT_TYPE_SEND_RECEIVE, "the send right travels");

        MachMessage small = new MachMessage(BUFFER);
        int mr = self.machMsg(small, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 40, p, 0, 0);
        assertEquals(MACH_RCV_TOO_LARGE, mr);
        assertEquals(0x10004004, mr);
        assertEquals(0, status(p).mpsMsgcount(), "the message is gone");
        assertEquals(1, status(p).mpsSeqno(), "it was dequeued");

        // The header comes back as ipc_kmsg_copyout_dest leaves it.
        assertEquals(9, small.msghId());
        assertEquals(size, small.msghSize());
        assertEquals(p, small.msghLocalPort());
        assertEquals(MACH_PORT_NULL, small.msghRemotePort(), "the reply right was destroyed");
        assertEquals(0, small.msghSeqno());
        assertEquals(MACH_MSGH_BITS_COMPLEX | machMsghBits(MACH_MSG_TYPE_PORT_SEND_ONCE, MACH_MSG_TYPE_PORT_SEND),
                small.msghBits());
        assertEquals(0, small.buffer().getInt(32), "nothing past the header");

        // Everything it carried was destroyed: the reply's send-once right tells its port so,
        // and the carried send right is gone.
        MachMessage so = receive(reply);
        assertEquals(Notify.MACH_NOTIFY_SEND_ONCE, so.msghId());
        assertFalse(status(carried).mpsSrights());
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(carried));
    }

    // --- MACH_RCV_INTERRUPTED -------------------------------------------------------

    @Test
    void abortingAReceiverWithRcvInterruptIsRcvInterrupted() throws Exception {
        int p = allocateReceive();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread receiver = spawn("receiver", traps -> traps.machMsg(new MachMessage(BUFFER),
                MACH_RCV_MSG | MACH_RCV_INTERRUPT, 0, BUFFER, p, 0, 0), result);
        assertBlocked(receiver);
        assertEquals(KERN_SUCCESS, receiver.abort());
        assertEquals(0x10004005, result.get(5, SECONDS));
        assertEquals(MACH_RCV_INTERRUPTED, result.get());
        receiver.join();
        // Nothing was lost: a message sent now waits for the next receive.
        fill(p, 1);
        assertEquals(1000, receive(p).msghId());
    }

    @Test
    void withoutRcvInterruptMachMsgReceivesAgainAfterAnAbort() throws Exception {
        int p = allocateReceive();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread receiver = spawn("receiver", traps -> {
            MachMessage m = new MachMessage(BUFFER);
            int mr = traps.machMsg(m, MACH_RCV_MSG, 0, BUFFER, p, 0, 0);
            return mr == MACH_MSG_SUCCESS ? m.msghId() : mr;
        }, result);
        assertBlocked(receiver);
        receiver.abort();
        java.lang.Thread.sleep(20);
        assertBlocked(receiver);
        assertFalse(result.isDone());
        assertEquals(MACH_MSG_SUCCESS, post(p, MACH_MSG_TYPE_MAKE_SEND, 31));
        assertEquals(31, result.get(5, SECONDS));
        receiver.join();
    }

    @Test
    void abortingAReceiverOnAPortSetIsRcvInterrupted() throws Exception {
        int set = newPortSet();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread receiver = spawn("receiver", traps -> traps.machMsgTrap(new MachMessage(BUFFER),
                MACH_RCV_MSG, 0, BUFFER, set, 0, 0), result);
        assertBlocked(receiver);
        receiver.abort();
        assertEquals(MACH_RCV_INTERRUPTED, result.get(5, SECONDS));
        receiver.join();
    }

    // --- MACH_RCV_PORT_DIED ---------------------------------------------------------

    private CompletableFuture<Integer> blockedReceiver(int name, Thread[] thread) throws InterruptedException {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        thread[0] = spawn("receiver", traps -> traps.machMsg(new MachMessage(BUFFER), MACH_RCV_MSG, 0, BUFFER, name,
                0, 0), result);
        assertBlocked(thread[0]);
        return result;
    }

    @Test
    void destroyingTheReceiveRightUnderAWaitingReceiverIsPortDied() throws Exception {
        int p = allocateReceive();
        Thread[] receiver = new Thread[1];
        CompletableFuture<Integer> result = blockedReceiver(p, receiver);
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, p));
        assertEquals(0x10004009, result.get(5, SECONDS));
        assertEquals(MACH_RCV_PORT_DIED, result.get());
        receiver[0].join();
    }

    @Test
    void movingTheReceiveRightAwayUnderAWaitingReceiverIsPortDied() throws Exception {
        int p = allocateReceive();
        int q = allocateReceive();
        Thread[] receiver = new Thread[1];
        CompletableFuture<Integer> result = blockedReceiver(p, receiver);
        MachMessage m = new MachMessage(BUFFER);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), q, MACH_PORT_NULL, 1)
                .putPort(p, MACH_MSG_TYPE_MOVE_RECEIVE);
        assertEquals(MACH_MSG_SUCCESS, send(m, 0, m.endBody()));
        assertEquals(MACH_RCV_PORT_DIED, result.get(5, SECONDS));
        receiver[0].join();
    }

    @Test
    void destroyingAPortSetUnderAWaitingReceiverIsPortDied() throws Exception {
        int set = newPortSet();
        int member = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, member, set));
        Thread[] receiver = new Thread[1];
        CompletableFuture<Integer> result = blockedReceiver(set, receiver);
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, set));
        assertEquals(MACH_RCV_PORT_DIED, result.get(5, SECONDS));
        receiver[0].join();
        assertEquals(MACH_PORT_NULL, status(member).mpsPset(), "the member left the dead set");
    }

    // --- MACH_RCV_PORT_CHANGED ------------------------------------------------------

    @Test
    void movingAWaitedPortIntoASetIsPortChanged() throws Exception {
        int p = allocateReceive();
        int set = newPortSet();
        Thread[] receiver = new Thread[1];
        CompletableFuture<Integer> result = blockedReceiver(p, receiver);
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, p, set));
        assertEquals(0x10004006, result.get(5, SECONDS));
        assertEquals(MACH_RCV_PORT_CHANGED, result.get());
        receiver[0].join();
    }

    // --- MACH_RCV_INVALID_DATA ------------------------------------------------------

    @Test
    void aReceiveSizeBeyondTheBufferIsInvalidData() {
        int p = allocateReceive();
        fill(p, 1);
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(0x10004008, self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER * 2, p, 0, 0));
        assertEquals(MACH_RCV_INVALID_DATA, 0x10004008);
        assertEquals(1, status(p).mpsMsgcount(), "nothing was taken");
    }

    // --- queue limits, order, sets ------------------------------------------------------

    @Test
    void aMessageToASendOnceRightGetsThroughAFullQueue() {
        int p = allocateReceive();
        qlimit(p, 1);
        fill(p, 1);
        assertEquals(MACH_SEND_TIMED_OUT, post(p, MACH_MSG_TYPE_MAKE_SEND, 2));
        assertEquals(MACH_MSG_SUCCESS, post(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 3));
        int[] so = new int[1];
        int[] soType = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(task, p, MACH_MSG_TYPE_MAKE_SEND_ONCE, so, soType));
        assertEquals(MACH_MSG_SUCCESS, post(so[0], MACH_MSG_TYPE_MOVE_SEND_ONCE, 4));
        assertEquals(3, status(p).mpsMsgcount());
        assertEquals(1000, receive(p).msghId());
        assertEquals(3, receive(p).msghId());
        assertEquals(4, receive(p).msghId());
    }

    @Test
    void theQueueLimitIsAtMostQlimitMax() {
        int p = allocateReceive();
        assertEquals(1024, MACH_PORT_QLIMIT_MAX);
        assertEquals(18, port.machPortSetQlimit(task, p, MACH_PORT_QLIMIT_MAX + 1));
        assertEquals(KERN_INVALID_VALUE, port.machPortSetQlimit(task, p, -1));
        assertEquals(MACH_PORT_QLIMIT_DEFAULT, status(p).mpsQlimit(), "unchanged");
        assertEquals(KERN_SUCCESS, port.machPortSetQlimit(task, p, MACH_PORT_QLIMIT_MAX));
        assertEquals(1024, status(p).mpsQlimit());
    }

    @Test
    void theDefaultQueueLimitIsEight() {
        int p = allocateReceive();
        assertEquals(8, MACH_PORT_QLIMIT_DEFAULT);
        assertEquals(8, status(p).mpsQlimit());
        assertEquals(8, status(self.machReplyPort()).mpsQlimit());
        fill(p, 8);
        assertEquals(MACH_SEND_TIMED_OUT, post(p, MACH_MSG_TYPE_MAKE_SEND, 9));
        assertEquals(8, status(p).mpsMsgcount());
    }

    @Test
    void raisingTheQueueLimitLetsABlockedSenderIn() throws Exception {
        int p = allocateReceive();
        qlimit(p, 1);
        fill(p, 1);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread sender = blockedSender(p, false, MACH_SEND_MSG, 0, result);
        qlimit(p, 2);
        assertEquals(MACH_MSG_SUCCESS, result.get(5, SECONDS));
        assertEquals(2, status(p).mpsMsgcount());
        sender.join();
    }

    @Test
    void messagesFromOneSenderArriveInOrderWithIncreasingSequenceNumbers() {
        int p = allocateReceive();
        int q = allocateReceive();
        for (int i = 1; i <= 6; i++) {
            assertEquals(MACH_MSG_SUCCESS, post(i % 2 == 0 ? q : p, MACH_MSG_TYPE_MAKE_SEND, i));
        }
        for (int i = 1; i <= 5; i += 2) {
            MachMessage m = receive(p);
            assertEquals(i, m.msghId());
            assertEquals(i / 2, m.msghSeqno(), "sequence numbers count per port");
        }
        for (int i = 2; i <= 6; i += 2) {
            MachMessage m = receive(q);
            assertEquals(i, m.msghId());
            assertEquals(i / 2 - 1, m.msghSeqno());
        }
        assertEquals(3, status(p).mpsSeqno());
        assertEquals(KERN_SUCCESS, port.machPortSetSeqno(task, p, 100));
        fill(p, 1);
        assertEquals(100, receive(p).msghSeqno());
    }

    @Test
    void aReceiveOnAPortSetTakesTheOldestMessageOfItsMembers() {
        int set = newPortSet();
        int p1 = allocateReceive();
        int p2 = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, p1, set));
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, p2, set));
        assertEquals(MACH_MSG_SUCCESS, post(p2, MACH_MSG_TYPE_MAKE_SEND, 1));
        assertEquals(MACH_MSG_SUCCESS, post(p1, MACH_MSG_TYPE_MAKE_SEND, 2));
        assertEquals(MACH_MSG_SUCCESS, post(p2, MACH_MSG_TYPE_MAKE_SEND, 3));

        MachMessage m = receive(set);
        assertEquals(1, m.msghId());
        assertEquals(p2, m.msghLocalPort(), "msgh_local_port names the member");
        assertEquals(0, m.msghSeqno());
        m = receive(set);
        assertEquals(2, m.msghId());
        assertEquals(p1, m.msghLocalPort());
        assertEquals(0, m.msghSeqno(), "each member counts its own");
        m = receive(set);
        assertEquals(3, m.msghId());
        assertEquals(1, m.msghSeqno());
        assertEquals(MACH_RCV_TIMED_OUT, poll(new MachMessage(BUFFER), set));
    }

    @Test
    void aReceiverWaitingOnASetGetsAMessageSentToAMember() throws Exception {
        int set = newPortSet();
        int p = allocateReceive();
        assertEquals(KERN_SUCCESS, port.machPortMoveMember(task, p, set));
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread receiver = spawn("receiver", traps -> {
            MachMessage m = new MachMessage(BUFFER);
            int mr = traps.machMsg(m, MACH_RCV_MSG, 0, BUFFER, set, 0, 0);
            return mr == MACH_MSG_SUCCESS ? m.msghLocalPort() : mr;
        }, result);
        assertBlocked(receiver);
        assertEquals(MACH_MSG_SUCCESS, post(p, MACH_MSG_TYPE_MAKE_SEND, 1));
        assertEquals(p, result.get(5, SECONDS));
        receiver.join();
    }

    @Test
    void aBlockedSenderWhoseDestinationDiesAfterCopyinSucceedsAndTheMessageIsDestroyed() throws Exception {
        // ipc_mqueue_send: a message to a dead port counts as sent, then destroyed.
        int p = allocateReceive();
        int carried = allocateReceive();
        makeSend(carried);
        qlimit(p, 1);
        fill(p, 1);
        CompletableFuture<Integer> result = new CompletableFuture<>();
        Thread sender = spawn("sender", traps -> {
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), p, MACH_PORT_NULL, 2)
                    .putPort(carried, MACH_MSG_TYPE_MOVE_SEND);
            return traps.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, 0, 0, 0);
        }, result);
        assertBlocked(sender);
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(carried));

        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, p));
        assertEquals(MACH_MSG_SUCCESS, result.get(5, SECONDS));
        assertFalse(status(carried).mpsSrights(), "the carried send right died with the message");
        sender.join();
    }
}
