package org.jmach.kernel.ipc;

import static org.jmach.mach.Message.MACH_MSGH_BITS_COMPLEX;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_SIZE;
import static org.jmach.mach.Message.MSGT_INLINE;
import static org.jmach.mach.Message.MSGT_NAME_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_MASK;
import static org.jmach.mach.Message.MSGT_SIZE_SHIFT;
import static org.jmach.mach.Message.machMsgAlign;
import static org.jmach.mach.Message.machMsgTypePortAny;
import static org.jmach.mach.Message.machMsghBits;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MigMemory;

/**
 * A message as the kernel's MIG code sees it: where a user task has port
 * names and addresses, the kernel has handles to the rights and
 * out-of-line data the message carries, kept here. A message the kernel
 * writes (a reply to a kernel call, a notification) becomes a kmsg by
 * {@link #toKmsg}; a request the kernel reads ({@link IpcKobjectRequest})
 * keeps its rights and data here by handle. Handle 0 is MACH_PORT_NULL, ~0
 * MACH_PORT_DEAD.
 *
 * <p>Conditions: the IPC lock held; one thread. A right given to the
 * message is owned by it from then on.
 */
final class IpcKernelMessage implements MigMemory {

    static final int DEAD_HANDLE = ~0;

    private final List<IpcObject> rights = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();

    /** The handle the message uses to carry {@code right}, which the message then owns. */
    int give(IpcObject right) {
        if (right == null) {
            return 0;
        }
        if (right == IpcObject.DEAD) {
            return DEAD_HANDLE;
        }
        rights.add(right);
        return rights.size();
    }

    /** The right a handle stands for (null for MACH_PORT_NULL or an unknown handle). */
    IpcObject object(int handle) {
        if (handle == DEAD_HANDLE) {
            return IpcObject.DEAD;
        }
        return handle >= 1 && handle <= rights.size() ? rights.get(handle - 1) : null;
    }

    @Override
    public long oolWrite(byte[] bytes) {
        if (bytes.length == 0) {
            return 0;
        }
        data.add(bytes);
        return data.size();
    }

    /** The out-of-line data of handle {@code address}, if it has {@code length} bytes; else null. */
    @Override
    public byte[] oolRead(long address, long length) {
        if (length == 0) {
            return new byte[0];
        }
        if (address < 1 || address > data.size()) {
            return null;
        }
        byte[] d = data.get((int) address - 1);
        return d.length == length ? d : null;
    }

    /**
     * The kmsg of {@code out}: its bytes, its id, the header's rights (of the
     * types given, 0 for none) and a body item for each right and
     * out-of-line region, with port dispositions turned into the rights
     * they carry (PORT_SEND, ...).
     */
    IpcKmsg toKmsg(MachMessage out, IpcObject remote, int remoteType, IpcObject local, int localType) {
        IpcKmsg kmsg = new IpcKmsg();
        int size = out.msghSize();
        kmsg.size = size;
        kmsg.id = out.msghId();
        kmsg.remotePort = remote;
        kmsg.localPort = local;
        kmsg.bytes = new byte[size];
        out.buffer().get(0, kmsg.bytes, 0, size);
        List<IpcKmsg.Item> items = new ArrayList<>();
        ByteBuffer b = out.buffer();
        int at = MACH_MSG_HEADER_SIZE;
        while (at + MACH_MSG_TYPE_SIZE <= size) {
            IpcKmsg.Item item = item(b, at);
            long length = item.inline ? ((item.number & 0xffffffffL) * item.sizeBits + 7) >>> 3 : 8;
            if (item.rights != null || !item.inline) {
                items.add(item);
            }
            at = machMsgAlign((int) Math.min(size, item.dataOffset + length));
        }
        kmsg.items = items.toArray(new IpcKmsg.Item[0]);
        kmsg.bits = machMsghBits(remoteType, localType) | (items.isEmpty() ? 0 : MACH_MSGH_BITS_COMPLEX);
        return kmsg;
    }

    private IpcKmsg.Item item(ByteBuffer b, int at) {
        int word = b.getInt(at);
        IpcKmsg.Item item = new IpcKmsg.Item();
        item.descriptorOffset = at;
        item.dataOffset = at + MACH_MSG_TYPE_SIZE;
        item.name = word & MSGT_NAME_MASK;
        item.sizeBits = (word >>> MSGT_SIZE_SHIFT) & MSGT_SIZE_MASK;
        item.number = b.getInt(at + 4);
        item.inline = (word & MSGT_INLINE) != 0;
        if (machMsgTypePortAny(item.name)) {
            item.name = IpcRight.copyinType(item.name);
            item.rights = new IpcObject[item.number];
            for (int i = 0; i < item.number; i++) {
                item.rights[i] = object(item.inline ? b.getInt(item.dataOffset + 8 * i) : oolHandle(b, item, i));
            }
        } else if (!item.inline) {
            long h = b.getLong(item.dataOffset);
            item.data = h >= 1 && h <= data.size() ? data.get((int) h - 1) : new byte[0];
        }
        return item;
    }

    /** The i-th handle of an out-of-line port array (written as 32-bit names). */
    private int oolHandle(ByteBuffer b, IpcKmsg.Item item, int i) {
        long h = b.getLong(item.dataOffset);
        if (h < 1 || h > data.size()) {
            return 0;
        }
        return ByteBuffer.wrap(data.get((int) h - 1)).order(ByteOrder.LITTLE_ENDIAN).getInt(4 * i);
    }
}
