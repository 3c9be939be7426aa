package org.jmach.kernel.device;

import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_COUNT;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_DEVICE_SIZE;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_RECORD_SIZE;
import static org.jmach.mach.DeviceTypes.D_INVALID_OPERATION;
import static org.jmach.mach.DeviceTypes.D_INVALID_RECNUM;
import static org.jmach.mach.DeviceTypes.D_INVALID_SIZE;
import static org.jmach.mach.DeviceTypes.D_NODELAY;
import static org.jmach.mach.DeviceTypes.D_NO_SUCH_DEVICE;
import static org.jmach.mach.DeviceTypes.D_READ;
import static org.jmach.mach.DeviceTypes.D_SUCCESS;
import static org.jmach.mach.DeviceTypes.D_WRITE;
import static org.jmach.mach.MachMsgReturn.MIG_NO_REPLY;

import java.util.Arrays;

import org.jmach.hw.Disk;
import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcKobjectServer;
import org.jmach.kernel.ipc.IpcNakedRight;
import org.jmach.kernel.mig.DeviceServer;
import org.jmach.kernel.mig.DeviceServerDemux;
import org.jmach.mach.DeviceIds;

/**
 * The kernel's implementation of {@code device.defs} for one request (GNU
 * Mach's {@code device/ds_routines.c}): device_open on the master device
 * port, and on device ports reads, writes, status and close.
 *
 * <p>Kernel routines run under the IPC lock and never wait. A read or a
 * write checks its arguments, takes the request's reply right (MIG's
 * sreplyport), hands the transfer to the disk and returns MIG_NO_REPLY;
 * the disk's completion interrupt answers through {@link IoDone} with the
 * message of {@code device_reply.defs} that has the id and layout of the
 * routine's MIG reply. A request that fails its checks is answered at once,
 * as any kernel call, with its D_* code.
 *
 * <p>Transfers on the disk: whole records ({@link Disk#RECORD_SIZE}) from a
 * record on the disk; one that runs past the end of the disk is cut there
 * (a short read or write, as Mach's block devices do: the data or
 * bytes_written say how much). In-line transfers carry at most 128 bytes,
 * less than a disk record, so on the disk they are D_INVALID_SIZE.
 *
 * <p>Conditions, for every routine: the IPC lock held; the device
 * conversion takes no reference (the request's send right holds the
 * device's port until the request ends).
 */
public final class DeviceRoutines implements DeviceServer<Device> {

    /** Largest transfer of one request, in bytes. */
    static final int MAX_TRANSFER = 64 * 1024 * 1024;

    private final IpcKobjectRequest rq;
    private final MasterDevice master;

    private DeviceRoutines(IpcKobjectRequest rq, MasterDevice master) {
        this.rq = rq;
        this.master = master;
    }

    /** The subsystem as the kernel serves it: device.defs on the master device port and device ports. */
    public static IpcKobjectServer kobjectServer(MasterDevice master) {
        return new IpcKobjectServer(DeviceIds.BASE, DeviceIds.END, DeviceServerDemux.REPLY_SIZE_MAX,
                (rq, in, out) -> DeviceServerDemux.deviceServer(new DeviceRoutines(rq, master), rq, in, out));
    }

    /** Routine: dev_port_lookup. Returns: the open device behind a device port, or null. */
    @Override
    public Device devPortLookup(int port) {
        return rq.kotype(port) == Ipc.IKOT_DEVICE && rq.kobject(port) instanceof Device d && d.isOpen() ? d : null;
    }

    /** Routine: device_deallocate. */
    @Override
    public void deviceDeallocate(Device device) {
        // The conversion took no reference.
    }

