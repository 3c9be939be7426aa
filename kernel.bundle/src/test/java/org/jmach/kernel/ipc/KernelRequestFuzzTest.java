package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MIG_BAD_ARGUMENTS;
import static org.jmach.mach.MachMsgReturn.MIG_BAD_ID;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgDestroy;
import org.jmach.mach.MachMsgReturn;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MigServer;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded, mostly malformed MIG requests to the kernel's ports
 * (task, thread, host), with the ids of every subsystem the kernel serves
 * and some it does not: each is refused by mach_msg or answered by the
 * kernel with a well-formed reply (MIG_BAD_ID, MIG_BAD_ARGUMENTS, or the
 * routine's own code), and the kernel keeps serving. The task and thread
 * ports are a victim's: a request that happens to be well formed may
 * suspend or terminate its target.
 */
class KernelRequestFuzzTest extends IpcTestBase {

    private static final int[] ITEM_TYPES = {2, 11, 15, 8, 9, 12, 1, 0};
    private static final int BUFFER = 8192;

    @Test
    void everyRequestGetsAMigAnswerOrAMachMsgError() {
        Random random = new Random(0x6d6967L);
        int reply = self.machReplyPort();
        // A victim task and thread take the requests: a well-formed one may suspend or terminate its target.
        int victim = kernel.taskCreate("victim").ports().taskSelf(taskA.space());
        int[] victimThread = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().threadCreate(victim, victimThread));
        int[] destinations = {victim, self.machHostSelf(), victimThread[0]};
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            int dest = destinations[random.nextInt(destinations.length)];
            int id = id(random);
            MachMessage m = new MachMessage(BUFFER);
            m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), dest, reply, id);
            body(random, m);
            int mr = self.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT, m.endBody(), BUFFER, reply,
                    5000, 0);
            String what;
            if (mr != MACH_MSG_SUCCESS) {
                assertTrue((mr & 0xffffc000) == 0x10000000, () -> "case " + id + ": " + MachMsgReturn.name(mr));
                what = MachMsgReturn.name(mr);
            } else {
                assertEquals(id + 100, m.msghId());
                assertTrue(m.msghSize() >= MigServer.REPLY_HEADER_SIZE);
                int code = m.buffer().getInt(MachMsgServer.RET_CODE_OFFSET);
                if (code != KERN_SUCCESS) {
                    assertEquals(MigServer.REPLY_HEADER_SIZE, m.msghSize(), "an error reply is RetCode alone");
                }
                what = code == KERN_SUCCESS ? "KERN_SUCCESS" : MachMsgReturn.name(code);
                MachMsgDestroy.machMsgDestroy(self, m);
            }
            outcomes.merge(what, 1, Integer::sum);
        }
        assertTrue(outcomes.containsKey(MachMsgReturn.name(MIG_BAD_ID)), outcomes::toString);
        assertTrue(outcomes.containsKey(MachMsgReturn.name(MIG_BAD_ARGUMENTS)), outcomes::toString);
        assertTrue(outcomes.containsKey("KERN_SUCCESS"), outcomes::toString);
        // The kernel still serves, and the test's own names are intact.
        assertEquals(MACH_PORT_TYPE_SEND, type(task));
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(reply));
    }

    /**
     * Well-typed requests through the generated stubs, with random values,
     * on another task's space: every routine's own checks answer, with a
     * Mach code, and the space stays consistent (each name's type as
     * mach_port_names and mach_port_type report it agree).
     */
    @Test
    void stubsWithRandomValuesGetMachCodes() {
        Random random = new Random(0x6a6d6163L);
        org.jmach.kernel.kern.Task taskB = kernel.taskCreate("b");
        int b = taskB.ports().taskSelf(taskA.space());
        int host = self.machHostSelf();
        org.jmach.mach.MachHostUser hostStub = new org.jmach.mach.MachHostUser(self.mig());
        int[] mine = new int[4];
        for (int k = 0; k < mine.length; k++) {
            mine[k] = allocateReceive();
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 3000; i++) {
            int[][] names = new int[1][];
            int[][] types = new int[1][];
            assertEquals(KERN_SUCCESS, port.machPortNames(b, names, types));
            int name = pick(random, names[0]);
            int other = pick(random, names[0]);
            int value = random.nextInt(6) - 1;
            int[] out = new int[1];
            int[] out2 = new int[1];
            int kr;
            int op = random.nextInt(16);
            switch (op) {
                case 0 -> kr = port.machPortAllocate(b, value, out);
                case 1 -> kr = port.machPortAllocateName(b, value, name);
                case 2 -> kr = port.machPortDestroy(b, name);
                case 3 -> kr = port.machPortDeallocate(b, name);
                case 4 -> kr = port.machPortModRefs(b, name, value, random.nextInt(5) - 2);
                case 5 -> kr = port.machPortGetRefs(b, name, value, out);
                case 6 -> kr = port.machPortRename(b, name, random.nextBoolean() ? other : random.nextInt());
                case 7 -> kr = port.machPortMoveMember(b, name, random.nextBoolean() ? other : 0);
                case 8 -> kr = port.machPortSetQlimit(b, name, random.nextInt(2000) - 10);
                case 9 -> kr = port.machPortGetReceiveStatus(b, name, new int[1][]);
                case 10 -> kr = port.machPortGetSetStatus(b, name, new int[1][]);
                case 11 -> kr = port.machPortExtractRight(b, name, 16 + random.nextInt(7), out, out2);
                case 12 -> kr = port.machPortInsertRight(b, random.nextBoolean() ? name : random.nextInt(),
                        mine[random.nextInt(mine.length)], 19 + random.nextInt(3));
                case 13 -> kr = port.machPortRequestNotification(b, name, 0100 + random.nextInt(10),
                        random.nextInt(3), random.nextBoolean() ? 0 : mine[random.nextInt(mine.length)], 21, out);
                case 14 -> kr = hostStub.hostInfo(random.nextBoolean() ? host : b, random.nextInt(6),
                        new int[16], new int[] {random.nextInt(20) - 2});
                default -> kr = self.mach().vmAllocate(b, new long[] {random.nextLong() >>> random.nextInt(64)},
                        random.nextLong() >>> random.nextInt(64), random.nextInt(2));
            }
            String what = MachMsgReturn.name(kr);
            assertTrue(!what.startsWith("(kern_return_t)"), () -> "not a Mach code: " + kr);
            outcomes.merge(what, 1, Integer::sum);
            // An extracted right or a previous send-once right comes to this task: let it go.
            if (kr == KERN_SUCCESS && (op == 11 || op == 13) && out[0] != 0) {
                port.machPortDeallocate(task, out[0]);
            }
        }
        int[][] names = new int[1][];
        int[][] types = new int[1][];
        assertEquals(KERN_SUCCESS, port.machPortNames(b, names, types));
        for (int k = 0; k < names[0].length; k++) {
            int[] t = new int[1];
            assertEquals(KERN_SUCCESS, port.machPortType(b, names[0][k], t));
            assertEquals(types[0][k], t[0]);
        }
        assertTrue(outcomes.size() > 8, outcomes::toString);
        assertEquals(MACH_PORT_TYPE_SEND, type(task));
    }

    /** A name of the space, or NULL, DEAD or any number. */
    private static int pick(Random random, int[] names) {
        int r = random.nextInt(10);
        if (r < 7 && names.length > 0) {
            return names[random.nextInt(names.length)];
        }
        return r == 7 ? 0 : r == 8 ? ~0 : random.nextInt();
    }

    /** An id of a subsystem the kernel serves, mostly, and sometimes any id. */
    private static int id(Random random) {
        switch (random.nextInt(5)) {
            case 0:
                return 2000 + random.nextInt(101);
            case 1:
                return 2600 + random.nextInt(48);
            case 2:
            case 3:
                return 3200 + random.nextInt(23);
            default:
                return random.nextInt();
        }
    }

    /** Zero to four typed items of random types, counts and data, inline or (for bytes) out of line. */
    private static void body(Random random, MachMessage m) {
        int items = random.nextInt(5);
        for (int k = 0; k < items; k++) {
            int type = ITEM_TYPES[random.nextInt(ITEM_TYPES.length)];
            int number = random.nextInt(5);
            switch (type) {
                case 11:
                    long[] longs = new long[number];
                    for (int j = 0; j < number; j++) {
                        longs[j] = random.nextLong() >>> random.nextInt(64);
                    }
                    m.putInteger64(longs);
                    break;
                case 2:
                case 15:
                    int[] ints = new int[number];
                    for (int j = 0; j < number; j++) {
                        ints[j] = random.nextBoolean() ? random.nextInt(8) : random.nextInt();
                    }
                    if (type == 2) {
                        m.putInteger32(ints);
                    } else {
                        m.putType(15, 32, number, true, false, false);
                        for (int v : ints) {
                            m.buffer().putInt(m.writePosition(), v);
                            m.writePosition(m.writePosition() + 4);
                        }
                        m.writePosition(org.jmach.mach.Message.machMsgAlign(m.writePosition()));
                    }
                    break;
                default:
                    byte[] bytes = new byte[random.nextInt(600)];
                    random.nextBytes(bytes);
                    m.putBytes(type, bytes);
                    break;
            }
        }
    }
}
