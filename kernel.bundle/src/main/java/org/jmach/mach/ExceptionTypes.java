package org.jmach.mach;

/**
 * Exception types ({@code <mach/exception.h>}): the {@code exception}
 * argument of exception_raise. The {@code code} and {@code subcode}
 * arguments say more; for EXC_BAD_ACCESS the code is a kern_return_t
 * (KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE) and the subcode the
 * faulting address.
 */
public final class ExceptionTypes {

    /** Could not access memory; code: a kern_return_t; subcode: the address. */
    public static final int EXC_BAD_ACCESS = 1;
    /** Illegal or undefined instruction or operand. */
    public static final int EXC_BAD_INSTRUCTION = 2;
    /** Arithmetic exception (division by zero, overflow). */
    public static final int EXC_ARITHMETIC = 3;
    /** An emulation instruction was executed. */
    public static final int EXC_EMULATION = 4;
    /** Software generated exception; code 0x10000–0x1ffff are for user programs. */
    public static final int EXC_SOFTWARE = 5;
    /** Trace, breakpoint. */
    public static final int EXC_BREAKPOINT = 6;
    /** A system call not handled by the kernel (OSF Mach's number). */
    public static final int EXC_SYSCALL = 7;

    private static final String[] NAMES = {
        null, "EXC_BAD_ACCESS", "EXC_BAD_INSTRUCTION", "EXC_ARITHMETIC", "EXC_EMULATION",
        "EXC_SOFTWARE", "EXC_BREAKPOINT", "EXC_SYSCALL",
    };

    private ExceptionTypes() {
    }

    /** The Mach name of an exception type, or its number. */
    public static String name(int exception) {
        return exception > 0 && exception < NAMES.length ? NAMES[exception] : Integer.toString(exception);
    }
}
