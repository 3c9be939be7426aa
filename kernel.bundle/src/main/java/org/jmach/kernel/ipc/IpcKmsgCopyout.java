package org.jmach.kernel.ipc;

import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_IPC_SPACE;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_VM_SPACE;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_BODY_ERROR;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_HEADER_ERROR;
import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MSGT_NAME_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_SHIFT;
import static org.jmach.mach.Message.PORT_NAME_T_SIZE_IN_BITS;
import static org.jmach.mach.Port.MACH_PORT_NULL;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jmach.mach.MachMessage;

/**
 * Copying a message out (GNU Mach's {@code ipc_kmsg_copyout}): rights into
 * the receiver's space, out-of-line data into newly allocated memory of the
 * receiver's task, and the bytes into the receive buffer. Also the
 * pseudo-receive of a message that could not be sent, and destroying a
 * message nobody will receive.
 *
 * <p>Conditions for every routine: the IPC lock held. Each consumes the
 * kmsg: afterwards it owns nothing.
 */
final class IpcKmsgCopyout {

    private IpcKmsgCopyout() {
    }

    /**
     * Routine: ipc_kmsg_copyout. Purpose: deliver a received message into
     * {@code space}: the reply right becomes msgh_remote_port, the
     * destination's name (if the receiver holds its receive right) becomes
     * msgh_local_port, and the send or send-once right the message carried
     * for the destination is released.
     *
     * <p>Returns: MACH_MSG_SUCCESS; MACH_RCV_HEADER_ERROR|MACH_MSG_IPC_SPACE
     * if the space is dead (the message is destroyed);
     * MACH_RCV_BODY_ERROR|MACH_MSG_VM_SPACE if out-of-line memory could not
     * be allocated (those items arrive empty).
     */
    static int copyout(Ipc ipc, IpcSpace space, IpcMemory memory, IpcKmsg kmsg, MachMessage msg) {
        if (!space.active) {
            destroy(ipc, kmsg);
            return MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE;
        }
        int destType = kmsg.bits & 0xff;
        int replyType = (kmsg.bits >>> 8) & 0xff;
        int replyName = IpcRight.copyout(ipc, space, kmsg.localPort, replyType);
        int destName = copyoutDest(ipc, space, (IpcPort) kmsg.remotePort, destType);
        int bits = (kmsg.bits & MACH_MSGH_BITS_COMPLEX) | replyType | (destType << 8);
        return writeOut(ipc, space, memory, kmsg, msg, bits, replyName, destName);
    }

    /**
     * Routine: ipc_kmsg_copyout_pseudo. Purpose: give a message that was
     * copied in but not sent back to its sender, rights and memory included;
     * the header keeps its direction.
     */
    static int copyoutPseudo(Ipc ipc, IpcSpace space, IpcMemory memory, IpcKmsg kmsg, MachMessage msg) {
        int destType = kmsg.bits & 0xff;
        int replyType = (kmsg.bits >>> 8) & 0xff;
        int destName = IpcRight.copyout(ipc, space, kmsg.remotePort, destType);
        int replyName = IpcRight.copyout(ipc, space, kmsg.localPort, replyType);
        return writeOut(ipc, space, memory, kmsg, msg, kmsg.bits, destName, replyName);
    }

    /**
     * Routine: ipc_kmsg_copyout_dest. Purpose: a received message too large
     * for the buffer: the header alone comes out (the destination's name,
     * no reply right, the bits as they would have been); everything the
     * message carried is destroyed.
     */
    static void copyoutDestOnly(Ipc ipc, IpcSpace space, IpcKmsg kmsg, MachMessage msg) {
        int destType = kmsg.bits & 0xff;
        int replyType = (kmsg.bits >>> 8) & 0xff;
        int destName = copyoutDest(ipc, space, (IpcPort) kmsg.remotePort, destType);
        // A reply right is destroyed (its name reads MACH_PORT_NULL); MACH_PORT_DEAD stays as it is.
        int replyName = kmsg.localPort == IpcObject.DEAD ? org.jmach.mach.Port.MACH_PORT_DEAD : MACH_PORT_NULL;
        IpcRight.destroyCarried(ipc, kmsg.localPort, replyType);
        destroyBody(ipc, kmsg);
        if (msg.capacity() >= MACH_MSG_HEADER_SIZE) {
            msg.setMsghBits((kmsg.bits & MACH_MSGH_BITS_COMPLEX) | replyType | (destType << 8))
                    .setMsghSize(kmsg.size).setMsghRemotePort(replyName)
                    .setMsghLocalPort(destName).setMsghSeqno(kmsg.seqno).setMsghId(kmsg.id);
        }
    }

