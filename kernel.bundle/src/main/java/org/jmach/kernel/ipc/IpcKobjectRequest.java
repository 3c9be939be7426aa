package org.jmach.kernel.ipc;

import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MSGT_NAME_MASK;

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

    private final Ipc ipc;
    private final IpcPort dest;
    /** The request's rights and out-of-line data, by handle. */
    private final IpcKernelMessage incoming = new IpcKernelMessage();
    /** The type each right of the request was carried as (by handle - 1); 0 once taken or not owned. */
    private final List<Integer> rightTypes = new ArrayList<>();
    private final IpcKernelMessage reply = new IpcKernelMessage();
    /** The request's reply right (its msgh_local_port), until a routine takes it; null for none. */
    private IpcObject replyPort;
    /** The type the reply right was carried as (PORT_SEND or PORT_SEND_ONCE). */
    private final int replyType;

    IpcKobjectRequest(Ipc ipc, IpcPort dest, IpcObject replyPort, int replyType) {
        this.ipc = ipc;
        this.dest = dest;
        this.replyPort = replyPort;
        this.replyType = replyType;
    }

    /**
     * Takes the request's reply right (MIG's sreplyport: the routine answers
     * later, by a kernel message of its own, and returns MIG_NO_REPLY now).
     * The caller owns it from then on, as a naked right that the answer
     * consumes. Returns null if the request has no reply right (none, a
     * dead name) or it was taken already.
     */
    public IpcNakedRight takeReply() {
        if (!(replyPort instanceof IpcPort p) || (replyType != org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND
                && replyType != org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE)) {
            return null;
        }
        replyPort = null;
        return new IpcNakedRight(p, replyType);
    }

    /** The reply right that is still the request's (null once a routine took it). */
    IpcObject replyPort() {
        return replyPort;
    }

    /** The handle of the destination port (the request port of every routine); not the request's to destroy. */
    int destHandle() {
        return handle(dest, 0);
    }

    /** The kernel object type of a port handle (GNU Mach's {@code ip_kotype}); IKOT_NONE if none. */
    public int kotype(int handle) {
        IpcObject o = incoming.object(handle);
        return o instanceof IpcPort p && p.active && p.kobject != null ? p.kotype : Ipc.IKOT_NONE;
    }

    /** The kernel object behind a port handle (GNU Mach's {@code ip_kobject}), or null. */
    public Object kobject(int handle) {
        IpcObject o = incoming.object(handle);
        return o instanceof IpcPort p && p.active ? p.kobject : null;
    }

    /**
     * Takes the right a handle stands for: from now on the caller owns it
     * (one right of the type the request carried). Returns null for
     * MACH_PORT_NULL, {@link IpcObject#DEAD} for MACH_PORT_DEAD.
     */
    IpcObject take(int handle) {
        IpcObject o = incoming.object(handle);
        if (IpcObject.valid(o)) {
            rightTypes.set(handle - 1, 0);
        }
        return o;
    }

    /** The handle a reply uses to carry {@code right}, which the reply then owns. */
    int give(IpcObject right) {
        return reply.give(right);
    }

    /**
     * Takes the send right a port argument carried (COPY_SEND or MOVE_SEND):
     * the caller owns it from now on. Returns null for MACH_PORT_NULL, for
     * a dead name, and for a handle that is not a send right (which stays
     * the request's to destroy).
     */
    public IpcPort takeSend(int handle) {
        IpcObject o = incoming.object(handle);
        if (!(o instanceof IpcPort p) || handle < 1 || handle > rightTypes.size()
                || rightTypes.get(handle - 1) != org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND) {
            return null;
        }
        take(handle);
        return p;
    }

    /**
     * Takes the send or send-once right a polymorphic port argument carried
     * (a reply_to of the memory object control routines), as a naked right
     * the caller owns from now on. Returns null for MACH_PORT_NULL, a dead
     * name, a receive right, and a handle that is not an untaken right of
     * this request (a polymorphic argument may carry a number, not a right:
     * it never names another argument's right here).
     */
    public IpcNakedRight takeNaked(int handle) {
        IpcObject o = incoming.object(handle);
        if (!(o instanceof IpcPort p) || handle < 1 || handle > rightTypes.size()) {
            return null;
        }
        int type = rightTypes.get(handle - 1);
        if (type != org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND
                && type != org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE) {
            return null;
        }
        take(handle);
        return new IpcNakedRight(p, type);
    }

    /**
     * The handle for a reply carrying a send right to {@code port}, which
     * the caller made (a special port's copy) and the reply now owns; 0
     * (MACH_PORT_NULL) for null. Conditions: the IPC lock held.
     */
    public int giveSend(IpcPort port) {
        return port == null ? 0 : give(port);
    }

    /**
     * Routine: ipc_port_copy_send. Returns: the handle for a reply carrying
     * a copy of a send right the kernel holds to {@code port} (the kernel
     * keeps its own); MACH_PORT_DEAD for a dead port; 0 for null.
     * Conditions: the IPC lock held.
     */
    public int copySend(IpcPort port) {
        if (port == null) {
            return 0;
        }
        if (!port.active) {
            return give(IpcObject.DEAD);
        }
        port.srights++;
        return give(port);
    }

    /**
     * The handle for a reply carrying a new send right to a kernel port
     * (convert_task_to_port and friends); 0 for null.
     * Conditions: the IPC lock held.
     */
    public int makeSend(IpcPort port) {
        if (port == null) {
            return 0;
        }
        IpcRight.makeSendLocked(port);
        return give(port);
    }

    /** Out-of-line data of the reply. */
    @Override
    public long oolWrite(byte[] bytes) {
        return reply.oolWrite(bytes);
    }

    /** Out-of-line data of the request. */
    @Override
    public byte[] oolRead(long address, long length) {
        return incoming.oolRead(address, length);
    }

    private int handle(IpcObject o, int type) {
        int h = incoming.give(o);
        if (IpcObject.valid(o)) {
            rightTypes.add(type);
        }
        return h;
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
                byte[] data = item.data;
                if (data == null && item.copy != null) {
                    data = item.copy.read(org.jmach.vm.spi.VmThread.NO_WAIT);
                    item.copy.discard();
                    item.copy = null;
                }
                b.putLong(item.dataOffset, oolHandle(data == null ? new byte[0] : data));
            }
        }
        kmsg.items = null;
        return m;
    }

    private long oolHandle(byte[] bytes) {
        return bytes == null ? 0 : incoming.oolWrite(bytes);
    }

    /** Destroys the rights of the request nobody took. */
    void end() {
        for (int i = 0; i < rightTypes.size(); i++) {
            int type = rightTypes.get(i);
            if (type != 0) {
                rightTypes.set(i, 0);
                IpcRight.destroyCarried(ipc, incoming.object(i + 1), type);
            }
        }
    }

    /**
     * The reply the demux wrote, as a kmsg to {@code replyPort} (a right of
     * type {@code replyType}): handles become the rights and data they
     * stand for.
     */
    IpcKmsg reply(MachMessage out, IpcObject replyPort, int replyType) {
        return reply.toKmsg(out, replyPort, replyType, null, 0);
    }
}
