package org.jmach.pager.server;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TOO_LARGE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;

import java.util.Arrays;
import java.util.List;

import org.jmach.mach.DefaultPagerServer;
import org.jmach.mach.DefaultPagerServerDemux;
import org.jmach.mach.MachHostUser;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.MemoryObjectDefaultServer;
import org.jmach.mach.MemoryObjectDefaultIds;
import org.jmach.mach.MemoryObjectDefaultServerDemux;
import org.jmach.mach.MemoryObjectIds;
import org.jmach.mach.MemoryObjectServer;
import org.jmach.mach.MemoryObjectServerDemux;
import org.jmach.mach.MigServer;
import org.jmach.mach.MigTaskMemory;
import org.jmach.pager.area.PageRead;
import org.jmach.pager.area.PagingArea;
import org.jmach.pager.server.PagerObjects.PagerObject;

/**
 * One serving thread of the default pager: receives from the pager's port
 * set and serves {@code memory_object.defs}, {@code memory_object_default.defs}
 * and {@code default_pager.defs}, in each object's message order, until a
 * quit message comes. It is wired (thread_wire), so it may take the frames
 * reserved for paging while it writes pages out.
 *
 * <p>Rights: each request to an object carries a send right to the
 * object's control port, which the worker uses for its answer and then
 * gives back, so that user references do not pile up.
 */
final class PagerWorker implements MemoryObjectServer, MemoryObjectDefaultServer, DefaultPagerServer {

    /** Mach's page size (vm_page_size); the kernel's requests say it too. */
    static final int PAGE_SIZE = 4096;
    /** VM_PROT_NONE, for data_unlock: the default pager locks nothing. */
    private static final int VM_PROT_NONE = 0;
    /** MEMORY_OBJECT_COPY_DELAY, the strategy of the objects the pager makes itself. */
    private static final int MEMORY_OBJECT_COPY_DELAY = 2;
    private static final int MSG_SIZE_MAX = Math.max(MemoryObjectServerDemux.MSG_SIZE_MAX,
            Math.max(MemoryObjectDefaultServerDemux.MSG_SIZE_MAX, DefaultPagerServerDemux.MSG_SIZE_MAX));

    private final DefaultPager pager;
    private final MachTraps traps;
    private final MachUser mach;
    private final MachPortUser ports;
    private final MigTaskMemory memory;
    private final int self;
    /** The object of the request being served (null for the default port), and its sequence number. */
    private PagerObject current;
    private int currentSeqno;

    PagerWorker(DefaultPager pager, MachTraps traps) {
        this.pager = pager;
        this.traps = traps;
        this.mach = new MachUser(traps.mig());
        this.ports = traps.machPort();
        this.memory = new MigTaskMemory(traps);
        this.self = traps.machTaskSelf();
    }

    /** The thread's loop: serve until the quit message (or the task's end). */
    void serve() {
        pager.io.bind(traps);
        try {
            DefaultPager.check("thread_wire",
                    new MachHostUser(traps.mig()).threadWire(pager.hostPriv, traps.machThreadSelf(), 1));
            MachMessage in = new MachMessage(MSG_SIZE_MAX);
            MachMessage out = new MachMessage(MSG_SIZE_MAX);
            while (true) {
                int mr = traps.machMsg(in, MACH_RCV_MSG, 0, MSG_SIZE_MAX, PagerNames.PORT_SET, 0, 0);
                if (mr == MACH_RCV_INTERRUPTED || mr == MACH_RCV_TOO_LARGE) {
                    continue;
                }
                if (mr != MACH_MSG_SUCCESS || in.msghLocalPort() == pager.quitPort) {
                    return;
                }
                handle(in, out);
                if (MigServer.sendsReply(out)) {
                    traps.machMsg(out, MACH_SEND_MSG | MACH_SEND_TIMEOUT, out.msghSize(), 0, MACH_PORT_NULL, 0, 0);
                }
            }
        } finally {
            pager.io.unbind();
            release(self); // the reference mach_task_self gave this thread
        }
    }

    /**
     * Serves one request, in its object's order: a routine on pages orders
     * itself by its range ({@link #order}); any other request to an object
     * covers the whole object.
     */
    private void handle(MachMessage in, MachMessage out) {
        int port = in.msghLocalPort();
        PagerObject o = port == PagerNames.DEFAULT_PORT ? null : pager.objects.get(port);
        current = o;
        currentSeqno = in.msghSeqno();
        if (o != null && !ranged(in.msghId())) {
            pager.objects.order(o, currentSeqno, 0, -1);
        }
        try {
            MigServer.replyHeader(in, out);
            out.endBody();
            int id = in.msghId();
            boolean known;
            if (id >= DefaultPagerServerDemux.BASE) {
                known = DefaultPagerServerDemux.defaultPagerServer(this, memory, in, out);
            } else if (id >= MemoryObjectDefaultServerDemux.BASE) {
                known = MemoryObjectDefaultServerDemux.memoryObjectDefaultServer(this, memory, in, out);
            } else {
                known = MemoryObjectServerDemux.memoryObjectServer(this, memory, in, out);
            }
            if (!known && out.msghSize() < MigServer.REPLY_HEADER_SIZE) {
                MigServer.badId(out);
            }
        } finally {
            if (o != null) {
                if (!pager.objects.admitted(o, currentSeqno)) {
                    // A ranged routine that failed before ordering itself: admit it, so the next may go.
                    pager.objects.order(o, currentSeqno, 0, 0);
                }
                pager.objects.done(o, currentSeqno);
            }
            current = null;
        }
    }

