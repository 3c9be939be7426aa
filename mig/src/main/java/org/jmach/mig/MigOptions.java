package org.jmach.mig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run of MIG, as migcom's command line or the Maven goal describes it.
 *
 * @param file the {@code .defs} file
 * @param includeDirs {@code -I} directories, searched in order after the including file's own
 * @param defines {@code -D NAME[=VALUE]} macros ("1" when no value is given)
 * @param outputDir where the generated {@code .java} files go (in folders of their package)
 * @param javaPackage the package of the generated classes
 * @param user whether to write the user side (client stubs)
 * @param server whether to write the server side (implementation interface and demux)
 * @param ids whether to write the message ids
 */
public record MigOptions(Path file, List<Path> includeDirs, Map<String, String> defines, Path outputDir,
        String javaPackage, boolean user, boolean server, boolean ids) {

    public MigOptions {
        includeDirs = List.copyOf(includeDirs);
        defines = Map.copyOf(defines);
    }
}
