package org.jmach.vm;

/**
 * The constants of the external memory management protocol
 * ({@code mach/memory_object.h}): copy strategies, what lock_request
 * returns, and the reason codes of memory_object_destroy.
 */
public final class MemoryObjectConstants {

    /** The manager never changes the data behind the kernel's back; copies copy eagerly. */
    public static final int MEMORY_OBJECT_COPY_NONE = 0;
    /** The kernel asks the manager (memory_object_copy) to make copies. */
    public static final int MEMORY_OBJECT_COPY_CALL = 1;
    /** Copies are copy-on-write: the manager changes data only through the kernel. */
    public static final int MEMORY_OBJECT_COPY_DELAY = 2;
    /** Like DELAY, and the object lives only as long as the kernel maps it. */
    public static final int MEMORY_OBJECT_COPY_TEMPORARY = 3;

    /** lock_request returns no pages. */
    public static final int MEMORY_OBJECT_RETURN_NONE = 0;
    /** lock_request returns the dirty pages (and precious ones). */
    public static final int MEMORY_OBJECT_RETURN_DIRTY = 1;
    /** lock_request returns every resident page. */
    public static final int MEMORY_OBJECT_RETURN_ALL = 2;

    private MemoryObjectConstants() {
    }

    /** "none", "call", "delay" or "temporary". */
    public static String copyStrategyName(int strategy) {
        switch (strategy) {
            case MEMORY_OBJECT_COPY_NONE: return "none";
            case MEMORY_OBJECT_COPY_CALL: return "call";
            case MEMORY_OBJECT_COPY_DELAY: return "delay";
            case MEMORY_OBJECT_COPY_TEMPORARY: return "temporary";
            default: return Integer.toString(strategy);
        }
    }
}