    /** The routines that name the pages they touch, and order themselves by them. */
    private static boolean ranged(int id) {
        return id == MemoryObjectIds.MEMORY_OBJECT_DATA_REQUEST || id == MemoryObjectIds.MEMORY_OBJECT_DATA_RETURN
                || id == MemoryObjectDefaultIds.MEMORY_OBJECT_DATA_INITIALIZE;
    }

    /** Orders the current request by the bytes it touches (see {@link PagerObjects#order}). */
    private void order(long offset, long length) {
        if (current != null) {
            pager.objects.order(current, currentSeqno, offset, length);
        }
    }

    private PagingArea area() {
        return pager.area;
    }

    /** Gives back the user reference a request's send right added to {@code name}. */
    private void release(int name) {
        DefaultPager.release(ports, self, name);
    }

    // --- memory_object_default.defs --------------------------------------------------

    /** A new temporary object: its port joins the set, its pages start empty. */
    @Override
    public int memoryObjectCreate(int oldMemoryObject, int newMemoryObject, long newObjectSize, int newControlPort,
            int newName, long newPageSize) {
        release(oldMemoryObject);
        release(newControlPort);
        release(newName);
        return addObject(newMemoryObject, newObjectSize);
    }

    private int addObject(int port, long size) {
        area().createObject(port, size);
        pager.objects.add(port, size, 0);
        int kr = ports.machPortMoveMember(self, port, PagerNames.PORT_SET);
        if (kr != KERN_SUCCESS) {
            pager.objects.remove(port);
            area().removeObject(port);
        }
        return kr;
    }

    @Override
    public int memoryObjectDataInitialize(int memoryObject, int memoryControlPort, long offset, byte[] data) {
        order(offset, data.length);
        store(memoryObject, memoryControlPort, offset, data);
        release(memoryControlPort);
        return KERN_SUCCESS;
    }

    // --- memory_object.defs -----------------------------------------------------------

    @Override
    public int memoryObjectInit(int memoryObject, int memoryControl, int memoryObjectName, long pageSize) {
        release(memoryObjectName);
        int kr = mach.memoryObjectReady(memoryControl, 1, MEMORY_OBJECT_COPY_DELAY);
        release(memoryControl);
        return kr;
    }

    /** The kernel is done with the object: its pages are freed and its ports destroyed. */
    @Override
    public int memoryObjectTerminate(int memoryObject, int memoryControl, int memoryObjectName) {
        area().removeObject(memoryObject);
        pager.objects.remove(memoryObject);
        ports.machPortDestroy(self, memoryControl);
        ports.machPortDestroy(self, memoryObjectName);
        ports.machPortDestroy(self, memoryObject);
        return KERN_SUCCESS;
    }

    /** The pager's objects are copied by the kernel (COPY_DELAY); a copy request is refused. */
    @Override
    public int memoryObjectCopy(int oldMemoryObject, int oldMemoryControl, long offset, long length,
            int newMemoryObject) {
        release(oldMemoryControl);
        ports.machPortDestroy(self, newMemoryObject);
        return KERN_FAILURE;
    }

