package org.jmach.launcher.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a console line into its commands at the semicolons that separate
 * them, leaving alone a semicolon inside quotes, braces, brackets or
 * parentheses, where Gogo gives it another meaning.
 */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * Returns the commands of {@code line}, trimmed, empty ones dropped.
     *
     * @throws IllegalArgumentException if a quote or bracket is left open,
     *         with the column where it opened
     */
    static List<String> split(String line) {
        List<String> commands = new ArrayList<>();
        StringBuilder closers = new StringBuilder();
        int[] openedAt = new int[line.length() + 1];
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char expected = closers.length() == 0 ? 0 : closers.charAt(closers.length() - 1);
            if (expected == '\'' || expected == '"') {
                if (c == '\\' && expected == '"') {
                    i++;
                } else if (c == expected) {
                    closers.setLength(closers.length() - 1);
                }
                continue;
            }
            switch (c) {
                case '\\' -> i++;
                case '\'', '"' -> open(closers, openedAt, c, i);
                case '{' -> open(closers, openedAt, '}', i);
                case '[' -> open(closers, openedAt, ']', i);
                case '(' -> open(closers, openedAt, ')', i);
                case '}', ']', ')' -> {
                    if (c != expected) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at column " + (i + 1));
                    }
                    closers.setLength(closers.length() - 1);
                }
                case ';' -> {
                    if (closers.length() == 0) {
                        add(commands, line.substring(start, i));
                        start = i + 1;
                    }
                }
                default -> { }
            }
        }
        if (closers.length() > 0) {
            int depth = closers.length() - 1;
            throw new IllegalArgumentException("unclosed '" + line.charAt(openedAt[depth])
                    + "' opened at column " + (openedAt[depth] + 1));
        }
        add(commands, line.substring(start));
        return commands;
    }

    private static void open(StringBuilder closers, int[] openedAt, char closer, int at) {
        openedAt[closers.length()] = at;
        closers.append(closer);
    }

    private static void add(List<String> commands, String command) {
        String trimmed = command.trim();
        if (!trimmed.isEmpty()) {
            commands.add(trimmed);
        }
    }
}
