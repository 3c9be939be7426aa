package org.jmach.mach;

/**
 * The constants of Mach's device interface ({@code device.defs}), with the
 * values of Mach's {@code <device/device_types.h>}: the return codes of the
 * device routines ({@code io_return_t}), the open modes, and the
 * {@code DEV_GET_SIZE} status flavor. {@link DeviceUser} is the interface's
 * user side; a disk is opened by its name, {@link #DISK_NAME}, on the master
 * device port the bootstrap service gives
 * ({@link MachNativeTasks#deviceMaster}).
 */
public final class DeviceTypes {

    /** The request succeeded. */
    public static final int D_SUCCESS = 0;
    /** Hardware I/O error. */
    public static final int D_IO_ERROR = 2500;
    /** The operation would block (D_NOWAIT). */
    public static final int D_WOULD_BLOCK = 2501;
    /** No device of that name, or the port is not an open device. */
    public static final int D_NO_SUCH_DEVICE = 2502;
    /** The device is open exclusively by another. */
    public static final int D_ALREADY_OPEN = 2503;
    /** The device is down (its hardware went away). */
    public static final int D_DEVICE_DOWN = 2504;
    /** The device does not do this operation, or the port is not the master device port. */
    public static final int D_INVALID_OPERATION = 2505;
    /** The record number is not on the device. */
    public static final int D_INVALID_RECNUM = 2506;
    /** The size is not whole records, or is out of range. */
    public static final int D_INVALID_SIZE = 2507;
    /** No memory for the request. */
    public static final int D_NO_MEMORY = 2508;
    /** The device is read-only. */
    public static final int D_READ_ONLY = 2509;

    /** device_open mode: reading. */
    public static final int D_READ = 0x1;
    /** device_open mode: writing. */
    public static final int D_WRITE = 0x2;
    /** device_open mode: do not wait for the device to come up. */
    public static final int D_NODELAY = 0x4;

    /** device_get_status flavor: the device's size in bytes and its record size. */
    public static final int DEV_GET_SIZE = 0;
    /** Index of the device's size in bytes in DEV_GET_SIZE's status. */
    public static final int DEV_GET_SIZE_DEVICE_SIZE = 0;
    /** Index of the record size in DEV_GET_SIZE's status. */
    public static final int DEV_GET_SIZE_RECORD_SIZE = 1;
    /** Number of ints in DEV_GET_SIZE's status. */
    public static final int DEV_GET_SIZE_COUNT = 2;

    /** Longest device name device_open takes ({@code dev_name_t}), in bytes with its NUL. */
    public static final int DEV_NAME_MAX = 128;

    /** The name of the simulated disk. */
    public static final String DISK_NAME = "hd0";

    private DeviceTypes() {
    }
}