    /**
     * Routine: ds_device_open.
     * Purpose: open the device named {@code name} in {@code mode} and give a
     * send right to its device port (the same port while the device is
     * open; each open counts).
     * Conditions: the IPC lock held; the reply's right is made here.
     * Returns: D_SUCCESS; D_INVALID_OPERATION if the port is not the master
     * device port; D_NO_SUCH_DEVICE for a name no device has (hd0 without a
     * disk); D_INVALID_OPERATION for mode bits other than D_READ, D_WRITE,
     * D_NODELAY.
     */
    @Override
    public int dsDeviceOpen(int masterPort, int replyPort, int mode, String name, int[] device) {
        if (rq.kotype(masterPort) != Ipc.IKOT_MASTER_DEVICE || rq.kobject(masterPort) != master) {
            return D_INVALID_OPERATION;
        }
        if ((mode & ~(D_READ | D_WRITE | D_NODELAY)) != 0) {
            return D_INVALID_OPERATION;
        }
        Device d = master.open(name, mode);
        if (d == null) {
            return D_NO_SUCH_DEVICE;
        }
        device[0] = rq.makeSend(d.port());
        return D_SUCCESS;
    }

    /**
     * Routine: ds_device_close.
     * Purpose: one open fewer; the last close closes the device and
     * destroys its port (send rights become dead names). Transfers in flight
     * still answer.
     * Conditions: the IPC lock held.
     * Returns: D_SUCCESS; D_NO_SUCH_DEVICE if the port is not an open device.
     */
    @Override
    public int dsDeviceClose(Device device) {
        if (device == null) {
            return D_NO_SUCH_DEVICE;
        }
        device.close();
        return D_SUCCESS;
    }

    /**
     * Routine: ds_device_write.
     * Purpose: write {@code data} (out of line) at record {@code recnum},
     * asynchronously: answered by device_write_reply with bytes_written
     * when the disk completes.
     * Conditions: the IPC lock held; takes the reply right when the
     * transfer starts.
     * Returns: MIG_NO_REPLY (answered later, with D_SUCCESS or the disk's
     * D_IO_ERROR / D_DEVICE_DOWN); D_NO_SUCH_DEVICE if the port is not an
     * open device; D_INVALID_RECNUM for a record not on the disk;
     * D_INVALID_SIZE for data that is empty, too large or not whole records.
     */
    @Override
    public int dsDeviceWrite(Device device, int replyPort, int mode, long recnum, byte[] data, int[] bytesWritten) {
        return write(device, recnum, data, IoDone.Kind.WRITE);
    }

    /** Routine: ds_device_write_inband; as {@link #dsDeviceWrite}, the data in line. */
    @Override
    public int dsDeviceWriteInband(Device device, int replyPort, int mode, long recnum, byte[] data,
            int[] bytesWritten) {
        return write(device, recnum, data, IoDone.Kind.WRITE_INBAND);
    }

    /**
     * Routine: ds_device_read.
     * Purpose: read {@code bytesWanted} bytes from record {@code recnum},
     * asynchronously: answered by device_read_reply with the data (out of
     * line) when the disk completes; cut at the end of the disk.
     * Conditions: the IPC lock held; takes the reply right when the
     * transfer starts.
     * Returns: MIG_NO_REPLY (answered later, with D_SUCCESS or the disk's
     * D_IO_ERROR / D_DEVICE_DOWN); D_NO_SUCH_DEVICE if the port is not an
     * open device; D_INVALID_RECNUM for a record not on the disk;
     * D_INVALID_SIZE for a size not positive, too large or not whole records.
     */
    @Override
    public int dsDeviceRead(Device device, int replyPort, int mode, long recnum, int bytesWanted, byte[][] data) {
        return read(device, recnum, bytesWanted, IoDone.Kind.READ);
    }

    /** Routine: ds_device_read_inband; as {@link #dsDeviceRead}, the data in line. */
    @Override
    public int dsDeviceReadInband(Device device, int replyPort, int mode, long recnum, int bytesWanted,
            byte[][] data) {
        return read(device, recnum, bytesWanted, IoDone.Kind.READ_INBAND);
    }

    /** Routine: ds_device_map. Returns: D_NO_SUCH_DEVICE for no device; D_INVALID_OPERATION (jmach maps no device). */
    @Override
    public int dsDeviceMap(Device device, int prot, long offset, long size, int[] pager, int unmap) {
        return device == null ? D_NO_SUCH_DEVICE : D_INVALID_OPERATION;
    }

