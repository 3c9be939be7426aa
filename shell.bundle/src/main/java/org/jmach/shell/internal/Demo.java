package org.jmach.shell.internal;

import java.io.PrintStream;

import org.jmach.mach.MachTraps;

/**
 * A program {@code mach:demo NAME} can run: Java code that runs as a native
 * thread of a task of its own, and prints to the console.
 *
 * @param name what {@code mach:demo} calls it
 * @param description one line saying what it shows
 * @param program the code
 */
record Demo(String name, String description, Program program) {

    /** The code of a demo. */
    @FunctionalInterface
    interface Program {

        /**
         * Runs the demo on the calling native thread, whose traps are
         * {@code traps}; it may start more threads of its task, but must
         * have joined them when it returns.
         *
         * @param out where the demo prints; any of its task's threads may use it
         * @return 0 on success, anything else when the demo failed
         */
        int run(MachTraps traps, PrintStream out);
    }
}