    /** Routine: ipc_kmsg_destroy. Purpose: release everything a message carries. */
    static void destroy(Ipc ipc, IpcKmsg kmsg) {
        IpcMqueue.msgAccepted(ipc, kmsg);
        IpcRight.destroyCarried(ipc, kmsg.remotePort, kmsg.bits & 0xff);
        IpcRight.destroyCarried(ipc, kmsg.localPort, (kmsg.bits >>> 8) & 0xff);
        destroyBody(ipc, kmsg);
    }

    /** Releases the rights in a message's body only. */
    static void destroyBody(Ipc ipc, IpcKmsg kmsg) {
        if (kmsg.items == null) {
            return;
        }
        for (IpcKmsg.Item item : kmsg.items) {
            if (item.rights != null) {
                for (IpcObject o : item.rights) {
                    IpcRight.destroyCarried(ipc, o, item.name);
                }
            }
            discardCopy(item);
        }
        kmsg.items = null;
    }

    /** Releases the message's right for its destination; the receiver's name for it, or NULL. */
    private static int copyoutDest(Ipc ipc, IpcSpace space, IpcPort dest, int destType) {
        int name = dest.active && dest.receiver == space ? dest.receiverName : MACH_PORT_NULL;
        if (destType == MACH_MSG_TYPE_PORT_SEND) {
            IpcRight.releaseSend(ipc, dest);
        } else {
            dest.sorights--;
        }
        return name;
    }

    private static int writeOut(Ipc ipc, IpcSpace space, IpcMemory memory, IpcKmsg kmsg, MachMessage msg,
            int bits, int remoteName, int localName) {
        ByteBuffer out = msg.buffer();
        out.put(MACH_MSG_HEADER_SIZE, kmsg.bytes, MACH_MSG_HEADER_SIZE, kmsg.size - MACH_MSG_HEADER_SIZE);
        msg.setMsghBits(bits).setMsghSize(kmsg.size).setMsghRemotePort(remoteName)
                .setMsghLocalPort(localName).setMsghSeqno(kmsg.seqno).setMsghId(kmsg.id);
        int mr = MACH_MSG_SUCCESS;
        if (kmsg.items != null) {
            for (IpcKmsg.Item item : kmsg.items) {
                if (!copyoutItem(ipc, space, memory, item, out)) {
                    mr = MACH_RCV_BODY_ERROR | MACH_MSG_VM_SPACE;
                }
                discardCopy(item);
            }
            kmsg.items = null;
        }
        return mr;
    }

    /** Drops an item's copy-on-write pages (vm_map_copy_discard), if it still has them. */
    static void discardCopy(IpcKmsg.Item item) {
        if (item.copy != null) {
            item.copy.discard();
            item.copy = null;
        }
    }

    /** Copies out one item; false if its out-of-line memory could not be allocated. */
    private static boolean copyoutItem(Ipc ipc, IpcSpace space, IpcMemory memory, IpcKmsg.Item item,
            ByteBuffer out) {
        int word = out.getInt(item.descriptorOffset);
        int size = item.sizeBits;
        if (item.rights != null) {
            int[] names = new int[item.rights.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = IpcRight.copyout(ipc, space, item.rights[i], item.name);
            }
            if (item.inline) {
                for (int i = 0; i < names.length; i++) {
                    out.putLong(item.dataOffset + 8 * i, names[i] & 0xffffffffL);
                }
            } else {
                size = PORT_NAME_T_SIZE_IN_BITS;
                byte[] raw = new byte[4 * names.length];
                ByteBuffer rb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                for (int n : names) {
                    rb.putInt(n);
                }
                long addr = place(memory, raw);
                out.putLong(item.dataOffset, Math.max(addr, 0));
                if (addr < 0) {
                    return false;
                }
            }
        } else if (!item.inline && item.copy != null) {
            long addr = memory.copyout(item.copy);
            if (addr >= 0) {
                item.copy = null;
            }
            out.putLong(item.dataOffset, Math.max(addr, 0));
            if (addr < 0) {
                return false;
            }
        } else if (!item.inline) {
            long addr = place(memory, item.data);
            out.putLong(item.dataOffset, Math.max(addr, 0));
            if (addr < 0) {
                return false;
            }
        }
        word = (word & ~(MSGT_NAME_MASK | (MSGT_SIZE_MASK << MSGT_SIZE_SHIFT)))
                | (item.name & MSGT_NAME_MASK) | ((size & MSGT_SIZE_MASK) << MSGT_SIZE_SHIFT);
        out.putInt(item.descriptorOffset, word);
        return true;
    }

    /** Puts out-of-line bytes in new memory of the receiver; 0 for none, -1 if no room. */
    private static long place(IpcMemory memory, byte[] data) {
        if (data == null || data.length == 0) {
            return 0;
        }
        return memory.copyout(memory.copyFromBytes(data));
    }
}
