package org.jmach.mig.java;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jmach.mig.ir.Routine;

/**
 * The per-call options of a user stub: {@code waittime} and
 * {@code msgoption} statements give a C expression of numbers, Mach
 * constants and names. Numbers and operators stay as written, a Mach
 * constant becomes the {@code Message} field of that name, and any other
 * name becomes a field of the stub with a setter: the Java stand-in for
 * the C variable MIG's code would read.
 */
final class Options {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*|([A-Za-z_][A-Za-z0-9_]*)|(<<|>>|[-+*/%|&^~()<>]))");

    private final Map<String, String> fields = new TreeMap<>();

    /** The timeout expression of a routine with no waittime argument. */
    String timeout(Routine r) {
        return value(r.waitTime());
    }

    /** The option expression of a routine with no msgoption argument. */
    String option(Routine r) {
        return value(r.msgOption());
    }

    /** Fields the expressions named: Java name → the C name. */
    Map<String, String> fields() {
        return fields;
    }

    private String value(String written) {
        if (written == null || written.isBlank()) {
            return "0";
        }
        StringBuilder java = new StringBuilder();
        Matcher m = TOKEN.matcher(written);
        int at = 0;
        while (at < written.length() && m.find(at) && m.start() == at) {
            if (m.group(1) != null) {
                java.append(m.group(1));
            } else if (m.group(2) != null) {
                java.append(name(m.group(2)));
            } else {
                java.append(' ').append(m.group(3)).append(' ');
            }
            at = m.end();
        }
        if (!written.substring(at).isBlank()) {
            // Not an expression the stub can evaluate: the whole text names one field.
            return name(written.trim().replaceAll("\\W+", "_"));
        }
        String e = java.toString().trim().replaceAll("\\s+", " ");
        return e.contains(" ") ? "(" + e + ")" : e;
    }

    private String name(String c) {
        if (c.startsWith("MACH_") && c.equals(c.toUpperCase(java.util.Locale.ROOT))) {
            return "Message." + c;
        }
        String field = JavaNames.argument(c);
        fields.put(field, c);
        return "this." + field;
    }
}