    /** Routine: ds_device_set_status. Returns: D_NO_SUCH_DEVICE for no device; D_INVALID_OPERATION (the disk sets none). */
    @Override
    public int dsDeviceSetStatus(Device device, int flavor, int[] status) {
        return device == null ? D_NO_SUCH_DEVICE : D_INVALID_OPERATION;
    }

    /**
     * Routine: ds_device_get_status.
     * Purpose: DEV_GET_SIZE: the device's size in bytes (held to the
     * largest int) and its record size, DEV_GET_SIZE_COUNT ints.
     * Conditions: the IPC lock held.
     * Returns: D_SUCCESS; D_NO_SUCH_DEVICE if the port is not an open
     * device; D_INVALID_SIZE if {@code statusCnt} is less than
     * DEV_GET_SIZE_COUNT; D_INVALID_OPERATION for another flavor.
     */
    @Override
    public int dsDeviceGetStatus(Device device, int flavor, int[] status, int[] statusCnt) {
        if (device == null) {
            return D_NO_SUCH_DEVICE;
        }
        if (flavor != DEV_GET_SIZE) {
            return D_INVALID_OPERATION;
        }
        if (statusCnt[0] < DEV_GET_SIZE_COUNT) {
            return D_INVALID_SIZE;
        }
        Disk disk = device.disk();
        status[DEV_GET_SIZE_DEVICE_SIZE] = (int) Math.min(Integer.MAX_VALUE / Disk.RECORD_SIZE * Disk.RECORD_SIZE,
                disk.records() * Disk.RECORD_SIZE);
        status[DEV_GET_SIZE_RECORD_SIZE] = Disk.RECORD_SIZE;
        statusCnt[0] = DEV_GET_SIZE_COUNT;
        return D_SUCCESS;
    }

    /** Routine: ds_device_set_filter. Returns: D_NO_SUCH_DEVICE for no device; D_INVALID_OPERATION (no network devices). */
    @Override
    public int dsDeviceSetFilter(Device device, int receivePort, int priority, short[] filter) {
        return device == null ? D_NO_SUCH_DEVICE : D_INVALID_OPERATION;
    }

    // ---- Transfers (the IPC lock held) ----

    /** Checks a read, then starts it. Returns MIG_NO_REPLY or the D_* error. */
    private int read(Device device, long recnum, int bytesWanted, IoDone.Kind kind) {
        if (device == null) {
            return D_NO_SUCH_DEVICE;
        }
        int error = check(device.disk(), recnum, bytesWanted);
        if (error != D_SUCCESS) {
            return error;
        }
        byte[] buffer = new byte[cut(device.disk(), recnum, bytesWanted)];
        IoDone done = new IoDone(master.ipc(), kind, rq.takeReply(), buffer);
        device.disk().read(recnum, buffer, 0, buffer.length, done);
        return MIG_NO_REPLY;
    }

    /** Checks a write, then starts it. Returns MIG_NO_REPLY or the D_* error. */
    private int write(Device device, long recnum, byte[] data, IoDone.Kind kind) {
        if (device == null) {
            return D_NO_SUCH_DEVICE;
        }
        int error = check(device.disk(), recnum, data == null ? -1 : data.length);
        if (error != D_SUCCESS) {
            return error;
        }
        int length = cut(device.disk(), recnum, data.length);
        byte[] buffer = length == data.length ? data : Arrays.copyOf(data, length);
        IoDone done = new IoDone(master.ipc(), kind, rq.takeReply(), buffer);
        device.disk().write(recnum, buffer, 0, buffer.length, done);
        return MIG_NO_REPLY;
    }

    /** D_SUCCESS if a transfer of {@code length} bytes from {@code recnum} may start; else its D_* code. */
    private static int check(Disk disk, long recnum, int length) {
        if (recnum < 0 || recnum >= disk.records()) {
            return D_INVALID_RECNUM;
        }
        if (length <= 0 || length > MAX_TRANSFER || length % Disk.RECORD_SIZE != 0) {
            return D_INVALID_SIZE;
        }
        return D_SUCCESS;
    }

    /** The length of a checked transfer, cut at the end of the disk. */
    private static int cut(Disk disk, long recnum, int length) {
        return (int) Math.min(length, (disk.records() - recnum) * Disk.RECORD_SIZE);
    }
}
