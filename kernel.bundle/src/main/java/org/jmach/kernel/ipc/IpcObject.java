package org.jmach.kernel.ipc;

/**
 * What a right in an IPC space denotes: a port or a port set (GNU Mach's
 * {@code ipc/ipc_object.h}). All IPC state of one boot is guarded by that
 * boot's {@link Ipc#lock}; objects have no locks of their own.
 *
 * <p>Memory is left to the Java collector, but nothing Mach can observe
 * depends on it: send-right and send-once-right counts, receivers and
 * liveness are kept explicitly ({@link IpcPort}).
 */
public abstract class IpcObject {

    /**
     * The object a message carries for MACH_PORT_DEAD (GNU Mach's
     * {@code IO_DEAD}); {@code null} stands for MACH_PORT_NULL.
     */
    static final IpcObject DEAD = new IpcObject() {
        @Override
        boolean isActive() {
            return false;
        }

        @Override
        public String toString() {
            return "MACH_PORT_DEAD";
        }
    };

    IpcObject() {
    }

    /** Whether the object is alive. Conditions: the IPC lock held. */
    abstract boolean isActive();

    /** Neither NULL nor DEAD (GNU Mach's {@code IO_VALID}). */
    static boolean valid(IpcObject object) {
        return object != null && object != DEAD;
    }
}
