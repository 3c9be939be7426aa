package org.jmach.pager.server;

/**
 * The names the pager task keeps its lasting ports under, chosen with
 * mach_port_allocate_name when the task is first set up, so that any
 * implementation attaching later finds them without asking anyone: the
 * task outlives the bundles that serve it, and these names are all a new
 * implementation needs to know. Their indexes lie far above those the
 * kernel hands out in order, so they never collide with allocated names.
 */
final class PagerNames {

    /** The task's registered name, by which implementations find it. */
    static final String TASK = "default-pager";

    /**
     * The baton: a receive right holding one message while no
     * implementation serves. An implementation serves only while it holds
     * the message, and sends it back when it detaches, so two
     * implementations never serve at once and the next waits in mach_msg.
     */
    static final int BATON = 0x7ff00001;
    /** The port set every serving thread receives on: the default port and every memory object. */
    static final int PORT_SET = 0x7ff00101;
    /** The default memory manager port, registered with vm_set_default_memory_manager. */
    static final int DEFAULT_PORT = 0x7ff00201;

    /** Message id of the baton. */
    static final int BATON_ID = 0x6a6d0001;
    /** Message id of a request for the serving threads to end, on the implementation's own port. */
    static final int QUIT_ID = 0x6a6d0002;

    private PagerNames() {
    }
}
