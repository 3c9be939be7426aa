package org.jmach.mig.ir;

import java.util.List;
import java.util.Map;

/**
 * A parsed interface: the subsystem statement and everything declared
 * after it.
 *
 * @param name the subsystem's name
 * @param base the message id of its first routine
 * @param idCount how many ids the subsystem holds: routines and skips
 * @param kernelUser {@code KernelUser}: the user side runs in the kernel
 * @param kernelServer {@code KernelServer}: the server side runs in the kernel
 * @param routines routines in order of id; skipped ids are absent
 * @param types every type declared, by name, in declaration order (built-ins included)
 * @param imports import, uimport and simport statements in order
 * @param serverDemux the demux routine's name ({@code serverdemux}), or null for MIG's default
 * @param rcsId the {@code rcsid} string, or null
 * @param pos where the subsystem keyword is
 */
public record Subsystem(String name, int base, int idCount, boolean kernelUser, boolean kernelServer, List<Routine> routines,
        Map<String, MigType> types, List<Import> imports, String serverDemux, String rcsId, SourcePos pos) {

    public Subsystem {
        routines = List.copyOf(routines);
        types = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(types));
        imports = List.copyOf(imports);
    }

}
