package org.jmach.mig.java;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.Subsystem;

/**
 * MIG's Java back ends. For a subsystem {@code foo_bar} they write, in the
 * package asked for:
 * <ul>
 * <li>{@code FooBarUser}: client stubs, one method per routine (the user side);</li>
 * <li>{@code FooBarServer}: the interface an implementation provides, with a
 *     type parameter for each C type its translation clauses produce, and
 *     {@code FooBarServerDemux}: the demux that dispatches requests by id to
 *     it and builds replies (the server side);</li>
 * <li>{@code FooBarIds}: the message ids.</li>
 * </ul>
 * The code depends only on jmach's public API ({@code org.jmach.mach}).
 * Arguments map to Java as: scalars by size ({@code byte}, {@code short},
 * {@code int}, {@code long}); ports and port names to {@code int} names;
 * arrays and structs to Java arrays of their basic elements; C strings to
 * {@code String}; out and inout values to one-element holders; polymorphic
 * values to a value and its type ({@code xPoly}); countinout arrays to a
 * caller's buffer and its count.
 */
public final class JavaBackend {

    private JavaBackend() {
    }

    /**
     * Generates the Java sources of {@code subsystem}.
     *
     * @throws MigException for a type the Java back end cannot represent, at the type
     * @return each file's path relative to the output directory (folders of the package) and its text
     */
    public static Map<String, String> generate(Subsystem subsystem, String javaPackage, boolean user,
            boolean server, boolean ids) throws MigException {
        Map<String, String> files = new LinkedHashMap<>();
        String dir = javaPackage.replace('.', '/') + "/";
        if (user) {
            files.put(dir + UserGen.className(subsystem) + ".java", new UserGen(subsystem, javaPackage).generate());
        }
        if (server) {
            String[] both = new ServerGen(subsystem, javaPackage).generate();
            files.put(dir + ServerGen.interfaceName(subsystem) + ".java", both[0]);
            files.put(dir + ServerGen.demuxName(subsystem) + ".java", both[1]);
        }
        if (ids) {
            files.put(dir + IdsGen.className(subsystem) + ".java", IdsGen.generate(subsystem, javaPackage));
        }
        return files;
    }
}
