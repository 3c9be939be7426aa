package org.jmach.shell.internal;

/**
 * What every command says when the kernel's service it needs is missing: the
 * commands hold the kernel's services through optional dynamic references, so
 * they stay registered while no kernel is booted.
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
}
