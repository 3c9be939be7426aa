package org.jmach.mig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MIG's command line, parsed: migcom's options, with {@code -package} for
 * the Java package of the generated classes.
 *
 * @param options the run it asks for ({@code null} with {@code help})
 * @param verbose {@code -v}: list the files written
 * @param help {@code -h} or {@code --help}: print the usage and do nothing else
 */
public record CommandLine(MigOptions options, boolean verbose, boolean help) {

    /** The usage line. */
    public static final String USAGE = "usage: mig [-I DIR]... [-D NAME[=VALUE]]... [-package PKG]"
            + " [-user] [-server] [-ids] [-v] FILE.defs -o OUTDIR";

    private static final Pattern MACRO = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PACKAGE = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    /** A command line that does not make sense; the message says why. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args}. With none of {@code -user}, {@code -server} and
     * {@code -ids}, all three sides are generated.
     */
    public static CommandLine parse(String[] args) throws UsageException {
        List<Path> includes = new ArrayList<>();
        Map<String, String> defines = new LinkedHashMap<>();
        String pkg = null;
        Path file = null;
        Path out = null;
        boolean user = false, server = false, ids = false, verbose = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("-help") || a.equals("--help")) {
                return new CommandLine(null, false, true);
            } else if (a.startsWith("-I")) {
                String dir = a.length() > 2 ? a.substring(2) : value(args, ++i, "-I needs a directory");
                includes.add(Path.of(dir));
            } else if (a.startsWith("-D")) {
                define(defines, a.length() > 2 ? a.substring(2) : value(args, ++i, "-D needs a macro name"));
            } else if (a.equals("-package")) {
                if (pkg != null) {
                    throw new UsageException("-package given twice");
                }
                pkg = value(args, ++i, "-package needs a package name");
                if (!PACKAGE.matcher(pkg).matches()) {
                    throw new UsageException("-package: '" + pkg + "' is not a Java package name");
                }
            } else if (a.equals("-o")) {
                if (out != null) {
                    throw new UsageException("-o given twice");
                }
                out = Path.of(value(args, ++i, "-o needs a directory"));
            } else if (a.equals("-user")) {
                user = true;
            } else if (a.equals("-server")) {
                server = true;
            } else if (a.equals("-ids")) {
                ids = true;
            } else if (a.equals("-v")) {
                verbose = true;
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option '" + a + "'");
            } else if (file != null) {
                throw new UsageException("two interface files, '" + file + "' and '" + a + "'");
            } else {
                file = Path.of(a);
            }
        }
        if (file == null) {
            throw new UsageException("no interface file");
        }
        if (out == null) {
            throw new UsageException("no output directory (-o)");
        }
        if (!user && !server && !ids) {
            user = server = ids = true;
        }
        return new CommandLine(new MigOptions(file, includes, defines, out,
                pkg != null ? pkg : Mig.DEFAULT_PACKAGE, user, server, ids), verbose, false);
    }

    private static String value(String[] args, int i, String missing) throws UsageException {
        if (i >= args.length || args[i].isEmpty()) {
            throw new UsageException(missing);
        }
        return args[i];
    }

    /** Adds {@code NAME[=VALUE]} to {@code defines}; a later one wins, as in cc. */
    private static void define(Map<String, String> defines, String def) throws UsageException {
        int eq = def.indexOf('=');
        String name = eq < 0 ? def : def.substring(0, eq);
        if (!MACRO.matcher(name).matches()) {
            throw new UsageException("-D: '" + name + "' is not a macro name");
        }
        defines.remove(name);
        defines.put(name, eq < 0 ? "1" : def.substring(eq + 1));
    }
}
