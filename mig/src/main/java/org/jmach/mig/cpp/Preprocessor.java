package org.jmach.mig.cpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmach.mig.MigException;

/**
 * MIG's C preprocessor: {@code #include}, {@code #define} and
 * {@code #undef}, conditional compilation, comments and line splices, as
 * cpp does them for {@code .defs} files.
 *
 * <p>The output is the text to parse, with {@code # LINE "FILE"} markers
 * wherever the position stops following from the previous line. A token read
 * from the source keeps its column; a token of a macro expansion is placed on
 * the line of the invocation. Errors are {@link MigException}s at the
 * offending place: for a directive, the directive's name (or the operand
 * at fault); for a macro invocation, the macro's name.
 */
public final class Preprocessor {

    private final List<Path> includeDirs;
    private final Map<String, String> defines;

    /**
     * @param includeDirs the {@code -I} directories, searched in order
     * @param defines macros defined as {@code -D NAME=VALUE} would; a key may
     *        be {@code F(x)} for a function-like macro
     */
    public Preprocessor(List<Path> includeDirs, Map<String, String> defines) {
        this.includeDirs = List.copyOf(includeDirs);
        this.defines = new LinkedHashMap<>(defines);
    }

    /**
     * Preprocesses {@code file}: the result is the text to parse, with
     * {@code # LINE "FILE"} markers wherever the source position stops
     * following from the previous line.
     */
    public String process(Path file) throws MigException, IOException {
        MacroTable macros = new MacroTable();
        for (Map.Entry<String, String> d : defines.entrySet()) {
            macros.defineFromCommandLine(d.getKey(), d.getValue());
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        SourceStream source = new SourceStream(macros, new IncludeResolver(includeDirs));
        source.push(file, file.toString(), text);
        MacroExpander expander = new MacroExpander(macros, source);
        MarkedOutput out = new MarkedOutput(file.toString());
        for (Token t = expander.next(); t != null; t = expander.next()) {
            out.append(t);
        }
        return out.finish();
    }
}
