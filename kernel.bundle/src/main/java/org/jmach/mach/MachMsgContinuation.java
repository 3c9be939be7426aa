package org.jmach.mach;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a thread does when the receive it blocked in with
 * {@link MachTraps#machMsgContinue} completes (Mach 3's continuations). The
 * blocked thread keeps no Java stack; when a message arrives, the kernel
 * calls {@link #resume} on whichever processor delivered it, usually the
 * sender's (handoff), with {@code self} standing for the resumed thread.
 */
@FunctionalInterface
@ConsumerType
public interface MachMsgContinuation {

    /**
     * @param self the traps of the resumed thread
     * @param msg the buffer the thread blocked with, now holding the message
     * @param result MACH_MSG_SUCCESS or the receive's error
     */
    void resume(MachTraps self, MachMessage msg, int result);
}
