package org.jmach.mig.java;

import java.util.Locale;
import java.util.Set;

/** Mach's C names in Java case, as jmach spells them (docs/mach-names.md). */
final class JavaNames {

    private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits");

    private JavaNames() {
    }

    /** {@code mach_port_type} → {@code machPortType}; a Java keyword gets a trailing underscore. */
    static String lowerCamel(String c) {
        String s = camel(c, false);
        return RESERVED.contains(s) ? s + "_" : s;
    }

    /** Names the generated methods use for their own locals and parameters. */
    private static final Set<String> INTERNAL = Set.of("r", "w", "kr", "mig", "impl", "memory", "request", "reply");

    /**
     * An argument's Java name: lower camel case, with a trailing underscore
     * if it would hide a local of the generated code or a keyword.
     */
    static String argument(String c) {
        String s = lowerCamel(c);
        return INTERNAL.contains(s) ? s + "_" : s;
    }

    /** {@code mach_port} → {@code MachPort}. */
    static String upperCamel(String c) {
        return camel(c, true);
    }

    /** {@code mach_port_type} → {@code MACH_PORT_TYPE}. */
    static String constant(String c) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (i > 0 && Character.isUpperCase(ch) && Character.isLowerCase(c.charAt(i - 1))) {
                b.append('_');
            }
            b.append(ch);
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    private static String camel(String c, boolean upperFirst) {
        StringBuilder b = new StringBuilder();
        boolean up = upperFirst;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '_' || !Character.isJavaIdentifierPart(ch)) {
                up = b.length() > 0 || upperFirst;
                continue;
            }
            if (b.length() == 0 && !upperFirst) {
                b.append(Character.toLowerCase(ch));
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
            }
            up = false;
        }
        if (b.length() == 0 || !Character.isJavaIdentifierStart(b.charAt(0))) {
            b.insert(0, upperFirst ? 'X' : 'x');
        }
        return b.toString();
    }
}
