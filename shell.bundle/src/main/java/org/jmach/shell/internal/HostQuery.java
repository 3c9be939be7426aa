package org.jmach.shell.internal;

import java.util.function.Function;

/**
 * A way to put questions to the host: runs {@code body} with the host
 * routines on a host port, and returns what it returns. The real one
 * ({@link NativeHostQuery}) runs the body on a native thread of a task of
 * its own; tests give the command a fake.
 */
interface HostQuery {

    /**
     * Runs {@code body} against the host and returns its result.
     *
     * @throws IllegalStateException if the host cannot be reached, naming
     *         the routine and the Mach error, or if {@code body} throws it
     */
    <T> T query(Function<HostCalls, T> body);
}
