package org.jmach.kernel.ipc;

import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jmach.kernel.kern.Thread;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachMsgServer;
import org.junit.jupiter.api.Test;

/** libmach's server loop, blocking and with continuations, serving an "add one" RPC. */
class MachMsgServerTest extends IpcTestBase {

    private static final MachMsgServer.Demux ADD_ONE = (request, reply) -> {
        if (request.msghId() != 500) {
            return false;
        }
        MachMsgItems items = request.items();
        items.next();
        reply.putInteger32(items.integer32(0) + 1).endBody();
        return true;
    };

    private int call(int service, int reply, int value) {
        MachMessage m = new MachMessage(128);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), service, reply, 500);
        int size = m.putInteger32(value).endBody();
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, size, 128, reply, 0, 0));
        assertEquals(600, m.msghId());
        MachMsgItems items = m.items();
        assertTrue(items.next());
        return items.integer32(0);
    }

    @Test
    void blockingServerAnswersEveryRequest() throws Exception {
        int service = allocateReceive();
        CompletableFuture<Integer> end = new CompletableFuture<>();
        Thread server = taskA.threadCreate("server",
                t -> end.complete(MachMsgServer.machMsgServer(t, ADD_ONE, 128, service)));
        int reply = self.machReplyPort();
        for (int i = 0; i < 50; i++) {
            assertEquals(i + 1, call(service, reply, i));
        }
        awaitBlocked(server);
        // The port's death ends the loop.
        port.machPortDestroy(task, service);
        assertEquals(org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_DIED, end.get(5, TimeUnit.SECONDS));
    }

    @Test
    void continuationServerRunsOnTheCallersProcessor() throws Exception {
        int service = allocateReceive();
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread server = taskA.threadCreate("server",
                t -> started.complete(MachMsgServer.machMsgServerContinue(t, ADD_ONE, 128, service)));
        assertEquals(MACH_RCV_IN_PROGRESS, started.get(5, TimeUnit.SECONDS));
        server.join();
        assertTrue(server.waitsWithContinuation(), "the server waits with no Java thread");
        int reply = self.machReplyPort();
        for (int i = 0; i < 50; i++) {
            assertEquals(i * 2 + 1, call(service, reply, i * 2));
        }
        assertTrue(server.waitsWithContinuation());
        // thread_abort interrupts the wait; the loop, like libmach's mach_msg, waits again and serves on.
        server.abort();
        for (int i = 0; i < 5000 && !server.waitsWithContinuation(); i++) {
            java.lang.Thread.sleep(1);
        }
        assertEquals(101, call(service, reply, 100));
        // The port's death ends the loop, and with it the thread.
        port.machPortDestroy(task, service);
        for (int i = 0; i < 5000 && !server.isTerminated(); i++) {
            java.lang.Thread.sleep(1);
        }
        assertTrue(server.isTerminated());
    }
}
