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

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MigMemory;

/**
 * A request to a kernel port while the kernel serves it (the kmsg GNU
 * Mach's {@code ipc_kobject_server} hands to a MIG demux, whose port fields
 * hold port pointers). The generated demux reads a {@link MachMessage} in
 * which each right and each out-of-line region the request carries is a
 * <em>handle</em>: 0 for MACH_PORT_NULL, ~0 for MACH_PORT_DEAD, else an
 * index here. The implementation {@link #take}s the rights it keeps,
 * {@link #give}s the rights its reply carries, and out-of-line data moves
 * through {@link MigMemory}. Rights nobody took are destroyed when the
 * request ends, as GNU Mach destroys a request its routine did not consume.
 *
 * <p>Conditions: made, used and ended under the IPC lock, by one thread.
 */
public final class IpcKobjectRequest implements MigMemory {

    private static final int DEAD_HANDLE = ~0;

    private final Ipc ipc;
    private final IpcPort dest;
    private final List<IpcObject> rights = new ArrayList<>();
    private final List<Integer> rightTypes = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private final List<IpcObject> replyRights = new ArrayList<>();
    private final List<byte[]> replyData = new ArrayList<>();

    IpcKobjectRequest(Ipc ipc, IpcPort dest) {
        this.ipc = ipc;
        this.dest = dest;
    }

    /** The handle of the destination port (the request port of every routine). */
    int destHandle() {
        return handle(dest, 0);
    }

    /** The kernel object behind a port handle (GNU Mach's {@code ip_kobject}), or null. */
    public Object kobject(int handle) {
        IpcObject o = object(handle);
        return o instanceof IpcPort p && p.active ? p.kobject : null;
    }

    /**
     * Takes the right a handle stands for: from now on the caller owns it
     * (one right of the type the request carried). Returns null for
     * MACH_PORT_NULL, {@link IpcObject#DEAD} for MACH_PORT_DEAD.
     */
    IpcObject take(int handle) {
        IpcObject o = object(handle);
        if (IpcObject.valid(o)) {
            rightTypes.set(handle - 1, 0);
        }
        return o;
    }

    /** The handle a reply uses to carry {@code right}, which the reply then owns. */
    int give(IpcObject right) {
        if (right == null) {
            return 0;
        }
        if (right == IpcObject.DEAD) {
            return DEAD_HANDLE;
        }
        replyRights.add(right);
        return replyRights.size();
    }

    @Override
    public long oolWrite(byte[] bytes) {
        if (bytes.length == 0) {
            return 0;
        }
        replyData.add(bytes);
        return replyData.size();
    }

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

    private IpcObject object(int handle) {
        if (handle == DEAD_HANDLE) {
            return IpcObject.DEAD;
        }
        return handle < 1 || handle > rights.size() ? null : rights.get(handle - 1);
    }

    private int handle(IpcObject o, int type) {
        if (o == null) {
            return 0;
        }
        if (o == IpcObject.DEAD) {
            return DEAD_HANDLE;
        }
        rights.add(o);
        rightTypes.add(type);
        return rights.size();
    }

    /**
     * The request as the demux reads it: the sender's bytes, with each
     * right and out-of-line region replaced by its handle and each port
     * descriptor naming the right it carries (PORT_SEND, ...). The kmsg's
     * items pass to this request.
     */
    MachMessage request(IpcKmsg kmsg) {
        byte[] bytes = new byte[Math.max(kmsg.size, MACH_MSG_HEADER_SIZE)];
        System.arraycopy(kmsg.bytes, 0, bytes, 0, Math.min(kmsg.bytes.length, bytes.length));
        MachMessage m = new MachMessage(ByteBuffer.wrap(bytes));
        m.setMsghBits(kmsg.bits).setMsghSize(kmsg.size).setMsghRemotePort(0).setMsghLocalPort(destHandle())
                .setMsghSeqno(kmsg.seqno).setMsghId(kmsg.id);
        if (kmsg.items == null) {
            return m;
        }
        ByteBuffer b = m.buffer();
        for (IpcKmsg.Item item : kmsg.items) {
            if (item.rights != null) {
                int word = b.getInt(item.descriptorOffset);
                b.putInt(item.descriptorOffset, (word & ~MSGT_NAME_MASK) | (item.name & MSGT_NAME_MASK));
                int[] handles = new int[item.rights.length];
                for (int i = 0; i < handles.length; i++) {
                    handles[i] = handle(item.rights[i], item.name);
                }
                if (item.inline) {
                    for (int i = 0; i < handles.length; i++) {
                        b.putLong(item.dataOffset + 8 * i, handles[i] & 0xffffffffL);
                    }
                } else {
                    ByteBuffer names = ByteBuffer.allocate(4 * handles.length).order(ByteOrder.LITTLE_ENDIAN);
                    for (int h : handles) {
                        names.putInt(h);
                    }
                    b.putLong(item.dataOffset, oolHandle(names.array()));
                }
            } else if (!item.inline) {
                b.putLong(item.dataOffset, oolHandle(item.data));
            }
        }
        kmsg.items = null;
        return m;
    }

