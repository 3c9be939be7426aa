package org.jmach.mig.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.io.TempDir;

/** Files in a temporary directory, the preprocessor run on them, and a reader of its output's positions. */
abstract class PreprocessorTestSupport {

    private static final Pattern MARKER = Pattern.compile("# (\\d+) \"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|[A-Za-z_$][A-Za-z0-9_$]*|[0-9][A-Za-z0-9_.]*|\\S");

    @TempDir
    Path dir;

    /** A token of the output and the source position the line markers give it. */
    record Located(String text, SourcePos pos) {
    }

    Path write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String run(Path file) throws MigException, IOException {
        return run(file, List.of(), Map.of());
    }

    String run(Path file, List<Path> includeDirs, Map<String, String> defines) throws MigException, IOException {
        return new Preprocessor(includeDirs, defines).process(file);
    }

    /** Preprocesses a file named {@code main.defs} holding {@code text}. */
    String runText(String text) throws MigException, IOException {
        return run(write("main.defs", text));
    }

    /** The message of the error preprocessing {@code file} gives. */
    String error(Path file) {
        return error(file, List.of(), Map.of());
    }

    String error(Path file, List<Path> includeDirs, Map<String, String> defines) {
        return assertThrows(MigException.class, () -> run(file, includeDirs, defines)).getMessage();
    }

    /** The message of the error preprocessing a file {@code main.defs} holding {@code text} gives. */
    String errorText(String text) {
        return error(write("main.defs", text));
    }

    /** The file name the output gives to {@code name} in the temporary directory. */
    String name(String name) {
        return dir.resolve(name).toString();
    }

    /** The tokens of {@code output}, each with the position its line markers say. */
    static List<Located> tokens(String output) {
        List<Located> tokens = new ArrayList<>();
        String file = "?";
        int line = 1;
        for (String text : output.split("\n", -1)) {
            Matcher m = MARKER.matcher(text);
            if (m.matches()) {
                line = Integer.parseInt(m.group(1));
                file = m.group(2).replaceAll("\\\\(.)", "$1");
                continue;
            }
            Matcher t = TOKEN.matcher(text);
            while (t.find()) {
                tokens.add(new Located(t.group(), new SourcePos(file, line, t.start() + 1)));
            }
            line++;
        }
        return tokens;
    }

    /** The tokens of {@code output} separated by single spaces, markers and layout left out. */
    static String flat(String output) {
        return String.join(" ", tokens(output).stream().map(Located::text).toList());
    }

    /** Where the {@code n}th (from 0) token {@code text} of {@code output} is. */
    static SourcePos posOf(String output, String text, int n) {
        int seen = 0;
        for (Located l : tokens(output)) {
            if (l.text().equals(text) && seen++ == n) {
                return l.pos();
            }
        }
        throw new AssertionError("no token " + text + " #" + n + " in:\n" + output);
    }

    static SourcePos posOf(String output, String text) {
        return posOf(output, text, 0);
    }

    static void assertPos(SourcePos expected, SourcePos actual) {
        assertEquals(expected, actual);
    }
}
