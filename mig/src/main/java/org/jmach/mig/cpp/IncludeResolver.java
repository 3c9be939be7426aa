package org.jmach.mig.cpp;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the file an {@code #include} names. */
final class IncludeResolver {

    private final List<Path> includeDirs;

    IncludeResolver(List<Path> includeDirs) {
        this.includeDirs = List.copyOf(includeDirs);
    }

    /**
     * The file {@code name} names, or null: for {@code "name"} the including
     * file's directory is searched first, then the include directories in order;
     * for {@code <name>} only the include directories.
     */
    Path resolve(String name, boolean quoted, Path includingFile) {
        List<Path> dirs = new ArrayList<>();
        if (quoted) {
            Path parent = includingFile.getParent();
            dirs.add(parent == null ? Path.of("") : parent);
        }
        dirs.addAll(includeDirs);
        for (Path dir : dirs) {
            try {
                Path candidate = dir.resolve(name).normalize();
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            } catch (InvalidPathException e) {
                return null;
            }
        }
        return null;
    }
}
