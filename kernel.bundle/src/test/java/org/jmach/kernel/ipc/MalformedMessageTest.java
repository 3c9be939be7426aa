package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DATA;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_HEADER;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_MEMORY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_REPLY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_RIGHT;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_TYPE;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_MSG_TOO_SMALL;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_WILL_NOTIFY;
import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_NOTIFY;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Message.MSGT_DEALLOCATE;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.MSGT_LONGFORM;
import static org.jmach.mach.Message.machMsgAlign;
import static org.jmach.mach.Message.machMsgTypePortAny;
import static org.jmach.mach.Message.machMsgTypePortAnySend;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Notify.MACH_NOTIFY_DEAD_NAME;
import static org.jmach.mach.Notify.MACH_NOTIFY_MSG_ACCEPTED;
import static org.jmach.mach.Notify.MACH_NOTIFY_NO_SENDERS;
import static org.jmach.mach.Notify.MACH_NOTIFY_PORT_DELETED;
import static org.jmach.mach.Notify.MACH_NOTIFY_PORT_DESTROYED;
import static org.jmach.mach.Notify.NOT_BODY_OFFSET;
import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_NUMBER;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_TYPE_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_ONCE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.jmach.kernel.kern.Task;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachMsgReturn;
import org.jmach.mach.MachPortStatus;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed messages fed to mach_msg SEND, thousands of them, generated from
 * fixed seeds. Each case must fail with the code GNU Mach gives (computed by
 * an independent reference parser, {@link Oracle}), and must leave both
 * tasks' spaces, every queue and the sender's memory exactly as they were:
 * a failed send consumes nothing.
 *
 * <p>The precedence is GNU Mach's: send_size (MSG_TOO_SMALL, then
 * INVALID_DATA beyond the buffer); header bits and dispositions
 * (INVALID_HEADER); an unknown destination (INVALID_DEST); the reply, looked
 * up and checked (INVALID_REPLY); the destination's right (INVALID_DEST);
 * then the body items in order, each checked for room for its descriptor,
 * its descriptor (INVALID_TYPE), room for its data, its out-of-line memory
 * (INVALID_MEMORY) and its rights (INVALID_RIGHT). Body cases carry valid
 * rights (moved, copied, made) in the header and in earlier items, so the
 * audits check that the copyin is undone as a whole.
 *
 * <p>The audit of a space is every name's type, the user references of each
 * kind of right, each receive right's status (queue length included: no
 * message may be queued on any port of either task) and each port set's
 * members.
 *
 * <p>Reproduce one case with {@code -Djmach.malformed.case=N} (and
 * {@code -Djmach.malformed.seed=S} if the seed was changed); every assertion
 * message names the seed and the case.
 */
class MalformedMessageTest extends IpcTestBase {

    private static final long SEED = Long.getLong("jmach.malformed.seed", 0x6a6d616368L);
    private static final int CASES = Integer.getInteger("jmach.malformed.cases", 4000);
    private static final int ONLY_CASE = Integer.getInteger("jmach.malformed.case", -1);

    private static final int CAPACITY = 1024;
    private static final int PAGE = 4096;
    private static final int DATA_PAGES = 3;
    private static final int PORT_PAGES = 2;
    private static final int SEND = MACH_SEND_MSG | MACH_SEND_TIMEOUT;

    // --- the second task -----------------------------------------------------

    private Task taskB;
    private org.jmach.kernel.kern.Thread threadB;
    private MachTraps selfB;
    /** A's send right to B's task port. */
    private int tB;

    // --- names in A ----------------------------------------------------------

    private int notifyPort;
    private int r1;
    private int r2;
    private int soA;
    private int sr3;
    private int sr1;
    private int pset;
    private int r4;
    private int r5;
    private int d1;
    private int d2;
    private int sB1;
    private int sB3;
    private int soB;
    private int sDn;
    private int sMa;
    private int sDeadPort;
    private int stale;

    // --- names in B ------------------------------------------------------------

    private int qb1;
    private int qb2;
    private int qb3;
    private int qb4;

    // --- A's memory ------------------------------------------------------------

    private long dataRegion;
    private long portRegion;
    private long freedRegion;
    private byte[] dataMirror;
    private byte[] portMirror;

