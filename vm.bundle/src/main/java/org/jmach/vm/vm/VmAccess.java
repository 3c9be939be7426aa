package org.jmach.vm.vm;

import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.jmach.vm.VmProt.VM_PROT_WRITE;
import static org.jmach.vm.vm.VmReturn.KERN_INVALID_ADDRESS;
import static org.jmach.vm.vm.VmReturn.KERN_SUCCESS;

import org.jmach.vm.spi.AddressMap;
import org.jmach.vm.spi.VmThread;

/**
 * The accessor: task memory read and written as the CPU's MMU does it.
 * Each page goes through the pmap under its read lock; a missing or
 * read-only translation is a fault ({@link VmFault}), taken with no lock
 * held, after which the access is tried again. Reference and modify bits
 * are set here, as the MMU sets them.
 */
final class VmAccess {

    private static final int PAGE = VmResident.PAGE;

    private VmAccess() {
    }

    /**
     * Copies between task memory and {@code buf}. Returns KERN_SUCCESS or
     * the fault's code, with {@link VmThread#faultAddress} set.
     */
    static int access(VmMap map, long address, byte[] buf, int offset, int length, boolean write, VmThread t) {
        if (length < 0 || offset < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException("buffer range " + offset + "+" + length);
        }
        if (address < 0 || address > AddressMap.MAX_ADDRESS - length) {
            t.faultAddress = address;
            return KERN_INVALID_ADDRESS;
        }
        VmResident frames = map.vm.resident;
        int done = 0;
        while (done < length) {
            long a = address + done;
            int inPage = (int) (a & (PAGE - 1));
            int n = Math.min(length - done, PAGE - inPage);
            long vpn = a / PAGE;
            boolean hit = false;
            long stamp = map.pmap.lock.readLock();
            try {
                Pmap.Pte pte = map.pmap.lookup(vpn);
                if (pte != null && (!write || pte.allows(VM_PROT_WRITE))) {
                    VmPage page = pte.page;
                    if (!page.referenced) {
                        page.referenced = true;
                    }
                    if (write) {
                        if (!page.dirty) {
                            page.dirty = true;
                        }
                        frames.write(pte.frame, inPage, buf, offset + done, n);
                    } else {
                        frames.read(pte.frame, inPage, buf, offset + done, n);
                    }
                    hit = true;
                }
            } finally {
                map.pmap.lock.unlockRead(stamp);
            }
            if (hit) {
                done += n;
                continue;
            }
            int kr = VmFault.fault(map, a, write ? VM_PROT_WRITE : VM_PROT_READ, t);
            if (kr != KERN_SUCCESS) {
                t.faultAddress = a;
                return kr;
            }
        }
        return KERN_SUCCESS;
    }
}