    private long oolHandle(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return 0;
        }
        data.add(bytes);
        return data.size();
    }

    /** Destroys the rights of the request nobody took. */
    void end() {
        for (int i = 0; i < rights.size(); i++) {
            int type = rightTypes.get(i);
            if (type != 0) {
                rightTypes.set(i, 0);
                IpcRight.destroyCarried(ipc, rights.get(i), type);
            }
        }
    }

    /**
     * The reply the demux wrote, as a kmsg to {@code replyPort} (a right of
     * type {@code replyType}): handles become the rights and data they
     * stand for.
     */
    IpcKmsg reply(MachMessage out, IpcObject replyPort, int replyType) {
        IpcKmsg kmsg = new IpcKmsg();
        int size = out.msghSize();
        kmsg.size = size;
        kmsg.id = out.msghId();
        kmsg.remotePort = replyPort;
        kmsg.bytes = new byte[size];
        out.buffer().get(0, kmsg.bytes, 0, size);
        List<IpcKmsg.Item> items = new ArrayList<>();
        ByteBuffer b = out.buffer();
        int at = MACH_MSG_HEADER_SIZE;
        while (at + MACH_MSG_TYPE_SIZE <= size) {
            int word = b.getInt(at);
            int number = b.getInt(at + 4);
            IpcKmsg.Item item = new IpcKmsg.Item();
            item.descriptorOffset = at;
            item.dataOffset = at + MACH_MSG_TYPE_SIZE;
            item.name = word & MSGT_NAME_MASK;
            item.sizeBits = (word >>> MSGT_SIZE_SHIFT) & MSGT_SIZE_MASK;
            item.number = number;
            item.inline = (word & MSGT_INLINE) != 0;
            long length = item.inline ? ((number & 0xffffffffL) * item.sizeBits + 7) >>> 3 : 8;
            boolean port = machMsgTypePortAny(item.name);
            if (port) {
                item.name = IpcRight.copyinType(item.name);
                item.rights = new IpcObject[number];
                for (int i = 0; i < number; i++) {
                    int h = item.inline ? b.getInt(item.dataOffset + 8 * i) : replyHandle(b, item, i);
                    item.rights[i] = replyObject(h);
                }
            } else if (!item.inline) {
                long h = b.getLong(item.dataOffset);
                item.data = h >= 1 && h <= replyData.size() ? replyData.get((int) h - 1) : new byte[0];
            }
            if (port || !item.inline) {
                items.add(item);
            }
            at = machMsgAlign((int) Math.min(size, item.dataOffset + length));
        }
        kmsg.items = items.toArray(new IpcKmsg.Item[0]);
        kmsg.bits = org.jmach.mach.Message.machMsghBits(replyType, 0) | (items.isEmpty() ? 0 : MACH_MSGH_BITS_COMPLEX);
        return kmsg;
    }

    private int replyHandle(ByteBuffer b, IpcKmsg.Item item, int i) {
        long h = b.getLong(item.dataOffset);
        if (h < 1 || h > replyData.size()) {
            return 0;
        }
        return ByteBuffer.wrap(replyData.get((int) h - 1)).order(ByteOrder.LITTLE_ENDIAN).getInt(4 * i);
    }

    private IpcObject replyObject(int handle) {
        if (handle == DEAD_HANDLE) {
            return IpcObject.DEAD;
        }
        return handle >= 1 && handle <= replyRights.size() ? replyRights.get(handle - 1) : null;
    }
}
