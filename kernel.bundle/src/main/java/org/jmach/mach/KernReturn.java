package org.jmach.mach;

/**
 * Kernel return codes ({@code kern_return_t}), with the values of Mach's
 * {@code <mach/kern_return.h>}. Every kernel routine returns one of these;
 * none throws.
 */
public final class KernReturn {

    public static final int KERN_SUCCESS = 0;
    /** Specified address is not currently valid. */
    public static final int KERN_INVALID_ADDRESS = 1;
    /** Specified memory is valid, but does not permit the required access. */
    public static final int KERN_PROTECTION_FAILURE = 2;
    /** The address range is in use, or no range of the size could be found. */
    public static final int KERN_NO_SPACE = 3;
    /** The function does not apply to this argument, or an argument is bad. */
    public static final int KERN_INVALID_ARGUMENT = 4;
    /** The function could not be performed; a catch-all. */
    public static final int KERN_FAILURE = 5;
    /** A system resource could not be allocated; may not be permanent. */
    public static final int KERN_RESOURCE_SHORTAGE = 6;
    /** The task does not hold receive rights for the port argument. */
    public static final int KERN_NOT_RECEIVER = 7;
    /** Bogus access restriction. */
    public static final int KERN_NO_ACCESS = 8;
    /** The faulting address refers to a destroyed memory object; permanent. */
    public static final int KERN_MEMORY_FAILURE = 9;
    /** The memory object could not return the data; may be temporary. */
    public static final int KERN_MEMORY_ERROR = 10;
    // 11 was KERN_ALREADY_IN_SET, obsolete in Mach 3.
    /** The receive right is not a member of a port set. */
    public static final int KERN_NOT_IN_SET = 12;
    /** The name already denotes a right in the task. */
    public static final int KERN_NAME_EXISTS = 13;
    /** The operation was aborted; IPC reflects it as a message error. */
    public static final int KERN_ABORTED = 14;
    /** The name does not denote a right in the task. */
    public static final int KERN_INVALID_NAME = 15;
    /** Target task is not an active task. */
    public static final int KERN_INVALID_TASK = 16;
    /** The name denotes a right, but not an appropriate right. */
    public static final int KERN_INVALID_RIGHT = 17;
    /** A blatant range error. */
    public static final int KERN_INVALID_VALUE = 18;
    /** The operation would overflow the limit on user references. */
    public static final int KERN_UREFS_OVERFLOW = 19;
    /** The supplied port capability is improper. */
    public static final int KERN_INVALID_CAPABILITY = 20;
    /** The task already has send or receive rights for the port under another name. */
    public static final int KERN_RIGHT_EXISTS = 21;
    /** Target host is not actually a host. */
    public static final int KERN_INVALID_HOST = 22;
    /** Precious data was supplied for memory already present in a memory object. */
    public static final int KERN_MEMORY_PRESENT = 23;
    /** A write was made to a page marked VM_PROT_NOTIFY. */
    public static final int KERN_WRITE_PROTECTION_FAILURE = 24;
    /** The object has been terminated and is no longer available. */
    public static final int KERN_TERMINATED = 26;

    private static final String[] NAMES = {
        "KERN_SUCCESS", "KERN_INVALID_ADDRESS", "KERN_PROTECTION_FAILURE", "KERN_NO_SPACE",
        "KERN_INVALID_ARGUMENT", "KERN_FAILURE", "KERN_RESOURCE_SHORTAGE", "KERN_NOT_RECEIVER",
        "KERN_NO_ACCESS", "KERN_MEMORY_FAILURE", "KERN_MEMORY_ERROR", null,
        "KERN_NOT_IN_SET", "KERN_NAME_EXISTS", "KERN_ABORTED", "KERN_INVALID_NAME",
        "KERN_INVALID_TASK", "KERN_INVALID_RIGHT", "KERN_INVALID_VALUE", "KERN_UREFS_OVERFLOW",
        "KERN_INVALID_CAPABILITY", "KERN_RIGHT_EXISTS", "KERN_INVALID_HOST", "KERN_MEMORY_PRESENT",
        "KERN_WRITE_PROTECTION_FAILURE", null, "KERN_TERMINATED",
    };

    private KernReturn() {
    }

    /**
     * The Mach name of a return code, as {@code mach_error_string} would
     * name it, or {@code "(kern_return_t) N"} for a number Mach does not define.
     */
    public static String name(int kr) {
        if (kr >= 0 && kr < NAMES.length && NAMES[kr] != null) {
            return NAMES[kr];
        }
        return "(kern_return_t) " + kr;
    }
}
