package org.jmach.kernel.ipc;

import static org.jmach.mach.MachMsgReturn.MIG_NO_REPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MigMemory;
import org.jmach.mach.NotifyServer;
import org.jmach.mach.NotifyServerDemux;

/**
 * Reads a kernel notification with the demux MIG generates from
 * notify.defs, as a user-level server would: the kernel's messages must be
 * exactly the ones notify.defs describes, or the demux's type checks refuse
 * them.
 */
final class NotifyDecoder implements NotifyServer {

    /** What the demux called: the notification's id, its notify port, its one value (0 for send-once). */
    record Call(int id, int notifyPort, int value) {
    }

    private Call call;

    /** Runs {@code notification} (left untouched) through NotifyServerDemux; returns the call it made. */
    static Call decode(MachMessage notification, MigMemory memory) {
        ByteBuffer copy = ByteBuffer.allocate(notification.capacity());
        copy.put(0, notification.buffer(), 0, notification.capacity());
        MachMessage request = new MachMessage(copy);
        MachMessage reply = new MachMessage(NotifyServerDemux.MSG_SIZE_MAX);
        NotifyDecoder decoder = new NotifyDecoder();
        assertTrue(NotifyServerDemux.notifyServer(decoder, memory, request, reply),
                () -> "notify.defs has no routine " + notification.msghId());
        assertEquals(MIG_NO_REPLY, reply.buffer().getInt(MachMsgServer.RET_CODE_OFFSET),
                "every notification is a simpleroutine, and its arguments type-check");
        return decoder.call;
    }

    @Override
    public int doMachNotifyPortDeleted(int notify, int name) {
        return record(0101, notify, name);
    }

    @Override
    public int doMachNotifyMsgAccepted(int notify, int name) {
        return record(0102, notify, name);
    }

    @Override
    public int doMachNotifyPortDestroyed(int notify, int rights) {
        return record(0105, notify, rights);
    }

    @Override
    public int doMachNotifyNoSenders(int notify, int mscount) {
        return record(0106, notify, mscount);
    }

    @Override
    public int doMachNotifySendOnce(int notify) {
        return record(0107, notify, 0);
    }

    @Override
    public int doMachNotifyDeadName(int notify, int name) {
        return record(0110, notify, name);
    }

    private int record(int id, int notify, int value) {
        call = new Call(id, notify, value);
        return 0;
    }
}
