package org.jmach.kernel.kern;

import java.util.HashMap;
import java.util.Map;

import org.jmach.hw.Machine;
import org.jmach.kernel.ipc.IpcMemory;

/**
 * A task's memory until the VM bundle gives tasks address maps: a sparse
 * set of zero-filled pages, allocated and deallocated whole, read and
 * written through {@link #read}/{@link #write} as the CPU will. Out-of-line
 * message data is copied into and out of it.
 *
 * <p>Conditions: the methods synchronize on the memory; no other lock is
 * taken inside.
 */
public final class TaskMemory implements IpcMemory {

    private static final int PAGE = Machine.PAGE_SIZE;
    /** Where vm_allocate(anywhere) starts looking, as a user task's data would. */
    private static final long ANYWHERE_BASE = 0x1000_0000L;
    /** The top of a task's address space (47 bits, as Sv48 user space). */
    private static final long ADDRESS_LIMIT = 1L << 47;

    private final Map<Long, byte[]> pages = new HashMap<>();
    private long anywhere = ANYWHERE_BASE;

    static long truncPage(long a) {
        return a & ~(long) (PAGE - 1);
    }

    static long roundPage(long a) {
        return (a + PAGE - 1) & ~(long) (PAGE - 1);
    }

    @Override
    public synchronized long allocate(long size) {
        if (size <= 0 || size > ADDRESS_LIMIT) {
            return -1;
        }
        long length = roundPage(size);
        if (anywhere + length > ADDRESS_LIMIT) {
            return -1;
        }
        long address = anywhere;
        anywhere += length + PAGE; // a guard page between regions
        for (long a = address; a < address + length; a += PAGE) {
            pages.put(a / PAGE, new byte[PAGE]);
        }
        return address;
    }

    /** vm_allocate at a fixed address: false if any page there is in use or the range is bad. */
    public synchronized boolean allocateFixed(long address, long size) {
        if (size <= 0 || address < 0 || address + size > ADDRESS_LIMIT || address + size < address) {
            return false;
        }
        long start = truncPage(address);
        long end = roundPage(address + size);
        for (long a = start; a < end; a += PAGE) {
            if (pages.containsKey(a / PAGE)) {
                return false;
            }
        }
        for (long a = start; a < end; a += PAGE) {
            pages.put(a / PAGE, new byte[PAGE]);
        }
        return true;
    }

    @Override
    public synchronized boolean deallocate(long address, long size) {
        if (size < 0 || address < 0 || address + size > ADDRESS_LIMIT || address + size < address) {
            return false;
        }
        for (long a = truncPage(address); a < roundPage(address + size); a += PAGE) {
            pages.remove(a / PAGE);
        }
        return true;
    }

    @Override
    public synchronized boolean read(long address, byte[] dst, int offset, int length) {
        if (!mapped(address, length)) {
            return false;
        }
        copy(address, dst, offset, length, false);
        return true;
    }

    @Override
    public synchronized boolean write(long address, byte[] src, int offset, int length) {
        if (!mapped(address, length)) {
            return false;
        }
        copy(address, src, offset, length, true);
        return true;
    }

    /** Number of resident pages. */
    public synchronized int pageCount() {
        return pages.size();
    }

    private boolean mapped(long address, int length) {
        if (address < 0 || length < 0 || address > ADDRESS_LIMIT - length) {
            return false; // also refuses a range that would wrap past 2^63
        }
        for (long a = truncPage(address); a < address + length; a += PAGE) {
            if (!pages.containsKey(a / PAGE)) {
                return false;
            }
        }
        return true;
    }

    private void copy(long address, byte[] buf, int offset, int length, boolean toMemory) {
        int done = 0;
        while (done < length) {
            long a = address + done;
            byte[] page = pages.get(a / PAGE);
            int inPage = (int) (a % PAGE);
            int n = Math.min(length - done, PAGE - inPage);
            if (toMemory) {
                System.arraycopy(buf, offset + done, page, inPage, n);
            } else {
                System.arraycopy(page, inPage, buf, offset + done, n);
            }
            done += n;
        }
    }
}
