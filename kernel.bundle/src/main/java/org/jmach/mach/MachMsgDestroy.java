package org.jmach.mach;

import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE;
import static org.jmach.mach.Message.PORT_NAME_T_SIZE_IN_BITS;
import static org.jmach.mach.Message.machMsgTypePortAny;
import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * libmach's {@code mach_msg_destroy}: releases everything a received
 * message gave its receiver, so that a message nobody will use leaks
 * nothing: the reply right in its header, each port right in its body, and
 * each out-of-line region (and the rights an out-of-line port array holds).
 * MIG's user stubs call it on a reply they reject; libmach's server loop on
 * a request whose routine failed.
 */
public final class MachMsgDestroy {

    private MachMsgDestroy() {
    }

    /**
     * Destroys what {@code msg}, as received by the thread of {@code traps},
     * carries. The header's local port (the port it came on) is not a right
     * the message gave, and is left alone. The calls it makes are MIG
     * requests of the thread, so it reads a copy: {@code msg} may be the
     * buffer of the very stubs it calls.
     */
    public static void machMsgDestroy(MachTraps traps, MachMessage received) {
        int size = Math.min(received.msghSize(), received.capacity());
        ByteBuffer copy = ByteBuffer.allocate(Math.max(size, Message.MACH_MSG_HEADER_SIZE));
        copy.put(0, received.buffer(), 0, copy.capacity());
        MachMessage msg = new MachMessage(copy);
        int task = traps.machTaskSelf();
        MachPortUser port = new MachPortUser(traps.mig().nested());
        release(port, task, msg.msghRemotePort(), Message.machMsghBitsRemote(msg.msghBits()));
        if ((msg.msghBits() & MACH_MSGH_BITS_COMPLEX) != 0) {
            MachUser mach = new MachUser(traps.mig().nested());
            MachMsgItems items = msg.items();
            while (items.next()) {
                if (items.inline()) {
                    if (items.isPort()) {
                        for (int i = 0; i < items.number(); i++) {
                            release(port, task, items.portName(i), items.name());
                        }
                    }
                    continue;
                }
                long length = items.dataLength();
                if (items.isPort() && items.sizeBits() == PORT_NAME_T_SIZE_IN_BITS && length > 0
                        && length <= Integer.MAX_VALUE) {
                    byte[] names = new byte[(int) length];
                    if (traps.load(items.address(), names, 0, names.length) == KernReturn.KERN_SUCCESS) {
                        ByteBuffer b = ByteBuffer.wrap(names).order(ByteOrder.LITTLE_ENDIAN);
                        for (int i = 0; i < items.number(); i++) {
                            release(port, task, b.getInt(4 * i), items.name());
                        }
                    }
                }
                if (length > 0) {
                    mach.vmDeallocate(task, items.address(), length);
                }
            }
        }
        port.machPortDeallocate(task, task);
    }

    /** Releases one right of type {@code type} (a received one: PORT_RECEIVE, PORT_SEND, PORT_SEND_ONCE). */
    private static void release(MachPortUser port, int task, int name, int type) {
        if (name == MACH_PORT_NULL || name == MACH_PORT_DEAD || !machMsgTypePortAny(type)) {
            return;
        }
        if (type == MACH_MSG_TYPE_PORT_RECEIVE) {
            port.machPortModRefs(task, name, MACH_PORT_RIGHT_RECEIVE, -1);
        } else {
            port.machPortDeallocate(task, name);
        }
    }
}
