package org.jmach.mach;

/**
 * The sending half of MIG's user side: all that the stubs of an interface
 * made only of simpleroutines need. {@link MigUser} is one, for a thread of
 * a task; the kernel has its own, to send messages such as the
 * notifications of {@code notify.defs} through the same generated stubs
 * (MIG's KernelUser).
 */
public interface MigSender {

    /**
     * Starts a request of at most {@code size} bytes: the header set, the
     * body empty. A simpleroutine passes MACH_PORT_NULL and 0 for the reply
     * port unless it has a {@code ureplyport}.
     */
    MigWriter request(int size, int dest, int destDisposition, int reply, int replyDisposition, int id);

    /** Sends the request; returns the writer's error or the send's result. */
    int send(MigWriter request, int option, int timeout);
}
