package org.jmach.shell.internal;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachMsgReturn;

/**
 * What every command says when the kernel's service it needs is missing (the
 * commands hold the kernel's services through optional dynamic references, so
 * they stay registered while no kernel is booted) or when a kernel routine
 * fails.
 */
final class Kernel {

    private Kernel() {
    }

    /**
     * The service of a booted kernel.
     *
     * @param service a command's current reference, null while no kernel is booted
     * @return {@code service}
     * @throws IllegalStateException if {@code service} is null; the shell reports
     *         it as the command's failure
     */
    static <T> T booted(T service) {
        if (service == null) {
            throw new IllegalStateException("no kernel is booted (is the machine configuration "
                    + "org.jmach.hw valid? the log says why not)");
        }
        return service;
    }

    /**
     * Checks the Mach code a routine returned.
     *
     * @throws IllegalStateException unless {@code code} is KERN_SUCCESS,
     *         naming {@code routine} and the error (a kern_return_t, or the
     *         mach_msg or MIG code of the routine's message)
     */
    static void check(String routine, int code) {
        if (code != KernReturn.KERN_SUCCESS) {
            throw new IllegalStateException(routine + " failed: " + MachMsgReturn.name(code));
        }
    }
}
