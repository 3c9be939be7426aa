package org.jmach.mig.java;

import java.util.Map;

import org.jmach.mig.ir.Subsystem;

/**
 * MIG's Java back ends. (Skeleton: the interface the driver codes against.)
 */
public final class JavaBackend {

    private JavaBackend() {
    }

    /**
     * Generates the Java sources of {@code subsystem}.
     *
     * @return each file's path relative to the output directory (folders of the package) and its text
     */
    public static Map<String, String> generate(Subsystem subsystem, String javaPackage, boolean user,
            boolean server, boolean ids) {
        throw new UnsupportedOperationException("not yet");
    }
}
