package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_TYPE_BYTE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_CHAR;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_STRING_C;
import static org.jmach.mach.Message.MACH_RCV_INTERRUPT;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_RECEIVE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Four message shapes, each sent and received three ways, as GNU Mach's
 * message tests do: by one combined send|receive on one port, by separate
 * send and receive calls, and through an echo thread that answers on a
 * send-once reply right.
 */
class MessageShapesTest extends IpcTestBase {

    static final int BUFFER = 512;
    static final int MSG_ID = 4242;

    enum Way { COMBINED, SEPARATE, ECHO }

    /** A shape: how to write its body, and how to check what came back. */
    private interface Shape {
        void write(MachMessage m);

        void check(MachMessage m);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void inlineString(Way way) throws Exception {
        roundTrip(way, new Shape() {
            public void write(MachMessage m) {
                m.putString("the quick brown fox", 64);
            }

            public void check(MachMessage m) {
                MachMsgItems items = m.items();
                assertTrue(items.next());
                assertEquals(MACH_MSG_TYPE_STRING_C, items.name());
                assertEquals(64, items.number());
                assertEquals("the quick brown fox", items.string());
                assertFalse(items.next());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void stringFollowedByCharsEachItemAligned(Way way) throws Exception {
        roundTrip(way, new Shape() {
            public void write(MachMessage m) {
                m.putString("abc", 5);
                m.putBytes(MACH_MSG_TYPE_CHAR, new byte[] {'x', 'y', 'z'});
            }

            public void check(MachMessage m) {
                MachMsgItems items = m.items();
                assertTrue(items.next());
                assertEquals(32, items.descriptorOffset());
                assertEquals("abc", items.string());
                assertTrue(items.next());
                assertEquals(48, items.descriptorOffset(), "the second item starts on an 8-byte boundary");
                assertEquals(MACH_MSG_TYPE_CHAR, items.name());
                assertArrayEquals(new byte[] {'x', 'y', 'z'}, items.bytes());
                assertFalse(items.next());
                assertEquals(64, m.msghSize());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void outOfLineArrayOfThreeMoveSendRights(Way way) throws Exception {
        int[] ports = {allocateReceive(), allocateReceive(), allocateReceive()};
        for (int p : ports) {
            assertEquals(KERN_SUCCESS, port.machPortInsertRight(task, p, p, MACH_MSG_TYPE_MAKE_SEND));
        }
        long[] addr = new long[1];
        assertEquals(KERN_SUCCESS, self.mach().vmAllocate(task, addr, 4096, 1));
        ByteBuffer names = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        for (int p : ports) {
            names.putInt(p);
        }
        assertEquals(KERN_SUCCESS, self.store(addr[0], names.array(), 0, 12));
        roundTrip(way, new Shape() {
            public void write(MachMessage m) {
                m.putOutOfLinePorts(MACH_MSG_TYPE_MOVE_SEND, 3, addr[0], false);
            }

            public void check(MachMessage m) {
                assertTrue((m.msghBits() & MACH_MSGH_BITS_COMPLEX) != 0);
                MachMsgItems items = m.items();
                assertTrue(items.next());
                assertEquals(MACH_MSG_TYPE_PORT_SEND, items.name());
                assertEquals(32, items.sizeBits());
                assertEquals(3, items.number());
                assertFalse(items.inline());
                byte[] raw = new byte[12];
                assertEquals(KERN_SUCCESS, self.load(items.address(), raw, 0, 12));
                ByteBuffer got = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                for (int p : ports) {
                    // The send rights come home to the names of their receive rights.
                    assertEquals(p, got.getInt());
                    assertEquals(MACH_PORT_TYPE_SEND_RECEIVE, type(p));
                    assertEquals(1, refs(p, MACH_PORT_RIGHT_SEND));
                }
                assertFalse(items.next());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void emptyOutOfLineItemFollowedByInlineString(Way way) throws Exception {
        roundTrip(way, new Shape() {
            public void write(MachMessage m) {
                m.putOutOfLine(MACH_MSG_TYPE_BYTE, 8, 0, 0, false);
                m.putString("after nothing", 32);
            }

            public void check(MachMessage m) {
                MachMsgItems items = m.items();
                assertTrue(items.next());
                assertFalse(items.inline());
                assertEquals(0, items.number());
                assertEquals(0, items.address());
                assertTrue(items.next());
                assertEquals("after nothing", items.string());
                assertFalse(items.next());
            }
        });
    }

    private void roundTrip(Way way, Shape shape) throws Exception {
        int service = allocateReceive();
        MachMessage m = new MachMessage(BUFFER);
        switch (way) {
            case COMBINED, SEPARATE -> {
                m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), service, MACH_PORT_NULL, MSG_ID);
                shape.write(m);
                int size = m.endBody();
                assertEquals(0, size % 8);
                if (way == Way.COMBINED) {
                    assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, size, BUFFER, service, 0, 0));
                } else {
                    assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0, 0));
                    m = new MachMessage(BUFFER);
                    assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_RCV_MSG, 0, BUFFER, service, 0, 0));
                }
                assertEquals(size, m.msghSize(), "msgh_size round-trips");
                assertEquals(MSG_ID, m.msghId());
                assertEquals(service, m.msghLocalPort());
                assertEquals(MACH_PORT_NULL, m.msghRemotePort());
                assertEquals(MACH_MSG_TYPE_PORT_SEND << 8, m.msghBits() & 0xffff);
                shape.check(m);
            }
            case ECHO -> {
                CompletableFuture<Integer> echoed = startEcho(service);
                int reply = self.machReplyPort();
                m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), service, reply, MSG_ID);
                shape.write(m);
                int size = m.endBody();
                assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, size, BUFFER, reply, 0, 0));
                assertEquals(MACH_MSG_SUCCESS, echoed.get(5, TimeUnit.SECONDS));
                assertEquals(size, m.msghSize(), "msgh_size round-trips through the echo");
                assertEquals(MSG_ID + 100, m.msghId());
                assertEquals(reply, m.msghLocalPort());
                assertEquals(MACH_MSG_TYPE_PORT_SEND_ONCE << 8, m.msghBits() & 0xffff);
                shape.check(m);
            }
            default -> throw new AssertionError(way);
        }
    }

