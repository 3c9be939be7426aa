package org.jmach.vm.vm;

/**
 * The kern_return_t values VM gives ({@code mach/kern_return.h}). They are
 * the numbers of {@code org.jmach.mach.KernReturn}, which this bundle
 * cannot import (the kernel imports VM); a kernel test checks that the two
 * agree.
 */
final class VmReturn {

    static final int KERN_SUCCESS = 0;
    static final int KERN_INVALID_ADDRESS = 1;
    static final int KERN_PROTECTION_FAILURE = 2;
    static final int KERN_NO_SPACE = 3;
    static final int KERN_INVALID_ARGUMENT = 4;
    static final int KERN_FAILURE = 5;
    static final int KERN_NO_ACCESS = 8;
    static final int KERN_MEMORY_FAILURE = 9;
    static final int KERN_MEMORY_ERROR = 10;

    private VmReturn() {
    }
}
