package org.jmach.kernel.device;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jmach.hw.Disk;
import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcPort;

/**
 * The master device (GNU Mach's {@code master_device_port} and the device
 * name table of {@code device/dev_lookup.c}): the kernel object behind the
 * port of kotype IKOT_MASTER_DEVICE to which device_open is sent, and the
 * devices open now, by name. One per boot; the bootstrap service gives send
 * rights to its port to the tasks that ask (as GNU Mach gives it to its
 * bootstrap task).
 *
 * <p>Devices: the machine's disk, if it has one now, is {@code hd0}
 * ({@link Disk#name}). The disk is asked of {@code disks} at each
 * device_open, so a disk that comes, goes or is reconfigured while the
 * kernel runs is found by the next open (a device already open on a disk
 * that went away answers D_DEVICE_DOWN).
 *
 * <p>Conditions: {@link #open} and {@link #closed} run under the IPC lock,
 * which guards the table.
 */
public final class MasterDevice {

    private final Ipc ipc;
    private final Supplier<Disk> disks;
    private final IpcPort port;
    /** The open devices, by name. Guarded by the IPC lock. */
    private final Map<String, Device> open = new HashMap<>();

    /** The master device of a boot over {@code ipc}; {@code disks} gives the machine's disk now, or null. */
    public MasterDevice(Ipc ipc, Supplier<Disk> disks) {
        this.ipc = ipc;
        this.disks = disks;
        this.port = ipc.kernelPortAlloc(this, Ipc.IKOT_MASTER_DEVICE);
    }

    /** The master device port (the kernel holds its receive right). */
    public IpcPort port() {
        return port;
    }

    Ipc ipc() {
        return ipc;
    }

    /** The machine's disk now, or null; a failing supplier counts as none. */
    Disk disk() {
        try {
            return disks.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Routine: device_lookup then device_open's open count (GNU Mach's
     * {@code dev_name_lookup} and {@code ds_device_open}). Purpose: the
     * open device named {@code name}, opened once more in {@code mode}; a
     * new device (and device port) if it is not open, or is open on a
     * disk that is no longer the machine's.
     *
     * <p>Conditions: the IPC lock held. Returns: the device; null if no
     * device has that name.
     */
    Device open(String name, int mode) {
        Disk disk = disk();
        if (disk == null || name == null || !name.equals(disk.name())) {
            return null;
        }
        Device d = open.get(name);
        if (d == null || d.disk() != disk) {
            d = new Device(this, name, disk);
            open.put(name, d);
        }
        d.opened(mode);
        return d;
    }

    /** A device was closed for the last time: its name is free. Conditions: the IPC lock held. */
    void closed(Device d) {
        open.remove(d.name(), d);
    }

    /** Ends the master device port at shutdown. Conditions: nothing locked. */
    public void shutdown() {
        ipc.kernelPortDestroy(port);
    }
}
