package org.jmach.kernel.migtest;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.MachMsgReturn.MIG_ARRAY_TOO_LARGE;
import static org.jmach.mach.MachMsgReturn.MIG_BAD_ARGUMENTS;
import static org.jmach.mach.MachMsgReturn.MIG_BAD_ID;
import static org.jmach.mach.MachMsgReturn.MIG_SERVER_DIED;
import static org.jmach.mach.MachMsgReturn.MIG_TYPE_ERROR;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.TestMachine;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MigServer;
import org.jmach.mach.MigTaskMemory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MIG end to end: migtest.defs's generated user stubs, in a client task,
 * call its generated demux, served by libmach's server loop in another
 * task, over jmach IPC. Every argument shape goes there and back, and MIG's
 * own errors come out where MIG puts them.
 */
@Timeout(30)
class MigRoundTripTest {

    private Startup kernel;
    private Task clientTask;
    private Thread client;
    private MachTraps self;
    private MigtestUser stub;
    private int service;
    private int serverInClient;
    private Task serverTask;
    private final CompletableFuture<Integer> serverEnd = new CompletableFuture<>();

    @BeforeEach
    void boot() {
        kernel = TestMachine.boot(TestMachine.of(8), "test");
        clientTask = kernel.taskCreate("client");
        serverTask = kernel.taskCreate("server");
        client = clientTask.threadAttach("main");
        self = client.traps();
        stub = new MigtestUser(self.mig());
        // The client makes the service port in the server's space, and takes a send right.
        MachPortUser port = self.machPort();
        serverInClient = serverTask.ports().taskSelf(clientTask.space());
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(serverInClient, MACH_PORT_RIGHT_RECEIVE, name));
        int serverName = name[0];
        int[] poly = new int[1];
        int[] polyPoly = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(serverInClient, serverName, MACH_MSG_TYPE_MAKE_SEND,
                poly, polyPoly));
        service = poly[0];
        serverTask.threadCreate("server", t -> {
            MigtestImpl impl = new MigtestImpl(t);
            MigTaskMemory memory = new MigTaskMemory(t);
            serverEnd.complete(MachMsgServer.machMsgServer(t,
                    (in, out) -> MigtestServerDemux.migtestServer(impl, memory, in, out),
                    MigtestServerDemux.MSG_SIZE_MAX, serverName));
        });
    }

    @AfterEach
    void halt() throws Exception {
        serverTask.terminate();
        serverEnd.get(5, TimeUnit.SECONDS);
        client.detach();
        kernel.shutdown();
    }

    @Test
    void scalarsOfEverySizeArriveAndTheSumComesBack() {
        long[] sum = new long[1];
        assertEquals(KERN_SUCCESS, stub.migtestScalars(service, (byte) -7, (short) 30000, -2_000_000_000,
                1L << 40, sum));
        assertEquals(-7 + 30000 - 2_000_000_000L + (1L << 40), sum[0]);
    }

    @Test
    void inlineArraysStructsAndFixedArraysTravelBothWays() {
        int[][] reversed = new int[1][];
        int[][] doubled = new int[1][];
        long[][] swapped = new long[1][];
        int[] words = new int[64];
        for (int i = 0; i < words.length; i++) {
            words[i] = i * 3;
        }
        assertEquals(KERN_SUCCESS, stub.migtestArrays(service, words, new int[] {1, 2, 3, 4},
                new long[] {10, 20, 30}, reversed, doubled, swapped));
        assertEquals(64, reversed[0].length);
        assertEquals(63 * 3, reversed[0][0]);
        assertArrayEquals(new int[] {2, 4, 6, 8}, doubled[0]);
        assertArrayEquals(new long[] {30, 10}, swapped[0]);
        // A short fixed array is padded with zeros, as a C array would be.
        assertEquals(KERN_SUCCESS, stub.migtestArrays(service, new int[0], new int[] {5}, new long[0], reversed,
                doubled, swapped));
        assertArrayEquals(new int[0], reversed[0]);
        assertArrayEquals(new int[] {10, 0, 0, 0}, doubled[0]);
    }

    @Test
    void outOfLineDataMovesThroughTaskMemoryAndIsReleased() {
        byte[] data = new byte[3 * 4096 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        byte[][] back = new byte[1][];
        int[][] squares = new int[1][];
        assertEquals(KERN_SUCCESS, stub.migtestOol(service, data, back, squares));
        for (int i = 0; i < data.length; i++) {
            assertEquals((byte) ~data[i], back[0][i]);
        }
        assertArrayEquals(new int[] {0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121}, squares[0]);
        // Empty out-of-line data is a null address, both ways.
        assertEquals(KERN_SUCCESS, stub.migtestOol(service, new byte[0], back, squares));
        assertEquals(0, back[0].length);
        assertEquals(0, squares[0].length);
    }

    @Test
    void fixedAndVariableCStrings() {
        String[] greeting = new String[1];
        String[] upper = new String[1];
        assertEquals(KERN_SUCCESS, stub.migtestStrings(service, "mach", "messages all the way down", greeting,
                upper));
        assertEquals("hello, mach: messages all the way down", greeting[0]);
        assertEquals("MACH", upper[0]);
        assertEquals(MIG_ARRAY_TOO_LARGE, stub.migtestStrings(service, "x".repeat(32), "", greeting, upper));
    }

    @Test
    void countInOutSendsTheCapacityAndFillsTheCallersBuffer() {
        int[] values = new int[10];
        int[] count = {10};
        assertEquals(KERN_SUCCESS, stub.migtestCountinout(service, 5, values, count));
        assertEquals(5, count[0]);
        assertArrayEquals(new int[] {100, 101, 102, 103, 104, 0, 0, 0, 0, 0}, values);
        count[0] = 3;
        assertEquals(KERN_SUCCESS, stub.migtestCountinout(service, 50, values, count));
        assertEquals(3, count[0], "the server sees the caller's capacity");
    }

    @Test
    void inoutValuesComeBackChanged() {
        int[] counter = {41};
        short[][] list = {{7, 8}};
        assertEquals(KERN_SUCCESS, stub.migtestInout(service, counter, list));
        assertEquals(42, counter[0]);
        assertArrayEquals(new short[] {7, 8, 2}, list[0]);
        assertEquals(MIG_ARRAY_TOO_LARGE, stub.migtestInout(service, counter, new short[][] {new short[9]}));
    }

    @Test
    void portRightsMoveInAndComeBack() {
        int[] mine = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortAllocate(self.machTaskSelf(), MACH_PORT_RIGHT_RECEIVE,
                mine));
        int[] serviceBack = new int[1];
        int[] echoed = new int[1];
        int[] echoedPoly = new int[1];
        int[] refsBefore = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortGetRefs(self.machTaskSelf(), service,
                MACH_PORT_RIGHT_SEND, refsBefore));
        assertEquals(KERN_SUCCESS, stub.migtestPorts(service, mine[0], mine[0], MACH_MSG_TYPE_MAKE_SEND,
                serviceBack, echoed, echoedPoly));
        // The send-once right reached the server, which used it.
        MachMessage token = new MachMessage(64);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(token, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, 64, mine[0], 5000,
                MACH_PORT_NULL));
        assertEquals(MigtestImpl.TOKEN_ID, token.msghId());
        // The server's send right to its own port comes back under the client's name for it.
        assertEquals(service, serviceBack[0]);
        int[] refsAfter = new int[1];
        assertEquals(KERN_SUCCESS, self.machPort().machPortGetRefs(self.machTaskSelf(), service,
                MACH_PORT_RIGHT_SEND, refsAfter));
        assertEquals(refsBefore[0] + 1, refsAfter[0]);
        // The polymorphic send right made from the client's receive right comes back as a send right to it.
        assertEquals(mine[0], echoed[0]);
        assertEquals(MACH_MSG_TYPE_PORT_SEND, echoedPoly[0]);
    }

    @Test
    void simpleroutinesSendOnlyAndSeqnosCount() {
        assertEquals(MACH_MSG_SUCCESS, stub.migtestOneway(service, 5));
        int[] first = new int[1];
        int[] second = new int[1];
        assertEquals(KERN_SUCCESS, stub.migtestSeqno(service, first));
        assertEquals(KERN_SUCCESS, stub.migtestSeqno(service, second));
        assertEquals(1, first[0], "the oneway message took seqno 0");
        assertEquals(first[0] + 1, second[0]);
    }

    @Test
    void aRoutinesErrorIsTheStubsResult() {
        assertEquals(KERN_INVALID_ARGUMENT, stub.migtestFail(service, KERN_INVALID_ARGUMENT));
        assertEquals(KERN_SUCCESS, stub.migtestFail(service, KERN_SUCCESS));
    }

    @Test
    void aDeferredReplyArrivesLaterOrTimesOutOrDies() throws Exception {
        // Answered later, by the server's own hand, from another client thread's poke.
        CompletableFuture<int[]> waiting = new CompletableFuture<>();
        clientTask.threadCreate("waiter", t -> {
            int[] result = new int[1];
            int kr = new MigtestUser(t.mig()).migtestDeferred(service, 10_000, 30, result);
            waiting.complete(new int[] {kr, result[0]});
        });
        int poke = self.machReplyPort();
        for (int i = 0; i < 1000 && !waiting.isDone(); i++) {
            assertEquals(MACH_MSG_SUCCESS, stub.migtestPoke(service, poke, 12));
            try {
                int[] r = waiting.get(20, TimeUnit.MILLISECONDS);
                assertEquals(KERN_SUCCESS, r[0]);
                assertEquals(42, r[1]);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // The poke came before the request; poke again.
            }
        }
        assertEquals(KERN_SUCCESS, waiting.get(5, TimeUnit.SECONDS)[0]);
        // Not answered: the stub's waittime ends the wait.
        int[] result = new int[1];
        assertEquals(MACH_RCV_TIMED_OUT, stub.migtestDeferred(service, 50, 1, result));
        // Answered by the death of the reply right: MIG_SERVER_DIED.
        CompletableFuture<Integer> dies = new CompletableFuture<>();
        clientTask.threadCreate("waiter 2", t -> dies.complete(
                new MigtestUser(t.mig()).migtestDeferred(service, 10_000, 1, new int[1])));
        for (int i = 0; i < 1000 && !dies.isDone(); i++) {
            stub.migtestPoke(service, poke, -1);
            try {
                assertEquals(MIG_SERVER_DIED, dies.get(20, TimeUnit.MILLISECONDS));
            } catch (java.util.concurrent.TimeoutException notYet) {
                // Poke again.
            }
        }
        assertEquals(MIG_SERVER_DIED, dies.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailedRoutinesRequestIsDestroyedAndAKeptRightStays() {
        int[] mine = new int[1];
        MachPortUser port = self.machPort();
        assertEquals(KERN_SUCCESS, port.machPortAllocate(self.machTaskSelf(), MACH_PORT_RIGHT_RECEIVE, mine));
        assertEquals(KERN_SUCCESS, port.machPortInsertRight(self.machTaskSelf(), mine[0], mine[0],
                MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(0, serverSendRights());
        for (int i = 0; i < 3; i++) {
            assertEquals(KERN_INVALID_ARGUMENT, stub.migtestTake(service, mine[0], KERN_INVALID_ARGUMENT));
        }
        assertEquals(0, serverSendRights(), "the server loop released the rights of failed requests");
        assertEquals(KERN_SUCCESS, stub.migtestTake(service, mine[0], KERN_SUCCESS));
        assertEquals(1, serverSendRights(), "a routine that succeeds owns what it was sent");
    }

    @Test
    void aReplyThatDoesNotTypeCheckIsDestroyedWithTheRightsItBrought() throws Exception {
        // A second service whose server answers migtest_scalars with a port right, not an int64.
        MachPortUser port = self.machPort();
        int[] name = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortAllocate(serverInClient, MACH_PORT_RIGHT_RECEIVE, name));
        int rogue = name[0];
        int[] send = new int[1];
        int[] poly = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortExtractRight(serverInClient, rogue, MACH_MSG_TYPE_MAKE_SEND, send, poly));
        CompletableFuture<Integer> answered = new CompletableFuture<>();
        serverTask.threadCreate("rogue", t -> {
            MachMessage m = new MachMessage(256);
            int mr = t.machMsg(m, MACH_RCV_MSG, 0, 256, rogue, 0, MACH_PORT_NULL);
            if (mr == MACH_MSG_SUCCESS) {
                MachMessage reply = new MachMessage(256);
                MigServer.replyHeader(m, reply);
                reply.putInteger32(KERN_SUCCESS).putPort(rogue, MACH_MSG_TYPE_MAKE_SEND);
                mr = t.machMsg(reply, MACH_SEND_MSG, reply.endBody(), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
            }
            answered.complete(mr);
        });
        int[] refs = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortGetRefs(self.machTaskSelf(), send[0], MACH_PORT_RIGHT_SEND, refs));
        assertEquals(1, refs[0]);
        assertEquals(MIG_TYPE_ERROR, stub.migtestScalars(send[0], (byte) 1, (short) 2, 3, 4, new long[1]));
        assertEquals(MACH_MSG_SUCCESS, answered.get(5, TimeUnit.SECONDS));
        assertEquals(KERN_SUCCESS, port.machPortGetRefs(self.machTaskSelf(), send[0], MACH_PORT_RIGHT_SEND, refs));
        assertEquals(1, refs[0], "the send right the reply brought was released");
    }

    /** How many names of the server's space hold send rights. */
    private int serverSendRights() {
        int[][] names = new int[1][];
        int[][] types = new int[1][];
        assertEquals(KERN_SUCCESS, self.machPort().machPortNames(serverInClient, names, types));
        int n = 0;
        for (int t : types[0]) {
            n += (t & MACH_PORT_TYPE_SEND) != 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void unknownIdsAndMalformedRequestsGetMigsCodes() {
        int reply = self.machReplyPort();
        MachMessage m = new MachMessage(128);
        // 7007 is a skip: MIG_BAD_ID.
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), service, reply, 7007);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, m.endBody(), 128, reply, 0,
                MACH_PORT_NULL));
        assertEquals(7107, m.msghId());
        assertEquals(MIG_BAD_ID, m.buffer().getInt(MachMsgServer.RET_CODE_OFFSET));
        // migtest_scalars with a 32-bit first argument: MIG_BAD_ARGUMENTS.
        m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), service, reply,
                MigtestIds.MIGTEST_SCALARS);
        m.putInteger32(1, 2, 3, 4);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, m.endBody(), 128, reply, 0,
                MACH_PORT_NULL));
        assertEquals(MigtestIds.MIGTEST_SCALARS + 100, m.msghId());
        assertEquals(MigServer.REPLY_HEADER_SIZE, m.msghSize());
        assertEquals(MIG_BAD_ARGUMENTS, m.buffer().getInt(MachMsgServer.RET_CODE_OFFSET));
        // A too-long array never leaves the client.
        assertEquals(MIG_ARRAY_TOO_LARGE, stub.migtestArrays(service, new int[65], new int[4], new long[3],
                new int[1][], new int[1][], new long[1][]));
    }
}
