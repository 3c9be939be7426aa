package org.jmach.itests;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgItems;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.MachTraps;

/**
 * IPC from a bundle, through the exported API only: a task with a server
 * thread blocked with a continuation, and a client thread calling it.
 */
final class IpcChecks {

    static final String TASK = "itest-echo";

    private IpcChecks() {
    }

    /**
     * Starts, in task {@code id}, a server thread that answers each request
     * carrying an INTEGER_32 with twice its value (MachMsgServer with a
     * continuation); returns its port's name in that task.
     */
    static int startDoublingServer(MachNativeTasks tasks, int id) throws Exception {
        CompletableFuture<Integer> service = new CompletableFuture<>();
        assertEquals(KERN_SUCCESS, tasks.threadCreate(id, "server", t -> {
            int[] name = new int[1];
            t.machPort().machPortAllocate(t.machTaskSelf(), MACH_PORT_RIGHT_RECEIVE, name);
            service.complete(name[0]);
            MachMsgServer.machMsgServerContinue(t, (request, reply) -> {
                MachMsgItems items = request.items();
                items.next();
                reply.putInteger32(items.integer32(0) * 2).endBody();
                return true;
            }, 128, name[0]);
        }));
        return service.get(30, TimeUnit.SECONDS);
    }

    /** Starts the server and makes 10 RPCs; returns the task id (the task stays for the console to show). */
    static int serveAndCall(MachNativeTasks tasks) throws Exception {
        int id = tasks.taskCreate(TASK);
        int port = startDoublingServer(tasks, id);
        CompletableFuture<Integer> sum = new CompletableFuture<>();
        assertEquals(KERN_SUCCESS, tasks.threadCreate(id, "client", t -> sum.complete(callTenTimes(t, port))));
        assertEquals(2 * 45, (int) sum.get(30, TimeUnit.SECONDS));
        return id;
    }

    private static int callTenTimes(MachTraps t, int port) {
        int reply = t.machReplyPort();
        int total = 0;
        MachMessage m = new MachMessage(128);
        for (int i = 0; i < 10; i++) {
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), port, reply, 700);
            int size = m.putInteger32(i).endBody();
            int mr = t.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, size, 128, reply, 0, 0);
            if (mr != MACH_MSG_SUCCESS || m.msghId() != 800) {
                return -1;
            }
            MachMsgItems items = m.items();
            items.next();
            total += items.integer32(0);
        }
        return total;
    }

    /** mach:ports on the task shows its receive rights with their queues. */
    static void assertPortsShowTheServer(String output) {
        TaskChecks.assertPortsTable(output);
        assertTrue(output, output.contains("receive"));
    }
}
