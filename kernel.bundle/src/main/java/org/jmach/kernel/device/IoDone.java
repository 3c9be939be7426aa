package org.jmach.kernel.device;

import org.jmach.hw.DiskCompletion;
import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcNakedRight;
import org.jmach.mach.DeviceReplyUser;
import org.jmach.mach.DeviceTypes;

/**
 * One transfer in flight (GNU Mach's {@code io_req}, {@code device/io_req.h})
 * and its completion (GNU Mach's io_done thread: {@code ds_read_done},
 * {@code ds_write_done}). The kernel routine that started it took the
 * request's reply right and returned MIG_NO_REPLY; the disk controller's
 * completion interrupt calls {@link #done} on the controller's thread, which
 * takes the IPC lock and sends the answer of {@code device_reply.defs} — laid
 * out as the MIG reply of the routine, which the user stub waits for — to
 * that right, consuming it.
 *
 * <p>Lifecycle: made by a read or write routine under the IPC lock, handed
 * to the disk; done exactly once. Nothing thrown in the completion reaches
 * the controller: a failure is reported on stderr and the reply right
 * released.
 */
final class IoDone implements DiskCompletion {

    /** What the transfer answers: device_read_reply (2904) and so on. */
    enum Kind { READ, READ_INBAND, WRITE, WRITE_INBAND }

    private final Ipc ipc;
    private final Kind kind;
    private final IpcNakedRight reply;
    /** The data: read into, or written from. */
    private final byte[] buffer;

    IoDone(Ipc ipc, Kind kind, IpcNakedRight reply, byte[] buffer) {
        this.ipc = ipc;
        this.kind = kind;
        this.reply = reply;
        this.buffer = buffer;
    }

    /**
     * Routine: io_done for one request. Purpose: the completion interrupt:
     * answer the request with the disk's status (a D_* code, Mach's), the
     * data read or the bytes written (none on an error).
     *
     * <p>Conditions: on the disk controller's thread, nothing locked; takes
     * the IPC lock. Consumes the reply right.
     */
    @Override
    public void done(int status) {
        if (reply == null) {
            return; // a request without a reply port: nobody to answer
        }
        try {
            boolean ok = status == DeviceTypes.D_SUCCESS;
            reply.send(ipc, (sender, port, disposition) -> {
                DeviceReplyUser user = new DeviceReplyUser(sender);
                return switch (kind) {
                    case READ -> user.dsDeviceReadReply(port, disposition, status, ok ? buffer : new byte[0]);
                    case READ_INBAND -> user.dsDeviceReadReplyInband(port, disposition, status,
                            ok ? buffer : new byte[0]);
                    case WRITE -> user.dsDeviceWriteReply(port, disposition, status, ok ? buffer.length : 0);
                    case WRITE_INBAND -> user.dsDeviceWriteReplyInband(port, disposition, status,
                            ok ? buffer.length : 0);
                };
            });
        } catch (RuntimeException | Error e) {
            // A kernel halted meanwhile (its executor shut), or a bug: the interrupt must not unwind the controller.
            System.err.println("jmach: the completion of a " + kind + " could not answer: " + e);
            try {
                reply.release(ipc);
            } catch (RuntimeException ignored) {
                // nothing more to undo
            }
        }
    }
}
