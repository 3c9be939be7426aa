package org.jmach.kernel.ipc;

import org.jmach.mach.MachMessage;

/**
 * One subsystem the kernel serves on its ports (an entry of GNU Mach's
 * list of demuxes in {@code ipc_kobject_server}): the ids it holds, the
 * largest reply it writes, and its MIG-generated demux bound to the
 * kernel's implementation.
 *
 * @param base the subsystem's first id
 * @param end one past its last id
 * @param replySizeMax the demux's REPLY_SIZE_MAX
 * @param demux serves one request: true if the id was the subsystem's
 */
public record IpcKobjectServer(int base, int end, int replySizeMax, Demux demux) {

    /** A generated demux applied to the kernel's implementation of the subsystem. */
    @FunctionalInterface
    public interface Demux {
        /** Conditions: the IPC lock held. */
        boolean serve(IpcKobjectRequest rq, MachMessage request, MachMessage reply);
    }

    boolean holds(int id) {
        return id >= base && id < end;
    }
}
