package org.jmach.cthreads;

/**
 * A C threads operation could not be done: a kernel call the library made
 * failed (the message names the Mach return code), or, from
 * {@link CThreads#cthreadJoin}, the joined cthread ended by throwing (the
 * cause is what it threw). C threads would print and exit the task; Java code
 * gets an exception instead.
 */
public class CThreadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public CThreadException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public CThreadException(String message, Throwable cause) {
        super(message, cause);
    }
}
