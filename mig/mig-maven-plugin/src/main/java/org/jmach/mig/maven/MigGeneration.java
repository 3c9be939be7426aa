package org.jmach.mig.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmach.mig.Mig;
import org.jmach.mig.MigException;
import org.jmach.mig.MigOptions;

/**
 * What the goal {@code generate} does, without Maven: MIG on each configured
 * interface.
 *
 * @param defsDirectory where the interfaces' files are
 * @param includes the {@code -I} directories; {@code defsDirectory} when empty
 * @param defines the macros of every interface; a {@code null} value means "1"
 * @param outputDirectory where the generated sources go
 */
public record MigGeneration(Path defsDirectory, List<Path> includes, Map<String, String> defines,
        Path outputDirectory) {

    public MigGeneration {
        includes = includes == null || includes.isEmpty() ? List.of(defsDirectory) : List.copyOf(includes);
        defines = defines == null ? Map.of() : new LinkedHashMap<>(defines);
    }

    /**
     * MIG's options for {@code i}.
     *
     * @throws IllegalArgumentException if {@code i} names no file
     */
    public MigOptions options(Interface i) {
        if (i.getFile() == null || i.getFile().isBlank()) {
            throw new IllegalArgumentException("an <interface> without a <file>");
        }
        Map<String, String> macros = new LinkedHashMap<>();
        putAll(macros, defines);
        putAll(macros, i.getDefines());
        boolean none = i.getUser() == null && i.getServer() == null && i.getIds() == null;
        String pkg = i.getJavaPackage() == null || i.getJavaPackage().isBlank() ? Mig.DEFAULT_PACKAGE
                : i.getJavaPackage().trim();
        return new MigOptions(defsDirectory.resolve(i.getFile().trim()), includes, macros, outputDirectory, pkg,
                none || Boolean.TRUE.equals(i.getUser()), none || Boolean.TRUE.equals(i.getServer()),
                none || Boolean.TRUE.equals(i.getIds()));
    }

    /** Runs MIG on each interface with {@link Mig#run}. */
    public Map<Interface, List<Path>> generate(List<Interface> interfaces) throws MigException, IOException {
        return generate(interfaces, Mig::run);
    }

    /**
     * Runs MIG on each interface in order, stopping at the first error.
     *
     * @return each interface's files written (those that changed)
     */
    public Map<Interface, List<Path>> generate(List<Interface> interfaces, Mig.Runner runner)
            throws MigException, IOException {
        List<MigOptions> runs = new ArrayList<>();
        for (Interface i : interfaces) {
            runs.add(options(i));
        }
        Map<Interface, List<Path>> written = new LinkedHashMap<>();
        for (int k = 0; k < runs.size(); k++) {
            written.put(interfaces.get(k), runner.run(runs.get(k)));
        }
        return written;
    }

    private static void putAll(Map<String, String> to, Map<String, String> from) {
        if (from != null) {
            from.forEach((name, value) -> to.put(name.trim(), value == null ? "1" : value.trim()));
        }
    }
}
