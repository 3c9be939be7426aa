package org.jmach.mig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jmach.mig.cpp.Preprocessor;
import org.jmach.mig.ir.Subsystem;
import org.jmach.mig.java.JavaBackend;
import org.jmach.mig.parse.Parser;

/**
 * MIG's driver: a {@code .defs} file through the preprocessor, the parser
 * and the Java back end to {@code .java} files, and migcom's command line.
 */
public final class Mig {

    /** The package of the generated classes when none is given. */
    public static final String DEFAULT_PACKAGE = "org.jmach.mig.generated";

    /** Exit status of success. */
    public static final int EXIT_OK = 0;
    /** Exit status of an error in an interface file, or of an I/O error. */
    public static final int EXIT_ERROR = 1;
    /** Exit status of a bad command line. */
    public static final int EXIT_USAGE = 2;

    private Mig() {
    }

    /** One run of MIG: {@link Mig#run}, or a stand-in in tests. */
    @FunctionalInterface
    public interface Runner {
        List<Path> run(MigOptions o) throws MigException, IOException;
    }

    /**
     * Runs MIG once. A file whose content would not change is left alone, so
     * that its time stamp, and with it an incremental build, stays quiet.
     *
     * @return the files written (those that were missing or changed), in the order of their paths
     */
    public static List<Path> run(MigOptions o) throws MigException, IOException {
        if (!Files.isRegularFile(o.file())) {
            throw Files.exists(o.file()) ? new IOException(o.file() + ": not a regular file")
                    : new NoSuchFileException(o.file().toString());
        }
        String text = new Preprocessor(o.includeDirs(), o.defines()).process(o.file());
        Subsystem subsystem = Parser.parse(text, o.file().toString());
        Map<String, String> sources = JavaBackend.generate(subsystem, o.javaPackage(), o.user(), o.server(), o.ids());
        return write(o.outputDir(), sources);
    }

    /**
     * Writes {@code sources} (relative path to text) under {@code outputDir},
     * creating folders, skipping files whose content is already that text.
     *
     * @return the files written, in the order of their paths
     */
    public static List<Path> write(Path outputDir, Map<String, String> sources) throws IOException {
        Path root = outputDir.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(sources).entrySet()) {
            Path target = root.resolve(e.getKey()).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IOException(e.getKey() + ": not a path inside " + outputDir);
            }
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length
                    && Arrays.equals(Files.readAllBytes(target), bytes)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
            written.add(target);
        }
        return written;
    }

    public static void main(String[] args) {
        System.exit(cli(args, System.out, System.err));
    }

    /**
     * migcom's command line (see {@link CommandLine#USAGE}).
     *
     * @return the exit status: {@link #EXIT_OK}, {@link #EXIT_ERROR} or {@link #EXIT_USAGE}
     */
    public static int cli(String[] args, PrintStream out, PrintStream err) {
        return cli(args, out, err, Mig::run);
    }

    /** {@link #cli(String[], PrintStream, PrintStream)} with {@code runner} doing the run. */
    static int cli(String[] args, PrintStream out, PrintStream err, Runner runner) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("mig: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return EXIT_USAGE;
        }
        if (line.help()) {
            out.println(CommandLine.USAGE);
            return EXIT_OK;
        }
        try {
            List<Path> written = runner.run(line.options());
            if (line.verbose()) {
                written.forEach(out::println);
            }
            return EXIT_OK;
        } catch (MigException e) {
            err.println(e.getMessage());
            return EXIT_ERROR;
        } catch (IOException e) {
            err.println("mig: " + describe(e));
            return EXIT_ERROR;
        }
    }

    /** An I/O error in words: the JDK's file exceptions often say only the file. */
    public static String describe(IOException e) {
        String what = e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NotDirectoryException ? "not a directory"
                : e instanceof FileAlreadyExistsException ? "file exists"
                : null;
        if (what != null && e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : what);
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
