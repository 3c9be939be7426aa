package org.jmach.pager.server;

import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_COUNT;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_DEVICE_SIZE;
import static org.jmach.mach.DeviceTypes.DEV_GET_SIZE_RECORD_SIZE;
import static org.jmach.mach.DeviceTypes.D_INVALID_SIZE;
import static org.jmach.mach.DeviceTypes.D_READ;
import static org.jmach.mach.DeviceTypes.D_SUCCESS;
import static org.jmach.mach.DeviceTypes.D_WRITE;

import java.util.Arrays;

import org.jmach.mach.DeviceUser;
import org.jmach.mach.MachTraps;
import org.jmach.pager.area.BlockIo;

/**
 * The paging area's records on the disk, through Mach's device interface:
 * device_read and device_write RPCs on the device port of {@code hd0},
 * which the kernel answers when the disk's completion interrupt arrives.
 * Each serving thread makes its calls with its own traps, bound to the
 * Java thread that runs it ({@link #bind}).
 */
final class DeviceBlockIo implements BlockIo {

    /** The disk the default pager pages to. */
    static final String DEVICE = "hd0";

    private final int device;
    private final long records;
    private final int recordSize;
    private final PagerCounters counters;
    private final ThreadLocal<DeviceUser> stubs = new ThreadLocal<>();

    private DeviceBlockIo(int device, long records, int recordSize, PagerCounters counters) {
        this.device = device;
        this.records = records;
        this.recordSize = recordSize;
        this.counters = counters;
    }

    /** device_open of {@value #DEVICE} for reading and writing, and its size by device_get_status. */
    static DeviceBlockIo open(MachTraps t, int master, PagerCounters counters) {
        DeviceUser d = new DeviceUser(t.mig());
        int[] port = new int[1];
        int kr = d.deviceOpen(master, D_READ | D_WRITE, DEVICE, port);
        if (kr != D_SUCCESS) {
            throw new IllegalStateException("default pager: device_open(" + DEVICE + "): " + BlockIo.codeName(kr));
        }
        int[] status = new int[DEV_GET_SIZE_COUNT];
        int[] count = {DEV_GET_SIZE_COUNT};
        kr = d.deviceGetStatus(port[0], DEV_GET_SIZE, status, count);
        if (kr != D_SUCCESS) {
            d.deviceClose(port[0]);
            throw new IllegalStateException("default pager: device_get_status(" + DEVICE + "): " + BlockIo.codeName(kr));
        }
        int recordSize = status[DEV_GET_SIZE_RECORD_SIZE];
        long size = status[DEV_GET_SIZE_DEVICE_SIZE] & 0xffffffffL;
        return new DeviceBlockIo(port[0], size / recordSize, recordSize, counters);
    }

    /** The calling thread's calls go through {@code t} from now on. */
    void bind(MachTraps t) {
        stubs.set(new DeviceUser(t.mig()));
    }

    void unbind() {
        stubs.remove();
    }

    /** device_close, and the name given back. */
    void close(MachTraps t) {
        new DeviceUser(t.mig()).deviceClose(device);
        int self = t.machTaskSelf();
        t.machPort().machPortDeallocate(self, device);
        t.machPort().machPortDeallocate(self, self);
    }

    @Override
    public int recordSize() {
        return recordSize;
    }

    @Override
    public long records() {
        return records;
    }

    @Override
    public int read(long recnum, byte[] buf, int off, int len) {
        byte[][] data = new byte[1][];
        int kr = stubs.get().deviceRead(device, 0, (int) recnum, len, data);
        if (kr != D_SUCCESS) {
            return kr;
        }
        if (data[0] == null || data[0].length != len) {
            return D_INVALID_SIZE;
        }
        System.arraycopy(data[0], 0, buf, off, len);
        counters.recordsRead.addAndGet(len / recordSize);
        return D_SUCCESS;
    }

    @Override
    public int write(long recnum, byte[] buf, int off, int len) {
        int[] written = new int[1];
        byte[] data = off == 0 && len == buf.length ? buf : Arrays.copyOfRange(buf, off, off + len);
        int kr = stubs.get().deviceWrite(device, 0, (int) recnum, data, written);
        if (kr != D_SUCCESS) {
            return kr;
        }
        if (written[0] != len) {
            return D_INVALID_SIZE;
        }
        counters.recordsWritten.addAndGet(len / recordSize);
        return D_SUCCESS;
    }
}
