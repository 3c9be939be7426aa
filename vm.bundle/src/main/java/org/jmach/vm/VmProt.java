package org.jmach.vm;

/** vm_prot_t ({@code mach/vm_prot.h}): what may be done to a page. */
public final class VmProt {

    public static final int VM_PROT_NONE = 0x0;
    public static final int VM_PROT_READ = 0x1;
    public static final int VM_PROT_WRITE = 0x2;
    public static final int VM_PROT_EXECUTE = 0x4;
    /** What vm_allocate gives: read and write. */
    public static final int VM_PROT_DEFAULT = VM_PROT_READ | VM_PROT_WRITE;
    public static final int VM_PROT_ALL = VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE;
    /** In a lock value: leave the page's lock as it is. */
    public static final int VM_PROT_NO_CHANGE = 0x8;
    public static final int VM_PROT_NOTIFY = 0x10;

    private VmProt() {
    }

    /** "rwx" form of a protection, "-" for each right missing. */
    public static String toString(int prot) {
        return ((prot & VM_PROT_READ) != 0 ? "r" : "-") + ((prot & VM_PROT_WRITE) != 0 ? "w" : "-")
                + ((prot & VM_PROT_EXECUTE) != 0 ? "x" : "-");
    }
}
