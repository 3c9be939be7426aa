package org.jmach.kernel.kern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.jmach.hw.Machine;
import org.jmach.kernel.ipc.IpcMemory;

/**
 * A task's memory until the VM bundle gives tasks address maps: allocated
 * regions of whole pages, zero-filled, read and written through
 * {@link #read}/{@link #write} as the CPU will. A page takes host memory
 * only once it is written (reading an untouched page gives zeros), so that
 * allocating a large region costs nothing, as in Mach. Out-of-line message
 * data is copied into and out of it.
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

    /** Allocated regions: start → end, page-aligned, disjoint. */
    private final TreeMap<Long, Long> regions = new TreeMap<>();
    /** Pages that have been written, by page number. */
    private final TreeMap<Long, byte[]> pages = new TreeMap<>();
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
        if (anywhere > ADDRESS_LIMIT - length) {
            return -1;
        }
        long address = anywhere;
        anywhere += length + PAGE; // a guard page between regions
        regions.put(address, address + length);
        return address;
    }

    /** vm_allocate at a fixed address: false if any page there is in use or the range is bad. */
    public synchronized boolean allocateFixed(long address, long size) {
        if (size <= 0 || address < 0 || address > ADDRESS_LIMIT - size) {
            return false;
        }
        long start = truncPage(address);
        long end = roundPage(address + size);
        Map.Entry<Long, Long> before = regions.lowerEntry(end);
        if (before != null && before.getValue() > start) {
            return false;
        }
        regions.put(start, end);
        return true;
    }

    @Override
    public synchronized boolean deallocate(long address, long size) {
        if (size < 0 || address < 0 || address > ADDRESS_LIMIT - size) {
            return false;
        }
        long start = truncPage(address);
        long end = roundPage(address + size);
        if (start >= end) {
            return true;
        }
        // Cut [start, end) out of every region it touches.
        Map.Entry<Long, Long> first = regions.lowerEntry(start);
        if (first != null && first.getValue() > start) {
            regions.put(first.getKey(), start);
            if (first.getValue() > end) {
                regions.put(end, first.getValue());
            }
        }
        for (Map.Entry<Long, Long> r : new ArrayList<>(regions.subMap(start, true, end, false).entrySet())) {
            regions.remove(r.getKey());
            if (r.getValue() > end) {
                regions.put(end, r.getValue());
            }
        }
        pages.subMap(start / PAGE, end / PAGE).clear();
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

    /**
     * The first address of [address, address + length) that is not
     * allocated: the faulting address of an access that failed. An
     * address outside the task's range is its own answer; a range wholly
     * allocated answers {@code address}.
     */
    public synchronized long firstUnmapped(long address, int length) {
        long at = validRange(address, length) ? unmappedAt(address, length) : address;
        return at < 0 ? address : at;
    }

    /** Bytes allocated (task_basic_info's virtual size). */
    public synchronized long virtualSize() {
        long n = 0;
        for (Map.Entry<Long, Long> r : regions.entrySet()) {
            n += r.getValue() - r.getKey();
        }
        return n;
    }

    /** Number of resident pages: those written since they were allocated. */
    public synchronized int pageCount() {
        return pages.size();
    }

    /** Whether every byte of [address, address + length) lies in allocated regions. */
    private boolean mapped(long address, int length) {
        return validRange(address, length) && unmappedAt(address, length) < 0;
    }

    /** Whether the range lies in the task's address space (which also refuses one wrapping past 2^63). */
    private static boolean validRange(long address, int length) {
        return address >= 0 && length >= 0 && address <= ADDRESS_LIMIT - length;
    }

    /** The first byte of a valid range that is not allocated, or -1 if none. */
    private long unmappedAt(long address, int length) {
        long at = address;
        long end = address + length;
        while (at < end) {
            Map.Entry<Long, Long> r = regions.floorEntry(at);
            if (r == null || r.getValue() <= at) {
                return at;
            }
            at = r.getValue();
        }
        return -1;
    }

    private void copy(long address, byte[] buf, int offset, int length, boolean toMemory) {
        int done = 0;
        while (done < length) {
            long a = address + done;
            int inPage = (int) (a % PAGE);
            int n = Math.min(length - done, PAGE - inPage);
            byte[] page = pages.get(a / PAGE);
            if (toMemory) {
                if (page == null) {
                    page = new byte[PAGE];
                    pages.put(a / PAGE, page);
                }
                System.arraycopy(buf, offset + done, page, inPage, n);
            } else if (page == null) {
                Arrays.fill(buf, offset + done, offset + done + n, (byte) 0);
            } else {
                System.arraycopy(page, inPage, buf, offset + done, n);
            }
            done += n;
        }
    }
}
