package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_NAME;
import static org.jmach.mach.KernReturn.KERN_INVALID_RIGHT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_HEADER;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_MEMORY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_REPLY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_RIGHT;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_TYPE;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_MSG_TOO_SMALL;
import static org.jmach.mach.Message.MACH_MSGH_BITS_CIRCULAR;
import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSGH_BITS_PORTS_MASK;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_RECEIVE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_SIZE;
import static org.jmach.mach.Message.MSGT_DEALLOCATE;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.MSGT_NAME_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_SHIFT;
import static org.jmach.mach.Message.MSGT_UNUSED_MASK;
import static org.jmach.mach.Message.PORT_NAME_T_SIZE_IN_BITS;
import static org.jmach.mach.Message.PORT_T_SIZE_IN_BITS;
import static org.jmach.mach.Message.machMsgAlign;
import static org.jmach.mach.Message.machMsgTypePortAny;
import static org.jmach.mach.Message.machMsgTypePortAnySend;
import static org.jmach.mach.Port.MACH_PORT_DEAD;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND_ONCE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Copying a message in (GNU Mach's {@code ipc_kmsg_copyin}): the header's
 * destination and reply rights, then each typed item of a complex body —
 * rights taken from the sender's space by disposition, out-of-line data and
 * out-of-line port names read from the sender's memory.
 *
 * <p>All or nothing: when any part fails, every right already taken is put
 * back ({@link IpcUndo}) and the sender's memory is untouched, so a failed
 * send consumes nothing. (GNU Mach keeps the header atomic but may consume
 * body rights on a body error; jmach keeps the whole copyin atomic.)
 *
 * <p>Conditions: the IPC lock held; the kmsg's bytes and header fields
 * filled from the sender's buffer.
 */
final class IpcKmsgCopyin {

    /** Largest out-of-line region one item may carry (1 GiB). */
    static final long OOL_MAX = 1L << 30;

    /** The stride of {@link #probe}: the smallest page size jmach uses. */
    private static final long PROBE_STRIDE = 4096;

    private IpcKmsgCopyin() {
    }

    /**
     * Routine: ipc_kmsg_copyin.
     *
     * <p>Returns: MACH_MSG_SUCCESS; MACH_SEND_INVALID_HEADER for bits the
     * user may not set or dispositions that are not send dispositions;
     * MACH_SEND_INVALID_DEST if the destination is not a right the
     * disposition can use; MACH_SEND_INVALID_REPLY likewise for the reply
     * port; MACH_SEND_MSG_TOO_SMALL if the body ends inside an item;
     * MACH_SEND_INVALID_TYPE for a malformed type descriptor;
     * MACH_SEND_INVALID_MEMORY for out-of-line data the sender cannot read;
     * MACH_SEND_INVALID_RIGHT for a port right in the body the sender does
     * not hold.
     */
    static int copyin(Ipc ipc, IpcSpace space, IpcMemory memory, IpcKmsg kmsg) {
        int bits = kmsg.bits;
        if ((bits & ~(MACH_MSGH_BITS_COMPLEX | MACH_MSGH_BITS_PORTS_MASK)) != 0) {
            return MACH_SEND_INVALID_HEADER;
        }
        int destType = bits & 0xff;
        int replyType = (bits >>> 8) & 0xff;
        ByteBuffer b = ByteBuffer.wrap(kmsg.bytes).order(ByteOrder.LITTLE_ENDIAN);
        int destName = b.getInt(org.jmach.mach.Message.MSGH_REMOTE_PORT_OFFSET);
        int replyName = b.getInt(org.jmach.mach.Message.MSGH_LOCAL_PORT_OFFSET);
        if (!machMsgTypePortAnySend(destType)
                || (replyType == 0 ? replyName != MACH_PORT_NULL : !machMsgTypePortAnySend(replyType))) {
            return MACH_SEND_INVALID_HEADER;
        }
        if (!space.active || destName == MACH_PORT_NULL || destName == MACH_PORT_DEAD) {
            return MACH_SEND_INVALID_DEST;
        }
        boolean complex = (bits & MACH_MSGH_BITS_COMPLEX) != 0;
        boolean replyValid = replyName != MACH_PORT_NULL && replyName != MACH_PORT_DEAD;
        boolean sameName = replyValid && replyName == destName;
        // GNU Mach's order: an unknown destination; then the reply, checked without
        // change; then the destination's right; then the reply's.
        if (replyValid) {
            if (space.lookup(destName) == null) {
                return MACH_SEND_INVALID_DEST;
            }
            if (check(space, replyName, replyType) != KERN_SUCCESS) {
                return MACH_SEND_INVALID_REPLY;
            }
            if (sameName && (destType == MACH_MSG_TYPE_MOVE_SEND_ONCE || replyType == MACH_MSG_TYPE_MOVE_SEND_ONCE)) {
                return MACH_SEND_INVALID_DEST; // one send-once right cannot be both
            }
        }
        // dest == reply, move-send and copy-send: copy first, so that a single user
        // reference serves both (the message carries two send rights either way).
        int destDisposition = destType;
        int replyDisposition = replyType;
        if (sameName && destType == MACH_MSG_TYPE_MOVE_SEND && replyType == MACH_MSG_TYPE_COPY_SEND) {
            destDisposition = MACH_MSG_TYPE_COPY_SEND;
            replyDisposition = MACH_MSG_TYPE_MOVE_SEND;
        }
        IpcUndo undo = complex || sameName ? new IpcUndo() : null;
        IpcObject[] out = new IpcObject[1];
        if (IpcRight.copyin(ipc, space, destName, destDisposition, false, undo, out) != KERN_SUCCESS) {
            return MACH_SEND_INVALID_DEST;
        }
        IpcObject dest = out[0];
        IpcObject reply = replyName == MACH_PORT_DEAD ? IpcObject.DEAD : null;
        if (replyValid) {
            if (IpcRight.copyin(ipc, space, replyName, replyDisposition, true, undo, out) != KERN_SUCCESS) {
                if (undo != null) {
                    undo.rollback();
                }
                // The reply was checked: only the destination's copyin of the same name can have used it up.
                return sameName ? MACH_SEND_INVALID_DEST : MACH_SEND_INVALID_REPLY;
            }
            reply = out[0];
        }
        kmsg.remotePort = dest;
        kmsg.localPort = reply;
        kmsg.bits = (bits & MACH_MSGH_BITS_COMPLEX)
                | IpcRight.copyinType(destType) | (replyType == 0 ? 0 : IpcRight.copyinType(replyType) << 8);
        if (!complex) {
            if (undo != null) {
                undo.commit(); // the deferred notifications (port-deleted) of dest == reply
            }
            return MACH_MSG_SUCCESS;
        }
        List<long[]> deallocations = new ArrayList<>(0);
        List<org.jmach.vm.spi.MapCopy> copies = new ArrayList<>(0);
        int mr = copyinBody(ipc, space, memory, kmsg, b, undo, deallocations, copies);
        if (mr != MACH_MSG_SUCCESS) {
            copies.forEach(org.jmach.vm.spi.MapCopy::discard);
            undo.rollback();
            kmsg.remotePort = null;
            kmsg.localPort = null;
            kmsg.items = null;
            return mr;
        }
        undo.commit();
        for (long[] range : deallocations) {
            memory.deallocate(range[0], range[1]);
        }
        return MACH_MSG_SUCCESS;
    }

    /** Whether {@code name} holds what {@code disposition} needs, changing nothing. */
    private static int check(IpcSpace space, int name, int disposition) {
        IpcEntry entry = IpcRight.lookup(space, name);
        if (entry == null) {
            return KERN_INVALID_NAME;
        }
        boolean dead = entry.has(MACH_PORT_TYPE_DEAD_NAME);
        boolean ok = switch (disposition) {
            case MACH_MSG_TYPE_MOVE_SEND, MACH_MSG_TYPE_COPY_SEND -> dead || entry.has(MACH_PORT_TYPE_SEND);
            case MACH_MSG_TYPE_MOVE_SEND_ONCE -> dead || entry.has(MACH_PORT_TYPE_SEND_ONCE);
            default -> entry.has(MACH_PORT_TYPE_RECEIVE);
        };
        return ok ? KERN_SUCCESS : KERN_INVALID_RIGHT;
    }

    private static int copyinBody(Ipc ipc, IpcSpace space, IpcMemory memory, IpcKmsg kmsg,
            ByteBuffer b, IpcUndo undo, List<long[]> deallocations, List<org.jmach.vm.spi.MapCopy> copies) {
        List<IpcKmsg.Item> items = new ArrayList<>();
        IpcPort dest = (IpcPort) kmsg.remotePort;
        int saddr = MACH_MSG_HEADER_SIZE;
        int eaddr = kmsg.size;
        boolean complex = false;
        IpcObject[] out = new IpcObject[1];
        while (saddr < eaddr) {
            if (eaddr - saddr < MACH_MSG_TYPE_SIZE) {
                return MACH_SEND_MSG_TOO_SMALL;
            }
            int word = b.getInt(saddr);
            long number = b.getInt(saddr + 4) & 0xffffffffL;
            int name = word & MSGT_NAME_MASK;
            int size = (word >>> MSGT_SIZE_SHIFT) & MSGT_SIZE_MASK;
            boolean inline = (word & MSGT_INLINE) != 0;
            boolean dealloc = (word & MSGT_DEALLOCATE) != 0;
            boolean isPort = machMsgTypePortAny(name);
            if ((isPort && !inline && size != PORT_NAME_T_SIZE_IN_BITS)
                    || (isPort && inline && size != PORT_T_SIZE_IN_BITS)
                    || (word & MSGT_UNUSED_MASK) != 0 || (dealloc && inline)) {
                return MACH_SEND_INVALID_TYPE;
            }
            IpcKmsg.Item item = new IpcKmsg.Item();
            item.descriptorOffset = saddr;
            item.name = name;
            item.sizeBits = size;
            item.number = (int) number;
            item.inline = inline;
            saddr += MACH_MSG_TYPE_SIZE;
            item.dataOffset = saddr;
            long length = (number * size + 7) >>> 3;
            int[] names = null;
            if (inline) {
                if (eaddr - saddr < length) {
                    return MACH_SEND_MSG_TOO_SMALL;
                }
                if (isPort) {
                    names = new int[(int) number];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = b.getInt(saddr + 8 * i);
                    }
                }
                saddr += (int) length;
            } else {
                if (eaddr - saddr < 8) {
                    return MACH_SEND_MSG_TOO_SMALL;
                }
                long addr = b.getLong(saddr);
                if (!isPort && !dest.isKernelPort()) {
                    // Between tasks, data moves by mapping: a copy-on-write snapshot now.
                    org.jmach.vm.spi.MapCopy copy = length == 0 ? null : memory.copyin(addr, length);
                    if (length > 0 && copy == null) {
                        return MACH_SEND_INVALID_MEMORY;
                    }
                    item.copy = copy;
                    if (copy != null) {
                        copies.add(copy);
                    }
                    if (dealloc && length > 0) {
                        deallocations.add(new long[] {addr, length});
                    }
                    items.add(item);
                    complex = true;
                    saddr += 8;
                    continue;
                }
                if (length > OOL_MAX || (length > 0 && !probe(memory, addr, length))) {
                    return invalidMemory(memory, kmsg, addr, length);
                }
                byte[] data = new byte[(int) length];
                if (length > 0 && !memory.read(addr, data, 0, data.length)) {
                    return invalidMemory(memory, kmsg, addr, length);
                }
                if (isPort) {
                    ByteBuffer nb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                    names = new int[(int) number];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = nb.getInt(4 * i);
                    }
                } else {
                    item.data = data;
                }
                if (dealloc && length > 0) {
                    deallocations.add(new long[] {addr, length});
                }
                saddr += 8;
                complex = true;
            }
            if (isPort) {
                item.name = IpcRight.copyinType(name);
                item.rights = new IpcObject[names.length];
                for (int i = 0; i < names.length; i++) {
                    int n = names[i];
                    if (n == MACH_PORT_NULL || n == MACH_PORT_DEAD) {
                        item.rights[i] = n == MACH_PORT_DEAD ? IpcObject.DEAD : null;
                        continue;
                    }
                    if (IpcRight.copyin(ipc, space, n, name, true, undo, out) != KERN_SUCCESS) {
                        return MACH_SEND_INVALID_RIGHT;
                    }
                    item.rights[i] = out[0];
                    if (item.name == MACH_MSG_TYPE_PORT_RECEIVE && circular((IpcPort) out[0], dest)) {
                        kmsg.bits |= MACH_MSGH_BITS_CIRCULAR;
                    }
                }
                complex = true;
            }
            items.add(item);
            saddr = machMsgAlign(saddr);
        }
        if (!complex) {
            kmsg.bits &= ~MACH_MSGH_BITS_COMPLEX;
        }
        kmsg.items = items.toArray(new IpcKmsg.Item[0]);
        return MACH_MSG_SUCCESS;
    }

    /**
     * A read of the sender's memory failed: MACH_SEND_INVALID_MEMORY if the
     * range is not mapped readable; {@link #MACH_SEND_FAULT_FIRST} if a page
     * is only not at hand (its manager has it), with the page in
     * {@link IpcKmsg#faultAddress}, so that the sender faults it in with no
     * lock held and sends again.
     */
    private static int invalidMemory(IpcMemory memory, IpcKmsg kmsg, long addr, long length) {
        long page = length > OOL_MAX ? -1 : memory.pendingFault(addr, length);
        if (page < 0) {
            return MACH_SEND_INVALID_MEMORY;
        }
        kmsg.faultAddress = page;
        return MACH_SEND_FAULT_FIRST;
    }

    /**
     * Not a Mach code: copyin needs a page the sender's memory manager
     * holds; nothing was consumed, and the send is tried again after the
     * sender faults the page in (the IPC lock is never held across a wait
     * for a manager).
     */
    static final int MACH_SEND_FAULT_FIRST = -2;

    /**
     * Whether [addr, addr + length) may be readable, tried one byte every
     * {@link #PROBE_STRIDE} bytes before a buffer is allocated for the copy:
     * a huge region at a bad address then costs nothing. False for a range
     * below zero or wrapping around. The copy's own read still decides.
     */
    private static boolean probe(IpcMemory memory, long addr, long length) {
        long end = addr + length;
        if (addr < 0 || end < addr) {
            return false;
        }
        byte[] one = new byte[1];
        for (long a = addr; a < end; a = (a | (PROBE_STRIDE - 1)) + 1) {
            if (!memory.read(a, one, 0, 1)) {
                return false;
            }
        }
        return memory.read(end - 1, one, 0, 1);
    }

    /**
     * Routine: ipc_port_check_circularity. Whether sending the receive right
     * of {@code port} to {@code dest} would make it reach itself: dest is
     * the port, or travels (in transit) toward it.
     */
    static boolean circular(IpcPort port, IpcPort dest) {
        for (IpcPort p = dest; p != null; p = p.receiver == null ? p.destination : null) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }
}