    /** A thread of the same task that receives one message and sends its body back on the reply right. */
    private CompletableFuture<Integer> startEcho(int service) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        taskA.threadCreate("echo", (MachTraps t) -> {
            MachMessage in = new MachMessage(BUFFER);
            int mr = t.machMsg(in, MACH_RCV_MSG, 0, BUFFER, service, 0, 0);
            if (mr == MACH_MSG_SUCCESS) {
                int size = in.msghSize();
                int complex = in.msghBits() & MACH_MSGH_BITS_COMPLEX;
                in.setMsghBits(machMsghBits(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0) | complex)
                        .setMsghRemotePort(in.msghRemotePort()).setMsghLocalPort(MACH_PORT_NULL)
                        .setMsghId(in.msghId() + 100);
                mr = t.machMsg(in, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0, 0);
            }
            result.complete(mr);
        });
        return result;
    }

    @Test
    void aReceiveAbortedByAnotherThreadReturnsRcvInterrupted() throws Exception {
        int service = allocateReceive();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        org.jmach.kernel.kern.Thread receiver = taskA.threadCreate("receiver", (MachTraps t) ->
                result.complete(t.machMsg(new MachMessage(64), MACH_RCV_MSG | MACH_RCV_INTERRUPT, 0, 64, service, 0, 0)));
        awaitBlocked(receiver);
        assertEquals(KERN_SUCCESS, receiver.abort());
        assertEquals(MACH_RCV_INTERRUPTED, result.get(5, TimeUnit.SECONDS));
    }
}