    /** Pages from the area, or data_unavailable (zero fill) for pages never written. */
    @Override
    public int memoryObjectDataRequest(int memoryObject, int memoryControl, long offset, long length,
            int desiredAccess) {
        order(offset, Math.max(length, PAGE_SIZE));
        PagingArea a = area();
        for (long off = offset; off < offset + Math.max(length, PAGE_SIZE); off += PAGE_SIZE) {
            PageRead read = a.readPage(memoryObject, off);
            if (read.failed()) {
                pager.log.warning("default pager: reading object " + memoryObject + " offset " + off
                        + ": device error " + read.code());
                mach.memoryObjectDataError(memoryControl, off, PAGE_SIZE, read.code());
            } else if (!read.present()) {
                pager.counters.zeroFills.incrementAndGet();
                mach.memoryObjectDataUnavailable(memoryControl, off, PAGE_SIZE);
            } else {
                pager.counters.pageins.incrementAndGet();
                mach.memoryObjectDataSupply(memoryControl, off, read.page(), VM_PROT_NONE, 0, MACH_PORT_NULL);
            }
        }
        release(memoryControl);
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectDataReturn(int memoryObject, int memoryControl, long offset, byte[] data, int dirty,
            int kernelCopy) {
        order(offset, data.length);
        store(memoryObject, memoryControl, offset, data);
        release(memoryControl);
        return KERN_SUCCESS;
    }

    /**
     * Writes pages to the area. A page the area cannot take (full, or the
     * disk failed) goes back to the kernel as a precious page, which the
     * kernel keeps and returns again later: a page is never dropped.
     */
    private void store(int memoryObject, int memoryControl, long offset, byte[] data) {
        PagingArea a = area();
        for (int at = 0; at + PAGE_SIZE <= data.length; at += PAGE_SIZE) {
            byte[] page = at == 0 && data.length == PAGE_SIZE ? data : Arrays.copyOfRange(data, at, at + PAGE_SIZE);
            int kr = a.writePage(memoryObject, offset + at, page, pager.codec);
            if (kr == 0) {
                pager.counters.pageouts.incrementAndGet();
            } else {
                pager.counters.writeFailures.incrementAndGet();
                pager.log.warning("default pager: cannot store object " + memoryObject + " offset " + (offset + at)
                        + " (device error " + kr + "): the kernel keeps it");
                mach.memoryObjectDataSupply(memoryControl, offset + at, page, VM_PROT_NONE, 1, MACH_PORT_NULL);
            }
        }
    }

    @Override
    public int memoryObjectDataUnlock(int memoryObject, int memoryControl, long offset, long length,
            int desiredAccess) {
        int kr = mach.memoryObjectLockRequest(memoryControl, offset, length, 0, 0, VM_PROT_NONE, MACH_PORT_NULL);
        release(memoryControl);
        return kr;
    }

    @Override
    public int memoryObjectLockCompleted(int memoryObject, int memoryObjectPoly, int memoryControl, long offset,
            long length) {
        release(memoryControl);
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectSupplyCompleted(int memoryObject, int memoryObjectPoly, int memoryControl, long offset,
            long length, int result, long errorOffset) {
        release(memoryControl);
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectChangeCompleted(int memoryObject, int memoryObjectPoly, int mayCache, int copyStrategy) {
        return KERN_SUCCESS;
    }

    // --- default_pager.defs -----------------------------------------------------------

    @Override
    public int defaultPagerObjectCreate(int defaultPager, int[] memoryObject, long objectSize) {
        int[] n = new int[1];
        int kr = ports.machPortAllocate(self, MACH_PORT_RIGHT_RECEIVE, n);
        if (kr == KERN_SUCCESS) {
            kr = addObject(n[0], objectSize);
        }
        if (kr != KERN_SUCCESS) {
            ports.machPortDestroy(self, n[0]);
            return kr;
        }
        memoryObject[0] = n[0];
        return KERN_SUCCESS;
    }

    @Override
    public int defaultPagerInfo(int defaultPager, long[][] info) {
        PagingArea a = area();
        long record = pager.io.recordSize();
        info[0] = new long[] {a.totalRecords() * record, a.freeRecords() * record, PAGE_SIZE};
        return KERN_SUCCESS;
    }

    /** Each object as (name, size) pairs, with a send right to each. */
    @Override
    public int defaultPagerObjects(int defaultPager, long[] objects, int[] objectsCnt, int[] ports,
            int[] portsCnt) {
        List<PagerObject> list = pager.objects.list();
        int n = Math.min(list.size(), Math.min(objects.length / 2, ports.length));
        for (int i = 0; i < n; i++) {
            PagerObject o = list.get(i);
            objects[2 * i] = o.port;
            objects[2 * i + 1] = area().size(o.port);
            ports[i] = this.ports.machPortInsertRight(self, o.port, o.port, MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS
                    ? o.port : MACH_PORT_NULL;
        }
        objectsCnt[0] = 2 * n;
        portsCnt[0] = n;
        return KERN_SUCCESS;
    }

    @Override
    public int defaultPagerObjectPages(int defaultPager, int memoryObject, long[] pages, int[] pagesCnt) {
        release(memoryObject);
        if (!area().has(memoryObject)) {
            return KERN_INVALID_ARGUMENT;
        }
        long[] offsets = area().pages(memoryObject);
        int n = Math.min(offsets.length, pages.length);
        System.arraycopy(offsets, 0, pages, 0, n);
        pagesCnt[0] = n;
        return KERN_SUCCESS;
    }

    /** One paging area, on hd0: files cannot be added. */
    @Override
    public int defaultPagerPagingFile(int defaultPager, int masterDevicePort, String filename, int add) {
        release(masterDevicePort);
        return KERN_FAILURE;
    }

    @Override
    public int defaultPagerRegisterFileserver(int defaultPager, int fileserverPort) {
        release(fileserverPort);
        return KERN_FAILURE;
    }

    @Override
    public int defaultPagerStatistics(int defaultPager, String[] implementation, long[][] statistics) {
        PagerCounters c = pager.counters;
        PagingArea a = area();
        implementation[0] = pager.implementation;
        statistics[0] = new long[] {c.pageins.get(), c.pageouts.get(), c.zeroFills.get(), a.objects().size(),
            a.pagesStored(), c.recordsRead.get(), c.recordsWritten.get(), a.counters().generation()};
        return KERN_SUCCESS;
    }
}
