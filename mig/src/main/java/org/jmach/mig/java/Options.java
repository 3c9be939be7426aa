package org.jmach.mig.java;

import java.util.Map;
import java.util.TreeMap;

import org.jmach.mig.ir.Routine;

/**
 * The per-call options of a user stub: {@code waittime} and
 * {@code msgoption} statements give a number, a Mach constant, or a name;
 * a name becomes a field of the stub with a setter, the Java stand-in for
 * the C variable MIG would read.
 */
final class Options {

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
        String w = written.trim();
        if (w.matches("-?(0[xX][0-9a-fA-F]+|[0-9]+)")) {
            return w;
        }
        if (w.startsWith("MACH_") && w.matches("[A-Z0-9_]+")) {
            return "Message." + w;
        }
        String field = JavaNames.lowerCamel(w);
        fields.put(field, w);
        return field;
    }
}
