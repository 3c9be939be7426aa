package org.jmach.kernel.mig;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.jmach.mig.Mig;

/**
 * What the MIG tests of this module share: MIG's command line run in
 * process, and the generated sources compiled with the JDK's compiler
 * against the test class path (which holds the kernel's public API,
 * {@code org.jmach.mach}, that generated code depends on), then loaded.
 */
final class MigJavac {

    private MigJavac() {
    }

    /** What one run of MIG's command line printed and returned. */
    record CliRun(int status, String out, String err) {
    }

    /** {@code Mig.cli(args, out, err)}: the entry {@code ./mach mig} uses. */
    static CliRun cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Mig.cli(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The {@code .java} files under {@code root}, sorted. */
    static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /**
     * Compiles every {@code .java} file under {@code sources} into
     * {@code classes}, with the test class path; fails, listing each error,
     * if any error is reported.
     */
    static void compile(Path sources, Path classes) throws IOException {
        List<Path> files = javaFiles(sources);
        assertTrue(!files.isEmpty(), "no Java sources under " + sources);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "no system Java compiler (running on a JRE?)");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            ok = javac.getTask(output, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String where = d.getSource() == null ? "" : sources.relativize(Path.of(d.getSource().toUri()))
                        + ":" + d.getLineNumber() + ": ";
                errors.add(where + d.getMessage(Locale.ROOT) + lineOf(d));
            }
        }
        if (!errors.isEmpty() || !ok) {
            errors.forEach(System.err::println);
            fail(errors.size() + " compile error(s) in " + files.size() + " generated files:\n  "
                    + String.join("\n  ", errors) + (output.toString().isBlank() ? "" : "\n" + output));
        }
    }

    /** The source line a diagnostic points at, to show with it. */
    private static String lineOf(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || d.getLineNumber() <= 0) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(d.getSource().toUri()));
            return "\n      | " + lines.get((int) d.getLineNumber() - 1).strip();
        } catch (IOException | IndexOutOfBoundsException e) {
            return "";
        }
    }

    /** A class loader over compiled {@code classes}, delegating to the test's (for org.jmach.mach). */
    static URLClassLoader loader(Path classes) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, MigJavac.class.getClassLoader());
    }

    /** A public static int constant of a compiled class. */
    static int constant(ClassLoader loader, String className, String field) {
        try {
            return Class.forName(className, true, loader).getField(field).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(className + "." + field + ": " + e, e);
        }
    }

    /** Whether a compiled class has the public static field. */
    static boolean hasConstant(ClassLoader loader, String className, String field) {
        try {
            Class.forName(className, true, loader).getField(field);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(className + ": " + e, e);
        }
    }
}
