package org.jmach.mig.java;

/** Java source being written: lines with indentation. */
final class Code {

    private final StringBuilder text = new StringBuilder();
    private int depth;

    /** Code at the top level of a file. */
    Code() {
    }

    /** Code starting {@code depth} blocks in (members of a class). */
    Code(int depth) {
        this.depth = depth;
    }

    /** Writes a line at the current depth; a line ending in '{' opens a block, one starting with '}' closes one. */
    Code line(String s) {
        if (s.startsWith("}")) {
            depth--;
        }
        if (!s.isEmpty()) {
            text.append("    ".repeat(Math.max(depth, 0))).append(s);
        }
        text.append('\n');
        if (s.endsWith("{")) {
            depth++;
        }
        return this;
    }

    Code blank() {
        return line("");
    }

    /** A Javadoc comment of one or more lines. */
    Code doc(String... lines) {
        if (lines.length == 1) {
            return line("/** " + lines[0] + " */");
        }
        line("/**");
        for (String l : lines) {
            line(l.isEmpty() ? " *" : " * " + l);
        }
        return line(" */");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
