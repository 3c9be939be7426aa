package org.jmach.vm;

/** vm_inherit_t ({@code mach/vm_inherit.h}): what a child task gets of a region at task_create. */
public final class VmInherit {

    /** The child shares the region with its parent. */
    public static final int VM_INHERIT_SHARE = 0;
    /** The child gets a copy (copy-on-write). */
    public static final int VM_INHERIT_COPY = 1;
    /** The child gets a hole. */
    public static final int VM_INHERIT_NONE = 2;
    public static final int VM_INHERIT_DONATE_COPY = 3;
    public static final int VM_INHERIT_DEFAULT = VM_INHERIT_COPY;
    public static final int VM_INHERIT_LAST_VALID = VM_INHERIT_NONE;

    private VmInherit() {
    }

    /** "share", "copy" or "none". */
    public static String toString(int inheritance) {
        switch (inheritance) {
            case VM_INHERIT_SHARE: return "share";
            case VM_INHERIT_COPY: return "copy";
            case VM_INHERIT_NONE: return "none";
            default: return Integer.toString(inheritance);
        }
    }
}
