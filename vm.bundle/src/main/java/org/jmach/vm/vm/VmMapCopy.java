package org.jmach.vm.vm;

import java.util.ArrayList;
import java.util.List;

import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.VmSystem;
import org.jmach.vm.spi.VmThread;

/**
 * A copy on its way (GNU Mach's entry-list {@code vm_map_copy}): pieces,
 * each a range of an object with a reference on it, to be mapped
 * copy-on-write wherever the copy lands. {@link #pageOffset} is where the
 * data starts in its first page.
 *
 * <p>Conditions: guarded by the VM lock; consumed once.
 */
final class VmMapCopy implements MapCopy {

    /** [at, at + size) of the copy, page-aligned, are the object's pages from offset on; null object: zeros. */
    record Piece(long at, long size, VmObject object, long offset) {
    }

    private static final int PAGE = VmResident.PAGE;

    private final Vm vm;
    private final long pageOffset;
    private final long size;
    private List<Piece> pieces;

    VmMapCopy(Vm vm, long pageOffset, long size, List<Piece> pieces) {
        this.vm = vm;
        this.pageOffset = pageOffset;
        this.size = size;
        this.pieces = pieces;
    }

    /**
     * Routine: vm_map_copyin of a kernel buffer. Purpose: an object whose
     * pages hold {@code data} staged, taking frames only when touched.
     * Conditions: the VM lock held.
     */
    static VmMapCopy fromBytes(Vm vm, byte[] data) {
        if (data.length == 0) {
            return new VmMapCopy(vm, 0, 0, List.of());
        }
        long span = VmMap.round(data.length);
        VmObject o = vm.objectCreate(span, true);
        for (long off = 0; off < data.length; off += PAGE) {
            int n = (int) Math.min(PAGE, data.length - off);
            if (!allZero(data, (int) off, n)) {
                byte[] page = new byte[PAGE];
                System.arraycopy(data, (int) off, page, 0, n);
                VmPage p = o.pageAlloc(off);
                p.staged = page;
                p.dirty = true;
            }
        }
        return new VmMapCopy(vm, 0, data.length, new ArrayList<>(List.of(new Piece(0, span, o, 0))));
    }

    private static boolean allZero(byte[] b, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    long pageOffset() {
        return pageOffset;
    }

    /** Bytes of whole pages the copy spans. */
    long pageSpan() {
        return VmMap.round(pageOffset + size);
    }

    /** Takes the pieces (with their references) out of the copy. Conditions: the VM lock held. */
    List<Piece> take() {
        if (pieces == null) {
            throw new IllegalStateException("vm_map_copy used twice");
        }
        List<Piece> p = pieces;
        pieces = null;
        return p;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void discard() {
        vm.lock();
        try {
            if (pieces == null) {
                return;
            }
            for (Piece p : take()) {
                vm.objectDeallocate(p.object());
            }
        } finally {
            vm.unlock();
        }
    }

    @Override
    public byte[] read(VmThread thread) {
        if (size > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] out = new byte[(int) size];
        vm.lock();
        try {
            while (true) {
                long missing = fill(out);
                if (missing < 0) {
                    return out;
                }
                if (!thread.mayBlock()) {
                    thread.faultAddress = missing;
                    return null;
                }
                // Fault the page in through a private map, then look again.
                vm.unlock();
                try {
                    faultIn(missing, thread);
                } finally {
                    vm.lock();
                }
            }
        } finally {
            vm.unlock();
        }
    }

    /** Fills {@code out}; -1 if done, else the copy offset of a page that is not resident. */
    private long fill(byte[] out) {
        for (long pos = 0; pos < size; ) {
            long at = pageOffset + pos;
            long pageAt = VmMap.trunc(at);
            int inPage = (int) (at - pageAt);
            int n = (int) Math.min(PAGE - inPage, size - pos);
            Piece piece = pieceAt(pageAt);
            byte[] data = piece == null ? null : pageData(vm, piece.object(), piece.offset() + pageAt - piece.at());
            if (piece != null && data == null) {
                return pageAt;
            }
            if (data != null) {
                System.arraycopy(data, inPage, out, (int) pos, n);
            }
            pos += n;
        }
        return -1;
    }

    private Piece pieceAt(long at) {
        for (Piece p : pieces) {
            if (at >= p.at() && at < p.at() + p.size()) {
                return p;
            }
        }
        return null;
    }

    /**
     * The bytes of the page at {@code offset} of {@code o}, read down the
     * shadow chain: a page of zeros if no object has it, null if one that
     * has it does not hold it in memory (it is the pager's, or on its way).
     * Conditions: the VM lock held.
     */
    static byte[] pageData(Vm vm, VmObject o, long offset) {
        while (o != null) {
            VmPage p = o.page(offset);
            if (p != null) {
                if (p.resident()) {
                    p.referenced = true;
                    return vm.resident.copyOut(p.frame);
                }
                if (p.staged != null) {
                    return p.staged.clone();
                }
                if (p.zeroFill) {
                    return new byte[PAGE];
                }
                return null;
            }
            if (o.pagerHas(offset) || o.pagerState == VmObject.PAGER_INIT || o.pagerState == VmObject.PAGER_CREATING) {
                return null;
            }
            offset += o.shadowOffset;
            o = o.shadow;
        }
        return new byte[PAGE];
    }

    /** Faults the page at copy offset {@code at} in by mapping the copy's piece in a scratch map. */
    private void faultIn(long at, VmThread thread) {
        VmMap scratch = new VmMap(vm);
        vm.lock();
        Piece piece;
        try {
            piece = pieceAt(at);
            if (piece == null || piece.object() == null) {
                return;
            }
            piece.object().refCount++;
            VmMapEntry e = new VmMapEntry(VmMap.ANYWHERE_BASE, VmMap.ANYWHERE_BASE + piece.size(), piece.object(),
                    piece.offset(), org.jmach.vm.VmProt.VM_PROT_READ, org.jmach.vm.VmProt.VM_PROT_READ,
                    org.jmach.vm.VmInherit.VM_INHERIT_NONE);
            e.needsCopy = true;
            scratch.entries.put(e.start, e);
        } finally {
            vm.unlock();
        }
        int kr = VmFault.fault(scratch, VmMap.ANYWHERE_BASE + at - piece.at(), org.jmach.vm.VmProt.VM_PROT_READ,
                thread);
        scratch.destroy();
        if (kr != VmReturn.KERN_SUCCESS && kr != VmSystem.VM_WOULD_BLOCK) {
            // The page cannot be had: it reads as zeros, as a failed manager's page does.
            vm.lock();
            try {
                VmObject o = piece.object();
                long off = piece.offset() + at - piece.at();
                if (o.page(off) == null) {
                    MemoryObject.stagePage(o, off, new byte[PAGE], false);
                }
            } finally {
                vm.unlock();
            }
        }
    }
}
