package org.jmach.kernel.device;

import org.jmach.hw.Disk;
import org.jmach.kernel.ipc.IpcPort;
import org.jmach.kernel.ipc.Ipc;

/**
 * An open device (GNU Mach's {@code struct mach_device},
 * {@code device/dev_hdr.h}): a name, the hardware behind it (the disk), its
 * device port of kotype IKOT_DEVICE, and how many times it is open.
 *
 * <p>States: <em>open</em> from the first device_open (the port made) while
 * the open count is positive; <em>closed</em> after the last device_close:
 * the device port is destroyed, so send rights to it are dead names and
 * later requests fail with MACH_SEND_INVALID_DEST; transfers started
 * before still answer. A closed device is never reopened: the next
 * device_open makes a new one.
 *
 * <p>Conditions: its fields are guarded by the IPC lock.
 */
final class Device {

    private final MasterDevice master;
    private final String name;
    private final Disk disk;
    private final IpcPort port;
    /** device_opens not yet closed. */
    private int openCount;
    /** The modes it was opened in, together (D_READ, D_WRITE, D_NODELAY). */
    private int mode;
    private boolean closed;

    /** Conditions: nothing or the IPC lock held (the port is made under it). */
    Device(MasterDevice master, String name, Disk disk) {
        this.master = master;
        this.name = name;
        this.disk = disk;
        this.port = master.ipc().kernelPortAlloc(this, Ipc.IKOT_DEVICE);
    }

    String name() {
        return name;
    }

    Disk disk() {
        return disk;
    }

    IpcPort port() {
        return port;
    }

    MasterDevice master() {
        return master;
    }

    int mode() {
        return mode;
    }

    boolean isOpen() {
        return !closed;
    }

    /** One more device_open in {@code mode}. Conditions: the IPC lock held. */
    void opened(int mode) {
        openCount++;
        this.mode |= mode;
    }

    /**
     * One device_close: at the last, the device closes, its name is free
     * and its port dies. Conditions: the IPC lock held.
     */
    void close() {
        if (closed || --openCount > 0) {
            return;
        }
        closed = true;
        master.closed(this);
        master.ipc().kernelPortDestroy(port);
    }

    @Override
    public String toString() {
        return "device " + name + (closed ? " (closed)" : " open " + openCount);
    }
}
