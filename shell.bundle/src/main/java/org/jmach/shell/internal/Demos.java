package org.jmach.shell.internal;

import java.util.List;

import org.jmach.cthreads.BoundedBufferDemo;

/** The demos {@code mach:demo} knows, in the order it lists them. */
final class Demos {

    private Demos() {
    }

    /** The known demos. */
    static List<Demo> known() {
        return List.of(
                new Demo("bounded-buffer", "C threads: a producer and a consumer over a buffer of "
                        + BoundedBufferDemo.SLOTS + " slots (a mutex, two conditions)",
                        BoundedBufferDemo::run));
    }
}