    @BeforeEach
    void populate() {
        taskB = kernel.taskCreate("b");
        threadB = taskB.threadAttach("main");
        selfB = threadB.traps();
        tB = taskB.ports().taskSelf(taskA.space());

        notifyPort = allocateReceive();
        r1 = allocateReceive();
        r2 = allocateReceive();
        soA = extract(task, r2, MACH_MSG_TYPE_MAKE_SEND_ONCE);
        sr3 = allocateReceive();
        for (int i = 0; i < 3; i++) {
            ok(port.machPortInsertRight(task, sr3, sr3, MACH_MSG_TYPE_MAKE_SEND));
        }
        sr1 = allocateReceive();
        ok(port.machPortInsertRight(task, sr1, sr1, MACH_MSG_TYPE_MAKE_SEND));
        pset = allocate(task, MACH_PORT_RIGHT_PORT_SET);
        r4 = allocateReceive();
        r5 = allocateReceive();
        ok(port.machPortMoveMember(task, r4, pset));
        ok(port.machPortMoveMember(task, r5, pset));
        d1 = allocate(task, MACH_PORT_RIGHT_DEAD_NAME);
        d2 = allocate(task, MACH_PORT_RIGHT_DEAD_NAME);
        ok(port.machPortModRefs(task, d2, MACH_PORT_RIGHT_DEAD_NAME, 1));

        qb1 = allocate(tB, MACH_PORT_RIGHT_RECEIVE);
        qb2 = allocate(tB, MACH_PORT_RIGHT_RECEIVE);
        qb3 = allocate(tB, MACH_PORT_RIGHT_RECEIVE);
        qb4 = allocate(tB, MACH_PORT_RIGHT_RECEIVE);
        int qb5 = allocate(tB, MACH_PORT_RIGHT_RECEIVE);
        sB1 = extract(tB, qb1, MACH_MSG_TYPE_MAKE_SEND);
        sB3 = extract(tB, qb2, MACH_MSG_TYPE_MAKE_SEND);
        ok(port.machPortModRefs(task, sB3, MACH_PORT_RIGHT_SEND, 2));
        soB = extract(tB, qb1, MACH_MSG_TYPE_MAKE_SEND_ONCE);
        sDn = extract(tB, qb3, MACH_MSG_TYPE_MAKE_SEND);
        requestNotification(task, sDn, MACH_NOTIFY_DEAD_NAME, 0);
        sMa = extract(tB, qb4, MACH_MSG_TYPE_MAKE_SEND);
        ok(port.machPortSetQlimit(tB, qb4, 1));
        sDeadPort = extract(tB, qb5, MACH_MSG_TYPE_MAKE_SEND);
        ok(port.machPortDestroy(tB, qb5));
        stale = allocateReceive();
        ok(port.machPortDestroy(task, stale));

        // B holds rights to A's ports and a dead name; A's ports have requests.
        ok(port.machPortInsertRight(tB, 0x7e000001, r1, MACH_MSG_TYPE_MAKE_SEND));
        ok(port.machPortInsertRight(tB, 0x7e000002, r2, MACH_MSG_TYPE_MAKE_SEND_ONCE));
        allocate(tB, MACH_PORT_RIGHT_DEAD_NAME);
        requestNotification(task, r1, MACH_NOTIFY_NO_SENDERS, 1);
        requestNotification(task, r2, MACH_NOTIFY_PORT_DESTROYED, 0);

        // sMa: a full queue and a msg-accepted request.
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), sMa, MACH_PORT_NULL, 1);
        assertEquals(MACH_MSG_SUCCESS, self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0));
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), sMa, MACH_PORT_NULL, 2);
        assertEquals(MACH_SEND_WILL_NOTIFY,
                self.machMsgTrap(m, SEND | MACH_SEND_NOTIFY, m.endBody(), 0, 0, 0, notifyPort));

        dataRegion = vmAllocate(DATA_PAGES * PAGE);
        portRegion = vmAllocate(PORT_PAGES * PAGE);
        freedRegion = vmAllocate(PAGE);
        assertEquals(KERN_SUCCESS, self.mach().vmDeallocate(task, freedRegion, PAGE));
        dataMirror = new byte[DATA_PAGES * PAGE];
        new Random(SEED).nextBytes(dataMirror);
        assertEquals(KERN_SUCCESS, self.store(dataRegion, dataMirror, 0, dataMirror.length));
        portMirror = new byte[PORT_PAGES * PAGE];
    }

    @AfterEach
    void detachB() {
        threadB.detach();
    }

    // =========================================================================
    // The random cases
    // =========================================================================

    @Test
    void thousandsOfMalformedSendsFailWithGnuMachCodesAndConsumeNothing() {
        String baseA = audit(task);
        String baseB = audit(tB);
        TreeMap<Integer, Right> model = model(task);
        Oracle oracle = new Oracle(this::load, new long[][] {
            {dataRegion, dataRegion + DATA_PAGES * PAGE}, {portRegion, portRegion + PORT_PAGES * PAGE}});
        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, Integer> byCode = new TreeMap<>();
        int retries = 0;
        int withRightsTaken = 0;
        int from = ONLY_CASE >= 0 ? ONLY_CASE : 0;
        int to = ONLY_CASE >= 0 ? ONLY_CASE + 1 : CASES;
        for (int index = from; index < to; index++) {
            Case c = null;
            for (int attempt = 0; c == null; attempt++) {
                Random r = new Random(SEED * 0x9E3779B97F4A7C15L + index * 1_000_003L + attempt);
                Gen g = new Gen(r, model);
                g.build();
                String[] why = new String[1];
                int expected = oracle.expect(g.msg, g.sendSize, model, why);
                if (expected == MACH_MSG_SUCCESS) {
                    retries++;
                    continue;
                }
                c = new Case(index, attempt, g.kind, g.msg, g.sendSize, expected, why[0]);
                if (g.kind.startsWith("body") && !g.w.toString().equals(model.toString())) {
                    withRightsTaken++; // the header or earlier items took rights before the bad item
                }
            }
            byKind.merge(c.kind(), 1, Integer::sum);
            byCode.merge(MachMsgReturn.name(c.expected()), 1, Integer::sum);
            int mr;
            try {
                mr = self.machMsgTrap(c.msg(), SEND, c.sendSize(), 0, 0, 0, 0);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("kernel threw on " + c, e);
            }
            String where = c.toString();
            assertEquals(MachMsgReturn.name(c.expected()), MachMsgReturn.name(mr), where);
            assertEquals(c.expected(), mr, where);
            assertEquals(baseA, audit(task), "sender's space changed by " + where);
            assertEquals(baseB, audit(tB), "the other task's space changed by " + where);
            assertMemoryIntact(where);
        }
        System.out.printf("MalformedMessageTest seed=0x%x: %d cases (%d regenerated; %d body cases with rights"
                + " taken before the bad item), by kind %s, by code %s%n",
                SEED, to - from, retries, withRightsTaken, byKind, byCode);

        validMessagesStillGoThrough();
    }

    /** After the failures: real messages flow, and the requests rolled back are still in force. */
    private void validMessagesStillGoThrough() {
        // A complex message to A's own r1 with rights, data and out-of-line memory.
        storeNames(portRegion, task, MACH_PORT_NULL);
        MachMessage m = new MachMessage(CAPACITY);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), r1, sr1, 4711);
        m.putInteger32(1, 2, 3);
        m.putPort(sB3, MACH_MSG_TYPE_MOVE_SEND);
        m.putPort(sr1, MACH_MSG_TYPE_MAKE_SEND);
        m.putOutOfLine(MACH_MSG_TYPE_INTEGER_32, 32, 16, dataRegion + 8, false);
        m.putOutOfLinePorts(MACH_MSG_TYPE_COPY_SEND, 2, portRegion, false);
        int size = m.endBody();
        assertEquals(MACH_MSG_SUCCESS, self.machMsgTrap(m, SEND, size, 0, 0, 0, 0));
        assertEquals(2, refs(sB3, MACH_PORT_RIGHT_SEND));
        MachMessage in = new MachMessage(CAPACITY);
        assertEquals(MACH_MSG_SUCCESS, self.machMsgTrap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, CAPACITY, r1, 0, 0));
        assertEquals(4711, in.msghId());
        MachMsgItems items = in.items();
        assertTrue(items.next());
        assertEquals(3, items.integer32(2));
        assertTrue(items.next());
        assertEquals(sB3, items.portName(0), "the moved send right comes back under its name");
        assertEquals(3, refs(sB3, MACH_PORT_RIGHT_SEND));
        assertTrue(items.next());
        assertEquals(sr1, items.portName(0));
        assertTrue(items.next());
        byte[] ool = new byte[64];
        assertEquals(KERN_SUCCESS, self.load(items.address(), ool, 0, 64));
        assertArrayEquals(Arrays.copyOfRange(dataMirror, 8, 72), ool);
        assertTrue(items.next());

        // A message to B, received by B's thread.
        m = new MachMessage(CAPACITY);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), sB1, MACH_PORT_NULL, 99);
        m.putInteger32(42);
        assertEquals(MACH_MSG_SUCCESS, self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0));
        in = receiveB(qb1);
        assertEquals(99, in.msghId());

        // The msg-accepted request on sMa fires when B empties qb4.
        receiveB(qb4);
        receiveB(qb4);
        assertEquals(sMa, notification(MACH_NOTIFY_MSG_ACCEPTED), "msg-accepted for sMa");
        assertEquals(MACH_PORT_TYPE_SEND, type(sMa));

        // The dead-name request on sDn fires when qb3 dies.
        ok(port.machPortDestroy(tB, qb3));
        assertEquals(sDn, notification(MACH_NOTIFY_DEAD_NAME), "dead-name for sDn");
        assertEquals(MACH_PORT_TYPE_DEAD_NAME, type(sDn));
        assertEquals(2, refs(sDn, MACH_PORT_RIGHT_DEAD_NAME));
    }

    // =========================================================================
    // dest == reply: all 25 disposition pairs on every kind of entry
    // =========================================================================

    @Test
    void destinationEqualToReplyFollowsGnuMachForEveryPairOfDispositions() {
        String[] kinds = {"receive", "send+receive/1", "send+receive/2", "send/1", "send/2", "send-once",
            "dead/1", "dead/2"};
        int successes = 0;
        int cases = 0;
        for (String kind : kinds) {
            for (boolean complex : new boolean[] {false, true}) {
                for (int dt = MACH_MSG_TYPE_MOVE_SEND; dt <= MACH_MSG_TYPE_MAKE_SEND_ONCE; dt++) {
                    for (int rt = MACH_MSG_TYPE_MOVE_SEND; rt <= MACH_MSG_TYPE_MAKE_SEND_ONCE; rt++) {
                        cases++;
                        Set<Integer> namesA = nameSet(task);
                        Set<Integer> namesB = nameSet(tB);
                        String auditA0 = audit(task);
                        String auditB0 = audit(tB);
                        int[] made = make(kind);
                        int name = made[0];
                        String where = String.format("dest == reply == 0x%x (%s), %s, dest %d, reply %d", name, kind,
                                complex ? "complex" : "simple", dt, rt);
                        TreeMap<Integer, Right> model = model(task);
                        int bits = machMsghBits(dt, rt) | (complex ? MACH_MSGH_BITS_COMPLEX : 0);
                        int expected = Oracle.header(model, bits, name, name, new String[1]);
                        String beforeA = audit(task);
                        String beforeB = audit(tB);
                        MachMessage m = new MachMessage(64);
                        m.setHeader(bits, name, name, 5);
                        int mr = self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0);
                        assertEquals(MachMsgReturn.name(expected), MachMsgReturn.name(mr), where);
                        if (mr != MACH_MSG_SUCCESS) {
                            assertEquals(beforeA, audit(task), where);
                            assertEquals(beforeB, audit(tB), where);
                        } else {
                            successes++;
                            assertEquals(Objects.toString(model.get(name)), Objects.toString(model(task).get(name)),
                                    "rights left after " + where);
                            MachMessage in = made[1] != 0 ? receiveB(made[1]) : receiveA(name);
                            assertEquals(5, in.msghId(), where);
                        }
                        destroyNew(tB, namesB);
                        destroyNew(task, namesA);
                        assertEquals(auditA0, audit(task), "cleanup after " + where);
                        assertEquals(auditB0, audit(tB), "cleanup after " + where);
                    }
                }
            }
        }
        System.out.printf("MalformedMessageTest dest == reply: %d cases, %d successes%n", cases, successes);
    }

    /** A fresh entry of the kind: {name in A, name in B of its port (0 if the receive right is A's)}. */
    private int[] make(String kind) {
        switch (kind) {
            case "receive":
                return new int[] {allocateReceive(), 0};
            case "send+receive/1":
            case "send+receive/2": {
                int n = allocateReceive();
                ok(port.machPortInsertRight(task, n, n, MACH_MSG_TYPE_MAKE_SEND));
                if (kind.endsWith("2")) {
                    ok(port.machPortModRefs(task, n, MACH_PORT_RIGHT_SEND, 1));
                }
                return new int[] {n, 0};
            }
            case "send/1":
            case "send/2":
            case "send-once": {
                int q = allocate(tB, MACH_PORT_RIGHT_RECEIVE);
                int n = extract(tB, q,
                        kind.equals("send-once") ? MACH_MSG_TYPE_MAKE_SEND_ONCE : MACH_MSG_TYPE_MAKE_SEND);
                if (kind.equals("send/2")) {
                    ok(port.machPortModRefs(task, n, MACH_PORT_RIGHT_SEND, 1));
                }
                return new int[] {n, q};
            }
            default: {
                int n = allocate(task, MACH_PORT_RIGHT_DEAD_NAME);
                if (kind.endsWith("2")) {
                    ok(port.machPortModRefs(task, n, MACH_PORT_RIGHT_DEAD_NAME, 1));
                }
                return new int[] {n, 0};
            }
        }
    }

    // =========================================================================
    // Targeted cases
    // =========================================================================

    @Test
    void destinationAndReplyErrorsArePrecededAsInGnuMach() {
        int unknown = 0x3ff0001;
        // An unknown destination comes first, complex or not.
        for (int complexBit : new int[] {0, MACH_MSGH_BITS_COMPLEX}) {
            MachMessage m = new MachMessage(64);
            m.setHeader(complexBit | machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
                    unknown, unknown + 0x100, 1);
            assertEquals(MachMsgReturn.name(MACH_SEND_INVALID_DEST),
                    MachMsgReturn.name(self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0)), "unknown dest and reply");
        }
        // A destination that exists but lacks the right comes after the reply, complex or not.
        for (int complexBit : new int[] {0, MACH_MSGH_BITS_COMPLEX}) {
            MachMessage m = new MachMessage(64);
            m.setHeader(complexBit | machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
                    r1, unknown, 1);
            assertEquals(MachMsgReturn.name(MACH_SEND_INVALID_REPLY),
                    MachMsgReturn.name(self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0)),
                    "dest without the right, unknown reply");
        }
    }

    @Test
    void moveAndCopyOfTheOnlySendRightAsDestinationAndReplySucceeds() {
        for (int[] pair : new int[][] {{MACH_MSG_TYPE_MOVE_SEND, MACH_MSG_TYPE_COPY_SEND},
            {MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MOVE_SEND}}) {
            int q = allocate(tB, MACH_PORT_RIGHT_RECEIVE);
            int s = extract(tB, q, MACH_MSG_TYPE_MAKE_SEND);
            MachMessage m = new MachMessage(64);
            m.setHeader(machMsghBits(pair[0], pair[1]), s, s, 8);
            assertEquals(MachMsgReturn.name(MACH_MSG_SUCCESS),
                    MachMsgReturn.name(self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0)),
                    "dest " + pair[0] + " reply " + pair[1]);
            assertEquals(8, receiveB(q).msghId());
        }
    }

    @Test
    void simpleMessageWithDestEqualToReplySendsTheDeferredPortDeleted() {
        // dest COPY_SEND + reply MOVE_SEND of sDn's only reference: the name goes, and its
        // dead-name request turns into a port-deleted notification.
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MOVE_SEND), sDn, sDn, 3);
        assertEquals(MACH_MSG_SUCCESS, self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0));
        assertEquals(3, receiveB(qb3).msghId());
        assertEquals(sDn, notification(MACH_NOTIFY_PORT_DELETED), "port-deleted for sDn");
    }

    @Test
    void rolledBackMoveOfASendRightKeepsItsMsgAcceptedRequest() {
        MachMessage m = new MachMessage(CAPACITY);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), r1, MACH_PORT_NULL, 1);
        m.putPort(sMa, MACH_MSG_TYPE_MOVE_SEND);
        m.putPort(0x3ff0001, MACH_MSG_TYPE_MOVE_SEND);
        String before = audit(task);
        assertEquals(MACH_SEND_INVALID_RIGHT, self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0));
        assertEquals(before, audit(task));
        receiveB(qb4);
        receiveB(qb4);
        assertEquals(sMa, notification(MACH_NOTIFY_MSG_ACCEPTED), "msg-accepted for sMa");
        assertEquals(MACH_PORT_TYPE_SEND, type(sMa), "the request was used");
    }

    @Test
    void rolledBackMoveOfASendRightKeepsItsDeadNameRequest() {
        MachMessage m = new MachMessage(CAPACITY);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), r1, MACH_PORT_NULL, 1);
        m.putPort(sDn, MACH_MSG_TYPE_MOVE_SEND);
        m.putOutOfLine(MACH_MSG_TYPE_INTEGER_32, 32, 4, freedRegion, false);
        String before = audit(task);
        assertEquals(MACH_SEND_INVALID_MEMORY, self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0));
        assertEquals(before, audit(task));
        ok(port.machPortDestroy(tB, qb3));
        assertEquals(sDn, notification(MACH_NOTIFY_DEAD_NAME), "dead-name for sDn");
        assertEquals(2, refs(sDn, MACH_PORT_RIGHT_DEAD_NAME));
    }

    @Test
    void hugeOutOfLineRegionsAtUnmappedAddressesFailWithoutBeingCopied() {
        assertTimeout(Duration.ofSeconds(3), () -> {
            for (int i = 0; i < 16; i++) {
                MachMessage m = new MachMessage(128);
                m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), r1, MACH_PORT_NULL, 1);
                // 2^28 32-bit elements: 1 GiB, the largest region an item may carry.
                m.putOutOfLine(MACH_MSG_TYPE_INTEGER_32, 32, 1 << 28, i == 0 ? 0 : dataRegion + i * 64L, false);
                assertEquals(MachMsgReturn.name(MACH_SEND_INVALID_MEMORY),
                        MachMsgReturn.name(self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0)), "case " + i);
            }
        });
    }

    @Test
    void outOfLineRegionsThatWrapOrLeaveTheAddressSpaceAreInvalidMemory() {
        String before = audit(task);
        long[] addresses = {Long.MAX_VALUE - 7, Long.MAX_VALUE, -8, Long.MIN_VALUE, (1L << 47) - 8, 1L << 47};
        for (long address : addresses) {
            MachMessage m = new MachMessage(128);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), r1, MACH_PORT_NULL, 1);
            m.putPort(sB3, MACH_MSG_TYPE_MOVE_SEND);
            m.putOutOfLine(MACH_MSG_TYPE_INTEGER_32, 32, 4, address, true);
            int mr;
            try {
                mr = self.machMsgTrap(m, SEND, m.endBody(), 0, 0, 0, 0);
            } catch (RuntimeException e) {
                throw new AssertionError("kernel threw for address 0x" + Long.toHexString(address), e);
            }
            assertEquals(MachMsgReturn.name(MACH_SEND_INVALID_MEMORY), MachMsgReturn.name(mr),
                    "address 0x" + Long.toHexString(address));
            assertEquals(before, audit(task));
        }
    }

    @Test
    void theBodyOfASimpleMessageIsNotInterpreted() {
        MachMessage m = new MachMessage(CAPACITY);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), r1, MACH_PORT_NULL, 6);
        m.putPort(0x3ff0001, MACH_MSG_TYPE_MOVE_RECEIVE);
        m.putType(MACH_MSG_TYPE_MOVE_SEND, 7, 3, true, false, true);
        m.putOutOfLine(MACH_MSG_TYPE_INTEGER_32, 32, 4, 0, true);
        m.setMsghBits(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0)); // the items set the complex bit: clear it
        int size = m.endBody();
        byte[] body = new byte[size - MACH_MSG_HEADER_SIZE];
        m.buffer().get(MACH_MSG_HEADER_SIZE, body);
        assertEquals(MACH_MSG_SUCCESS, self.machMsgTrap(m, SEND, size, 0, 0, 0, 0));
        MachMessage in = receiveA(r1);
        assertEquals(size, in.msghSize());
        byte[] got = new byte[body.length];
        in.buffer().get(MACH_MSG_HEADER_SIZE, got);
        assertArrayEquals(body, got);
    }

    // =========================================================================
    // The generator
    // =========================================================================

    /** One generated case. */
    private record Case(int index, int attempt, String kind, MachMessage msg, int sendSize, int expected,
            String why) {
        @Override
        public String toString() {
            return String.format("seed 0x%x case %d (attempt %d, %s): send_size %d, expected %s because %s;%n%s",
                    SEED, index, attempt, kind, sendSize, MachMsgReturn.name(expected), why,
                    hex(msg, Math.max(MACH_MSG_HEADER_SIZE, Math.min(sendSize, msg.capacity()))));
        }
    }

    private static final String[] KINDS = {
        "size", "header-bits", "header-dest-type", "header-reply-type", "header-reply-without-type",
        "dest", "reply", "body-too-small", "body-type", "body-memory", "body-right", "body-right", "body-right",
    };

    /** Builds one message meant to fail, with the sender's rights in {@code base} (not changed). */
    private final class Gen {

        final Random r;
        final TreeMap<Integer, Right> base;
        final TreeMap<Integer, Right> w;
        final List<Integer> allNames;
        MachMessage msg = new MachMessage(CAPACITY);
        ByteBuffer bb = msg.buffer();
        int pos = MACH_MSG_HEADER_SIZE;
        int sendSize;
        String kind;
        long portSlot = portRegion;

        Gen(Random r, TreeMap<Integer, Right> base) {
            this.r = r;
            this.base = base;
            this.w = Oracle.copy(base);
            this.allNames = new ArrayList<>(base.keySet());
        }

        void build() {
            kind = KINDS[r.nextInt(KINDS.length)];
            int[] header = validHeader();
            int bits = header[0] | MACH_MSGH_BITS_COMPLEX;
            int dest = header[1];
            int reply = header[2];
            int prefix = r.nextInt(4);
            for (int i = 0; i < prefix; i++) {
                validItem();
            }
            switch (kind) {
                case "size" -> {
                    if (r.nextBoolean()) {
                        validItem();
                    }
                    writeHeader(bits, dest, reply);
                    sendSize = badSize();
                    return;
                }
                case "header-bits" -> bits |= nonZero(0x7fff0000);
                case "header-dest-type" -> bits = (bits & ~0xff) | badDisposition(true);
                case "header-reply-type" -> {
                    bits = (bits & ~0xff00) | badDisposition(false) << 8;
                    if (r.nextBoolean()) {
                        reply = anyName();
                    }
                }
                case "header-reply-without-type" -> {
                    bits &= ~0xff00;
                    reply = r.nextInt(4) == 0 ? MACH_PORT_DEAD : anyNonNullName();
                }
                case "dest" -> {
                    int[] d = badDest();
                    bits = (bits & ~0xff) | d[1];
                    dest = d[0];
                    if (r.nextBoolean()) {
                        int[] rp = randomReply();
                        bits = (bits & ~0xff00) | rp[1] << 8;
                        reply = rp[0];
                    }
                }
                case "reply" -> {
                    int[] rp = badReply();
                    bits = (bits & ~0xff00) | rp[1] << 8;
                    reply = rp[0];
                    if (r.nextInt(3) == 0) {
                        int[] d = badDest();
                        bits = (bits & ~0xff) | d[1];
                        dest = d[0];
                    }
                }
                case "body-too-small" -> {
                    writeHeader(bits, dest, reply);
                    truncatedItem();
                    return;
                }
                case "body-type" -> typeFault();
                case "body-memory" -> memoryFault();
                case "body-right" -> rightFault();
                default -> throw new IllegalStateException(kind);
            }
            int suffix = r.nextInt(3);
            for (int i = 0; i < suffix; i++) {
                randomItem();
            }
            writeHeader(bits, dest, reply);
            sendSize = pos;
        }

        // --- header -----------------------------------------------------------

        void writeHeader(int bits, int dest, int reply) {
            bb.putInt(0, bits);
            bb.putInt(4, r.nextInt()); // msgh_size: the kernel uses send_size
            bb.putInt(8, dest);
            bb.putInt(12, r.nextInt(4) == 0 ? r.nextInt() : 0);
            bb.putInt(16, reply);
            bb.putInt(20, r.nextInt(4) == 0 ? r.nextInt() : 0);
            bb.putInt(24, r.nextInt());
            bb.putInt(28, r.nextInt());
        }

        /** {bits, dest, reply}, valid, applied to w. */
        int[] validHeader() {
            List<int[]> dests = pairs(w, false, true);
            int[] d = dests.get(r.nextInt(dests.size()));
            Oracle.copyin(w, d[0], d[1], false);
            int reply = MACH_PORT_NULL;
            int rt = 0;
            int choice = r.nextInt(10);
            if (choice < 3) {
                // no reply port
            } else if (choice == 3) {
                reply = MACH_PORT_DEAD;
                rt = MACH_MSG_TYPE_MOVE_SEND + r.nextInt(5);
            } else {
                List<int[]> replies = pairs(w, true, true);
                replies.removeIf(p -> p[0] == d[0]);
                if (!replies.isEmpty()) {
                    int[] p = replies.get(r.nextInt(replies.size()));
                    Oracle.copyin(w, p[0], p[1], true);
                    reply = p[0];
                    rt = p[1];
                }
            }
            return new int[] {machMsghBits(d[1], rt), d[0], reply};
        }

        /** {name, disposition} for a destination that is not usable (in the unchanged base). */
        int[] badDest() {
            int disp = MACH_MSG_TYPE_MOVE_SEND + r.nextInt(5);
            switch (r.nextInt(5)) {
                case 0:
                    return new int[] {r.nextBoolean() ? MACH_PORT_NULL : MACH_PORT_DEAD, disp};
                case 1:
                    return new int[] {unknownName(), disp};
                default:
                    List<int[]> bad = pairs(base, false, false);
                    return bad.get(r.nextInt(bad.size()));
            }
        }

        int[] badReply() {
            if (r.nextInt(3) == 0) {
                return new int[] {unknownName(), MACH_MSG_TYPE_MOVE_SEND + r.nextInt(5)};
            }
            List<int[]> bad = pairs(base, true, false);
            return bad.get(r.nextInt(bad.size()));
        }

        int[] randomReply() {
            int rt = MACH_MSG_TYPE_MOVE_SEND + r.nextInt(5);
            return switch (r.nextInt(4)) {
                case 0 -> new int[] {MACH_PORT_NULL, 0};
                case 1 -> new int[] {unknownName(), rt};
                default -> new int[] {anyName(), rt};
            };
        }

        /**
         * Pairs {name, disposition} of the model's names with the send
         * dispositions that would (good) or would not (!good) copy in: for
         * a reply (checked, dead names allowed) or a destination.
         */
        List<int[]> pairs(TreeMap<Integer, Right> m, boolean reply, boolean good) {
            List<int[]> out = new ArrayList<>();
            for (int name : m.keySet()) {
                for (int disp = MACH_MSG_TYPE_MOVE_SEND; disp <= MACH_MSG_TYPE_MAKE_SEND_ONCE; disp++) {
                    boolean works = reply ? Oracle.check(m, name, disp)
                            : Oracle.copyin(Oracle.copy(m), name, disp, false);
                    if (works == good) {
                        out.add(new int[] {name, disp});
                    }
                }
            }
            return out;
        }

        int badDisposition(boolean dest) {
            while (true) {
                int d = r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(24);
                if (!machMsgTypePortAnySend(d) && (dest || d != 0)) {
                    return d;
                }
            }
        }

        int badSize() {
            int size = pos;
            return switch (r.nextInt(7)) {
                case 0 -> r.nextInt(MACH_MSG_HEADER_SIZE);
                case 1 -> -1 - r.nextInt(Integer.MAX_VALUE);
                case 2 -> MACH_MSG_HEADER_SIZE + 8 * r.nextInt(40) + 1 + r.nextInt(7);
                case 3 -> size + 1 + r.nextInt(7);
                case 4 -> {
                    // a buffer exactly as long as the message, and a send size beyond it
                    MachMessage small = new MachMessage(size);
                    byte[] bytes = new byte[size];
                    bb.get(0, bytes);
                    small.buffer().put(0, bytes);
                    msg = small;
                    bb = small.buffer();
                    yield size + 8 * (1 + r.nextInt(4));
                }
                case 5 -> CAPACITY + 8 * (1 + r.nextInt(1000));
                default -> r.nextBoolean() ? Integer.MAX_VALUE : Integer.MAX_VALUE - 7;
            };
        }

        // --- names --------------------------------------------------------------

        int unknownName() {
            if (r.nextInt(4) == 0) {
                return stale;
            }
            while (true) {
                int n = r.nextInt(3) == 0 ? r.nextInt(0x4000) : r.nextInt();
                if (n != MACH_PORT_NULL && n != MACH_PORT_DEAD && !base.containsKey(n)) {
                    return n;
                }
            }
        }

        int anyName() {
            return switch (r.nextInt(6)) {
                case 0 -> MACH_PORT_NULL;
                case 1 -> MACH_PORT_DEAD;
                case 2 -> unknownName();
                default -> allNames.get(r.nextInt(allNames.size()));
            };
        }

        int anyNonNullName() {
            int n;
            do {
                n = anyName();
            } while (n == MACH_PORT_NULL);
            return n;
        }

        /** A name the body may carry with {@code disp} now (applied to w), or NULL/DEAD. */
        int validBodyName(int disp) {
            if (r.nextInt(6) == 0) {
                return r.nextBoolean() ? MACH_PORT_NULL : MACH_PORT_DEAD;
            }
            List<Integer> names = new ArrayList<>(w.keySet());
            for (int tries = 0; tries < 12 && !names.isEmpty(); tries++) {
                int n = names.get(r.nextInt(names.size()));
                if (Oracle.copyin(Oracle.copy(w), n, disp, true)) {
                    Oracle.copyin(w, n, disp, true);
                    return n;
                }
            }
            return MACH_PORT_NULL;
        }

        /** A name the body may not carry with {@code disp} now. */
        int invalidBodyName(int disp) {
            if (r.nextInt(4) == 0) {
                return unknownName();
            }
            List<Integer> bad = new ArrayList<>();
            for (int n : allNames) {
                if (!Oracle.copyin(Oracle.copy(w), n, disp, true)) {
                    bad.add(n);
                }
            }
            return bad.isEmpty() ? unknownName() : bad.get(r.nextInt(bad.size()));
        }

        // --- items ----------------------------------------------------------------

        void descriptor(int name, int size, int number, boolean inline, boolean dealloc, int unused) {
            int word = (name & 0xff) | (size & 0xffff) << 8 | (unused & 0x1f) << 24 | (inline ? MSGT_INLINE : 0)
                    | (r.nextInt(8) == 0 ? MSGT_LONGFORM : 0) | (dealloc ? MSGT_DEALLOCATE : 0);
            ensure(8);
            bb.putInt(pos, word);
            bb.putInt(pos + 4, number);
            pos += 8;
        }

        /** Inline bytes, padded to 8 with garbage. */
        void inlineBytes(byte[] data) {
            int padded = machMsgAlign(data.length);
            ensure(padded);
            bb.put(pos, data);
            for (int i = data.length; i < padded; i++) {
                bb.put(pos + i, (byte) r.nextInt());
            }
            pos += padded;
        }

        void inlineNames(int[] names) {
            ensure(8 * names.length);
            for (int n : names) {
                bb.putInt(pos, n);
                bb.putInt(pos + 4, r.nextInt(4) == 0 ? r.nextInt() : 0); // padding: ignored
                pos += 8;
            }
        }

        void address(long a) {
            ensure(8);
            bb.putLong(pos, a);
            pos += 8;
        }

        /** Writes names into the port region and returns where. */
        long oolNames(int[] names) {
            long at = portSlot;
            byte[] bytes = new byte[4 * names.length];
            ByteBuffer nb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int n : names) {
                nb.putInt(n);
            }
            store(at, bytes);
            portSlot += machMsgAlign(bytes.length);
            return at;
        }

        void ensure(int n) {
            if (pos + n > CAPACITY) {
                throw new IllegalStateException("generator overflow at " + pos + " + " + n);
            }
        }

        int dataName() {
            int n;
            do {
                n = r.nextInt(4) == 0 ? r.nextInt(256) : new int[] {0, 1, 2, 8, 9, 10, 11, 12, 15}[r.nextInt(9)];
            } while (machMsgTypePortAny(n));
            return n;
        }

        void validItem() {
            switch (r.nextInt(7)) {
                case 0, 1 -> {
                    int name = dataName();
                    int size = new int[] {1, 8, 16, 32, 64, 1 + r.nextInt(128)}[r.nextInt(6)];
                    int number = r.nextInt(17);
                    descriptor(name, size, number, true, false, 0);
                    byte[] data = new byte[(number * size + 7) / 8];
                    r.nextBytes(data);
                    inlineBytes(data);
                }
                case 2 -> {
                    int size = new int[] {8, 32, 64}[r.nextInt(3)];
                    int number = r.nextInt(65);
                    long length = (number * (long) size + 7) / 8;
                    long at = number == 0 && r.nextBoolean() ? r.nextLong()
                            : dataRegion + r.nextInt((int) (DATA_PAGES * PAGE - length + 1));
                    descriptor(dataName(), size, number, false, r.nextBoolean(), 0);
                    address(at);
                }
                case 3, 4 -> {
                    int disp = MACH_MSG_TYPE_MOVE_RECEIVE + r.nextInt(6);
                    int[] names = new int[1 + r.nextInt(3)];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = validBodyName(disp);
                    }
                    descriptor(disp, 64, names.length, true, false, 0);
                    inlineNames(names);
                }
                default -> {
                    int disp = MACH_MSG_TYPE_MOVE_RECEIVE + r.nextInt(6);
                    int[] names = new int[r.nextInt(4)];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = validBodyName(disp);
                    }
                    descriptor(disp, 32, names.length, false, r.nextBoolean(), 0);
                    address(names.length == 0 ? r.nextLong() : oolNames(names));
                }
            }
        }

        /** Anything: a random descriptor and some bytes. Only ever after the first fault. */
        void randomItem() {
            if (pos + 8 + 64 > CAPACITY) {
                return;
            }
            descriptor(r.nextInt(256), r.nextInt(0x10000), r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(8),
                    r.nextBoolean(), r.nextBoolean(), r.nextInt(4) == 0 ? r.nextInt(32) : 0);
            byte[] junk = new byte[8 * r.nextInt(8)];
            r.nextBytes(junk);
            inlineBytes(junk);
        }

        void truncatedItem() {
            switch (r.nextInt(4)) {
                case 0 -> {
                    // inline data cut short by send_size
                    int size = new int[] {8, 32, 64}[r.nextInt(3)];
                    int number = 1 + r.nextInt(16);
                    descriptor(dataName(), size, number, true, false, 0);
                    int dataStart = pos;
                    byte[] data = new byte[number * size / 8];
                    r.nextBytes(data);
                    inlineBytes(data);
                    sendSize = dataStart + 8 * r.nextInt((data.length + 7) / 8);
                }
                case 1 -> {
                    // inline rights cut short: none of them may be taken
                    int disp = MACH_MSG_TYPE_MOVE_RECEIVE + r.nextInt(6);
                    int[] names = new int[1 + r.nextInt(4)];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = validBodyName(disp);
                    }
                    descriptor(disp, 64, names.length, true, false, 0);
                    int dataStart = pos;
                    inlineNames(names);
                    sendSize = dataStart + 8 * r.nextInt(names.length);
                }
                case 2 -> {
                    // out-of-line item without its address
                    boolean ports = r.nextBoolean();
                    int disp = MACH_MSG_TYPE_MOVE_RECEIVE + r.nextInt(6);
                    descriptor(ports ? disp : dataName(), ports ? 32 : 8, 1 + r.nextInt(8), false, r.nextBoolean(), 0);
                    address(dataRegion);
                    sendSize = pos - 8;
                }
                default -> {
                    // an inline count larger than the rest of the message
                    int number = 100 + r.nextInt(100_000);
                    descriptor(MACH_MSG_TYPE_INTEGER_32, 32, number, true, false, 0);
                    byte[] data = new byte[8 * r.nextInt(8)];
                    r.nextBytes(data);
                    inlineBytes(data);
                    sendSize = pos;
                }
            }
        }

        void typeFault() {
            int disp = MACH_MSG_TYPE_MOVE_RECEIVE + r.nextInt(6);
            switch (r.nextInt(4)) {
                case 0 -> {
                    int size;
                    do {
                        size = r.nextBoolean() ? new int[] {0, 8, 16, 32, 128}[r.nextInt(5)] : r.nextInt(0x10000);
                    } while (size == 64);
                    descriptor(disp, size, 1 + r.nextInt(3), true, false, 0);
                    inlineNames(new int[] {validBodyName(disp)});
                }
                case 1 -> {
                    int size;
                    do {
                        size = r.nextBoolean() ? new int[] {0, 8, 16, 64, 128}[r.nextInt(5)] : r.nextInt(0x10000);
                    } while (size == 32);
                    descriptor(disp, size, 1, false, r.nextBoolean(), 0);
                    address(oolNames(new int[] {validBodyName(disp)}));
                }
                case 2 -> {
                    boolean port = r.nextBoolean();
                    boolean inline = r.nextBoolean();
                    descriptor(port ? disp : dataName(), port ? (inline ? 64 : 32) : 32, 1, inline,
                            !inline && r.nextBoolean(), 1 + r.nextInt(31));
                    address(dataRegion);
                }
                default -> {
                    boolean port = r.nextBoolean();
                    descriptor(port ? disp : dataName(), port ? 64 : 32, 1, true, true, 0);
                    inlineNames(new int[] {port ? validBodyName(disp) : r.nextInt()});
                }
            }
        }

        void memoryFault() {
            boolean ports = r.nextInt(3) == 0;
            int disp = MACH_MSG_TYPE_MOVE_RECEIVE + r.nextInt(6);
            int size = ports ? 32 : new int[] {8, 32, 64}[r.nextInt(3)];
            long number = 1 + r.nextInt(64);
            long at;
            switch (r.nextInt(8)) {
                case 0 -> at = r.nextInt(4) == 0 ? 0 : r.nextInt(0x1000_0000);
                case 1 -> at = freedRegion + r.nextInt(PAGE);
                case 2 -> {
                    // partially mapped: starts in the region, runs into the guard page after it
                    long length = (number * size + 7) / 8;
                    long end = r.nextBoolean() ? dataRegion + DATA_PAGES * PAGE : portRegion + PORT_PAGES * PAGE;
                    at = end - 1 - r.nextInt((int) Math.max(1, length - 1));
                    if (at + length <= end) {
                        at = end - length + 1;
                    }
                }
                case 3 -> at = dataRegion - 1 - r.nextInt(64); // starts in the guard before
                case 4 -> at = new long[] {-1, -8, Long.MIN_VALUE, Long.MAX_VALUE - 7, Long.MAX_VALUE,
                    (1L << 47) - 8, 1L << 47}[r.nextInt(7)] - (r.nextBoolean() ? 0 : 8L * r.nextInt(4));
                case 5 -> {
                    // far more than is mapped, from a mapped start
                    at = dataRegion;
                    number = DATA_PAGES * PAGE * 8L / size + 1 + r.nextInt(1 << 20);
                }
                case 6 -> {
                    // more than any item may carry
                    at = r.nextBoolean() ? dataRegion : r.nextLong();
                    number = 0xffffffffL - r.nextInt(1000);
                }
                default -> at = r.nextLong();
            }
            descriptor(ports ? disp : dataName(), size, (int) number, false, r.nextBoolean(), 0);
            address(at);
        }

        void rightFault() {
            int disp = MACH_MSG_TYPE_MOVE_RECEIVE + r.nextInt(6);
            int count = 1 + r.nextInt(4);
            int badAt = r.nextInt(count);
            int[] names = new int[count];
            for (int i = 0; i < count; i++) {
                names[i] = i < badAt ? validBodyName(disp) : i == badAt ? invalidBodyName(disp) : anyName();
            }
            if (r.nextBoolean()) {
                descriptor(disp, 64, count, true, false, 0);
                inlineNames(names);
            } else {
                descriptor(disp, 32, count, false, r.nextBoolean(), 0);
                address(oolNames(names));
            }
        }

        int nonZero(int mask) {
            int v;
            do {
                v = r.nextInt() & mask;
                if (r.nextBoolean()) {
                    v &= -v; // one bit
                }
            } while (v == 0);
            return v;
        }
    }

    // =========================================================================
    // The reference: GNU Mach's ipc_kmsg_get / copyin_header / copyin_body
    // =========================================================================

    /** What an entry holds, as far as copyin cares. */
    static final class Right {
        boolean send;
        boolean receive;
        boolean sendOnce;
        boolean dead;
        boolean portSet;
        int urefs;

        Right copy() {
            Right c = new Right();
            c.send = send;
            c.receive = receive;
            c.sendOnce = sendOnce;
            c.dead = dead;
            c.portSet = portSet;
            c.urefs = urefs;
            return c;
        }

        @Override
        public String toString() {
            return (send ? "S" : "") + (receive ? "R" : "") + (sendOnce ? "O" : "") + (dead ? "D" : "")
                    + (portSet ? "P" : "") + "/" + urefs;
        }
    }

    /** Reads the sender's memory; false if not all of it is there. */
    interface Memory {
        boolean read(long address, byte[] dst);
    }

    static final class Oracle {

        private final Memory memory;
        private final long[][] mapped;

        Oracle(Memory memory, long[][] mapped) {
            this.memory = memory;
            this.mapped = mapped;
        }

        static TreeMap<Integer, Right> copy(TreeMap<Integer, Right> m) {
            TreeMap<Integer, Right> c = new TreeMap<>();
            m.forEach((k, v) -> c.put(k, v.copy()));
            return c;
        }

        /** ipc_right_copyin_check: would the reply copy in (dead names do)? Changes nothing. */
        static boolean check(Map<Integer, Right> m, int name, int disp) {
            Right e = m.get(name);
            if (e == null) {
                return false;
            }
            return switch (disp) {
                case MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_MSG_TYPE_MOVE_RECEIVE -> e.receive;
                case MACH_MSG_TYPE_MOVE_SEND_ONCE -> e.dead || e.sendOnce;
                default -> e.dead || e.send;
            };
        }

        /** ipc_right_copyin: takes the right from the model, or returns false and changes nothing. */
        static boolean copyin(Map<Integer, Right> m, int name, int disp, boolean deadOk) {
            Right e = m.get(name);
            if (e == null) {
                return false;
            }
            switch (disp) {
                case MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE:
                    return e.receive;
                case MACH_MSG_TYPE_MOVE_RECEIVE:
                    if (!e.receive) {
                        return false;
                    }
                    e.receive = false;
                    if (!e.send) {
                        m.remove(name);
                    }
                    return true;
                case MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MOVE_SEND, MACH_MSG_TYPE_MOVE_SEND_ONCE:
                    if (e.dead) {
                        if (!deadOk) {
                            return false;
                        }
                        if (disp != MACH_MSG_TYPE_COPY_SEND && --e.urefs == 0) {
                            m.remove(name);
                        }
                        return true;
                    }
                    if (disp == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
                        if (!e.sendOnce) {
                            return false;
                        }
                        m.remove(name);
                        return true;
                    }
                    if (!e.send) {
                        return false;
                    }
                    if (disp == MACH_MSG_TYPE_MOVE_SEND && --e.urefs == 0) {
                        e.send = false;
                        if (!e.receive) {
                            m.remove(name);
                        }
                    }
                    return true;
                default:
                    return false;
            }
        }

        /** ipc_kmsg_copyin_header, on the model. */
        static int header(Map<Integer, Right> m, int bits, int dest, int reply, String[] why) {
            if ((bits & ~(MACH_MSGH_BITS_COMPLEX | 0xffff)) != 0) {
                why[0] = "header bits outside complex and the dispositions";
                return MACH_SEND_INVALID_HEADER;
            }
            int dt = bits & 0xff;
            int rt = (bits >>> 8) & 0xff;
            if (!machMsgTypePortAnySend(dt) || (rt == 0 ? reply != MACH_PORT_NULL : !machMsgTypePortAnySend(rt))) {
                why[0] = "bad header dispositions " + dt + "/" + rt;
                return MACH_SEND_INVALID_HEADER;
            }
            if (dest == MACH_PORT_NULL || dest == MACH_PORT_DEAD) {
                why[0] = "null or dead destination";
                return MACH_SEND_INVALID_DEST;
            }
            boolean replyValid = reply != MACH_PORT_NULL && reply != MACH_PORT_DEAD;
            if (!replyValid) {
                why[0] = "destination without the right";
                return copyin(m, dest, dt, false) ? MACH_MSG_SUCCESS : MACH_SEND_INVALID_DEST;
            }
            if (!m.containsKey(dest)) {
                why[0] = "unknown destination";
                return MACH_SEND_INVALID_DEST;
            }
            if (!check(m, reply, rt)) {
                why[0] = "reply without the right";
                return MACH_SEND_INVALID_REPLY;
            }
            if (dest == reply) {
                why[0] = "dest == reply cannot give both";
                if (dt == MACH_MSG_TYPE_MOVE_SEND_ONCE || rt == MACH_MSG_TYPE_MOVE_SEND_ONCE) {
                    return MACH_SEND_INVALID_DEST;
                }
                int d = dt;
                int rr = rt;
                if (dt == MACH_MSG_TYPE_MOVE_SEND && rt == MACH_MSG_TYPE_COPY_SEND) {
                    d = MACH_MSG_TYPE_COPY_SEND;
                    rr = MACH_MSG_TYPE_MOVE_SEND;
                }
                Map<Integer, Right> trial = copy(new TreeMap<>(m));
                if (!copyin(trial, dest, d, false) || !copyin(trial, reply, rr, true)) {
                    return MACH_SEND_INVALID_DEST;
                }
                copyin(m, dest, d, false);
                copyin(m, reply, rr, true);
                return MACH_MSG_SUCCESS;
            }
            if (!copyin(m, dest, dt, false)) {
                why[0] = "destination without the right";
                return MACH_SEND_INVALID_DEST;
            }
            assertTrue(copyin(m, reply, rt, true));
            return MACH_MSG_SUCCESS;
        }

        boolean mapped(long address, long length) {
            if (address < 0 || address + length < address) {
                return false;
            }
            // Regions may be adjacent: a range is mapped if regions cover it end to end.
            long at = address;
            boolean moved = true;
            while (at < address + length && moved) {
                moved = false;
                for (long[] region : mapped) {
                    if (at >= region[0] && at < region[1]) {
                        at = region[1];
                        moved = true;
                    }
                }
            }
            return at >= address + length;
        }

        /** mach_msg_send's whole copyin on a copy of the model: the code GNU Mach returns. */
        int expect(MachMessage msg, int sendSize, TreeMap<Integer, Right> model, String[] why) {
            if (sendSize < MACH_MSG_HEADER_SIZE || (sendSize & 7) != 0) {
                why[0] = "send_size below a header or not a multiple of 8";
                return MACH_SEND_MSG_TOO_SMALL;
            }
            if (sendSize > msg.capacity()) {
                why[0] = "send_size beyond the buffer";
                return MACH_SEND_INVALID_DATA;
            }
            ByteBuffer b = msg.buffer();
            int bits = b.getInt(0);
            TreeMap<Integer, Right> m = copy(model);
            int mr = header(m, bits, b.getInt(8), b.getInt(16), why);
            if (mr != MACH_MSG_SUCCESS || (bits & MACH_MSGH_BITS_COMPLEX) == 0) {
                return mr;
            }
            long saddr = MACH_MSG_HEADER_SIZE;
            long eaddr = sendSize;
            for (int item = 0; saddr < eaddr; item++) {
                String at = "item " + item + " at " + saddr + ": ";
                if (eaddr - saddr < 8) {
                    why[0] = at + "descriptor cut";
                    return MACH_SEND_MSG_TOO_SMALL;
                }
                int word = b.getInt((int) saddr);
                long number = b.getInt((int) saddr + 4) & 0xffffffffL;
                int name = word & 0xff;
                int size = (word >>> 8) & 0xffff;
                boolean inline = (word & MSGT_INLINE) != 0;
                boolean dealloc = (word & MSGT_DEALLOCATE) != 0;
                boolean port = machMsgTypePortAny(name);
                if ((port && size != (inline ? 64 : 32)) || ((word >>> 24) & 0x1f) != 0 || (dealloc && inline)) {
                    why[0] = at + "bad descriptor 0x" + Integer.toHexString(word);
                    return MACH_SEND_INVALID_TYPE;
                }
                saddr += 8;
                long length = (number * size + 7) >>> 3;
                int[] names = null;
                if (inline) {
                    if (eaddr - saddr < length) {
                        why[0] = at + length + " inline bytes, " + (eaddr - saddr) + " left";
                        return MACH_SEND_MSG_TOO_SMALL;
                    }
                    if (port) {
                        names = new int[(int) number];
                        for (int i = 0; i < names.length; i++) {
                            names[i] = b.getInt((int) saddr + 8 * i);
                        }
                    }
                    saddr += (length + 7) & ~7L;
                } else {
                    if (eaddr - saddr < 8) {
                        why[0] = at + "out-of-line address cut";
                        return MACH_SEND_MSG_TOO_SMALL;
                    }
                    long address = b.getLong((int) saddr);
                    if (length > 0 && !mapped(address, length)) {
                        why[0] = at + length + " bytes at 0x" + Long.toHexString(address) + " not all mapped";
                        return MACH_SEND_INVALID_MEMORY;
                    }
                    if (port) {
                        byte[] bytes = new byte[(int) length];
                        assertTrue(length == 0 || memory.read(address, bytes));
                        ByteBuffer nb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                        names = new int[(int) number];
                        for (int i = 0; i < names.length; i++) {
                            names[i] = nb.getInt(4 * i);
                        }
                    }
                    saddr += 8;
                }
                if (port) {
                    for (int i = 0; i < names.length; i++) {
                        int n = names[i];
                        if (n != MACH_PORT_NULL && n != MACH_PORT_DEAD && !copyin(m, n, name, true)) {
                            why[0] = at + "right " + i + " (0x" + Integer.toHexString(n) + " as " + name
                                    + ") not held: " + model.get(n);
                            return MACH_SEND_INVALID_RIGHT;
                        }
                    }
                }
            }
            why[0] = "nothing wrong";
            return MACH_MSG_SUCCESS;
        }
    }

    // =========================================================================
    // Audits and helpers
    // =========================================================================

    /**
     * Everything a task's space says about itself, in one string. The
     * auditing thread's own MIG reply port is named but not described: each
     * call of the audit moves its sequence number.
     */
    private String audit(int t) {
        int reply = t == task ? self.mig().replyPort() : MACH_PORT_NULL;
        int[][] names = new int[1][];
        int[][] types = new int[1][];
        ok(port.machPortNames(t, names, types));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names[0].length; i++) {
            int n = names[0][i];
            if (n == reply) {
                sb.append(String.format("%08x the auditing thread's reply port%n", n));
                continue;
            }
            sb.append(String.format("%08x type=%08x refs=", n, types[0][i]));
            for (int right = 0; right < MACH_PORT_RIGHT_NUMBER; right++) {
                int[] refs = new int[1];
                ok(port.machPortGetRefs(t, n, right, refs));
                sb.append(refs[0]).append(right + 1 < MACH_PORT_RIGHT_NUMBER ? "," : "");
            }
            if ((types[0][i] & MACH_PORT_TYPE_RECEIVE) != 0) {
                int[][] st = new int[1][];
                ok(port.machPortGetReceiveStatus(t, n, st));
                sb.append(' ').append(MachPortStatus.decode(st[0]));
            }
            if ((types[0][i] & MACH_PORT_TYPE_PORT_SET) != 0) {
                int[][] members = new int[1][];
                ok(port.machPortGetSetStatus(t, n, members));
                sb.append(" members=").append(Arrays.toString(members[0]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The model of a space's rights the oracle works on. */
    private TreeMap<Integer, Right> model(int t) {
        int[][] names = new int[1][];
        int[][] types = new int[1][];
        ok(port.machPortNames(t, names, types));
        TreeMap<Integer, Right> m = new TreeMap<>();
        for (int i = 0; i < names[0].length; i++) {
            int type = types[0][i];
            Right e = new Right();
            e.send = (type & MACH_PORT_TYPE_SEND) != 0;
            e.receive = (type & MACH_PORT_TYPE_RECEIVE) != 0;
            e.sendOnce = (type & MACH_PORT_TYPE_SEND_ONCE) != 0;
            e.dead = (type & MACH_PORT_TYPE_DEAD_NAME) != 0;
            e.portSet = (type & MACH_PORT_TYPE_PORT_SET) != 0;
            int[] refs = new int[1];
            ok(port.machPortGetRefs(t, names[0][i], e.dead ? MACH_PORT_RIGHT_DEAD_NAME : MACH_PORT_RIGHT_SEND, refs));
            e.urefs = refs[0];
            m.put(names[0][i], e);
        }
        return m;
    }

    private void assertMemoryIntact(String where) {
        byte[] got = new byte[dataMirror.length];
        assertEquals(KERN_SUCCESS, self.load(dataRegion, got, 0, got.length), "data region unmapped by " + where);
        assertArrayEquals(dataMirror, got, "data region changed by " + where);
        got = new byte[portMirror.length];
        assertEquals(KERN_SUCCESS, self.load(portRegion, got, 0, got.length), "port region unmapped by " + where);
        assertArrayEquals(portMirror, got, "port region changed by " + where);
    }

    private boolean load(long address, byte[] dst) {
        return self.load(address, dst, 0, dst.length) == KERN_SUCCESS;
    }

    private void store(long address, byte[] src) {
        assertEquals(KERN_SUCCESS, self.store(address, src, 0, src.length));
        System.arraycopy(src, 0, portMirror, (int) (address - portRegion), src.length);
    }

    private void storeNames(long address, int... names) {
        ByteBuffer nb = ByteBuffer.allocate(4 * names.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int n : names) {
            nb.putInt(n);
        }
        store(address, nb.array());
    }

    private long vmAllocate(long size) {
        long[] address = new long[1];
        assertEquals(KERN_SUCCESS, self.mach().vmAllocate(task, address, size, 1));
        return address[0];
    }

    private int allocate(int t, int right) {
        int[] name = new int[1];
        ok(port.machPortAllocate(t, right, name));
        return name[0];
    }

    /** A right extracted from task t's name into A's space; its name in A. */
    private int extract(int t, int name, int disposition) {
        int[] poly = new int[1];
        int[] polyPoly = new int[1];
        ok(port.machPortExtractRight(t, name, disposition, poly, polyPoly));
        return poly[0];
    }

    private void requestNotification(int t, int name, int variant, int sync) {
        int[] previous = new int[1];
        ok(port.machPortRequestNotification(t, name, variant, sync, notifyPort, MACH_MSG_TYPE_MAKE_SEND_ONCE,
                previous));
        assertEquals(MACH_PORT_NULL, previous[0]);
    }

    private MachMessage receiveA(int name) {
        MachMessage in = new MachMessage(CAPACITY);
        assertEquals(MachMsgReturn.name(MACH_MSG_SUCCESS), MachMsgReturn.name(
                self.machMsgTrap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, CAPACITY, name, 0, 0)));
        return in;
    }

    private MachMessage receiveB(int name) {
        MachMessage in = new MachMessage(CAPACITY);
        assertEquals(MachMsgReturn.name(MACH_MSG_SUCCESS), MachMsgReturn.name(
                selfB.machMsgTrap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, CAPACITY, name, 0, 0)));
        return in;
    }

    /** Receives notifications on notifyPort until one with {@code id}; the name it carries. */
    private int notification(int id) {
        List<Integer> seen = new ArrayList<>();
        while (true) {
            MachMessage in = new MachMessage(CAPACITY);
            int mr = self.machMsgTrap(in, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, CAPACITY, notifyPort, 0, 0);
            if (mr != MACH_MSG_SUCCESS) {
                fail("no notification " + id + " (octal " + Integer.toOctalString(id) + "); saw " + seen + ", then "
                        + MachMsgReturn.name(mr));
            }
            if (in.msghId() == id) {
                return in.buffer().getInt(NOT_BODY_OFFSET);
            }
            seen.add(in.msghId());
        }
    }

    private Set<Integer> nameSet(int t) {
        int[][] names = new int[1][];
        int[][] types = new int[1][];
        ok(port.machPortNames(t, names, types));
        Set<Integer> s = new HashSet<>();
        for (int n : names[0]) {
            s.add(n);
        }
        return s;
    }

    /** Destroys the names of task t that are not in {@code keep}: receive rights first. */
    private void destroyNew(int t, Set<Integer> keep) {
        int[][] names = new int[1][];
        int[][] types = new int[1][];
        ok(port.machPortNames(t, names, types));
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < names[0].length; i++) {
                boolean receive = (types[0][i] & MACH_PORT_TYPE_RECEIVE) != 0;
                if (!keep.contains(names[0][i]) && receive == (pass == 0)) {
                    port.machPortDestroy(t, names[0][i]);
                }
            }
        }
    }

    private static void ok(int kr) {
        assertEquals(KERN_SUCCESS, kr, () -> MachMsgReturn.name(kr));
    }

    private static String hex(MachMessage msg, int length) {
        StringBuilder sb = new StringBuilder();
        ByteBuffer b = msg.buffer();
        for (int i = 0; i + 4 <= length; i += 4) {
            sb.append(String.format(i % 32 == 0 ? "%s%04x:" : "", i == 0 ? "" : "\n", i));
            sb.append(String.format(" %08x", b.getInt(i)));
        }
        return sb.toString();
    }
}
