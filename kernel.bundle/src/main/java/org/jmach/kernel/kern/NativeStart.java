package org.jmach.kernel.kern;

import static org.jmach.mach.ExceptionTypes.EXC_BAD_ACCESS;
import static org.jmach.mach.KernReturn.KERN_INVALID_ADDRESS;
import static org.jmach.mach.KernReturn.KERN_TERMINATED;

import org.jmach.mach.MachTraps;
import org.jmach.mach.NativeEntry;
import org.jmach.mach.NativeThreadState;

/**
 * Where a thread made by thread_create starts: the Java entry point its
 * program counter names, called with its argument registers. A program
 * counter that names no entry point is a bad access at that address
 * (EXC_BAD_ACCESS): a handler may set the registers and resume the thread,
 * which then starts at the new program counter.
 */
final class NativeStart {

    private NativeStart() {
    }

    /** Runs as {@code thread}, on its own Java thread, once it holds a processor. */
    static void run(Thread thread, MachTraps traps) {
        while (true) {
            NativeThreadState state = thread.nativeState();
            NativeEntry entry = thread.task().nativeEntryAt(state.pc());
            if (entry != null) {
                entry.run(traps, state.args());
                return;
            }
            if (traps.raiseException(EXC_BAD_ACCESS, KERN_INVALID_ADDRESS, state.pc()) == KERN_TERMINATED) {
                return;
            }
        }
    }
}
