package org.jmach.kernel.ipc;

import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgContinuation;
import org.jmach.mach.MachTraps;
import org.junit.jupiter.api.Test;

class SmokeTest extends IpcTestBase {

    @Test
    void nullRpcByHandoff() {
        int service = allocateReceive();
        int reply = self.machReplyPort();
        MachMessage serverBuf = new MachMessage(256);
        org.jmach.kernel.kern.Thread server = taskA.threadAttach("server-placeholder");
        server.detach();
        MachMsgContinuation[] cont = new MachMsgContinuation[1];
        cont[0] = (MachTraps s, MachMessage m, int result) -> {
            int r = result;
            while (r == MACH_MSG_SUCCESS) {
                int to = m.msghRemotePort();
                m.setHeader(machMsghBits(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0), to, 0, m.msghId() + 100);
                int size = m.endBody();
                r = s.machMsgContinue(m, MACH_SEND_MSG | MACH_RCV_MSG, size, 256, service, 0, 0, cont[0]);
            }
        };
        assertEquals(MACH_RCV_IN_PROGRESS,
                self.machMsgContinue(serverBuf, MACH_RCV_MSG, 0, 256, service, 0, 0, cont[0]));
        MachMessage m = new MachMessage(256);
        for (int i = 0; i < 3; i++) {
            m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), service, reply, 7);
            int size = m.endBody();
            assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG | MACH_RCV_MSG, size, 256, reply, 0, 0));
            assertEquals(107, m.msghId());
            assertEquals(reply, m.msghLocalPort());
        }
    }

    @Test
    void aContinuationThatThrowsEndsItsThreadNotTheSender() throws Exception {
        int service = allocateReceive();
        org.jmach.kernel.kern.Thread server = taskA.threadCreate("faulty", t ->
                t.machMsgContinue(new MachMessage(64), MACH_RCV_MSG, 0, 64, service, 0, 0, (s, m, r) -> {
                    throw new IllegalStateException("server bug");
                }));
        server.join();
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MAKE_SEND, 0), service, 0, 1);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, 0, 0, 0));
        org.junit.jupiter.api.Assertions.assertTrue(server.isTerminated());
    }
}
