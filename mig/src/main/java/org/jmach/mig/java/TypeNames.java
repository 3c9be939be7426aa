package org.jmach.mig.java;

import java.util.Map;

/** The Java expression of a msgt_name: the Message constant, or the number. */
final class TypeNames {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(-1, "MACH_MSG_TYPE_POLYMORPHIC"), Map.entry(0, "MACH_MSG_TYPE_UNSTRUCTURED"),
            Map.entry(1, "MACH_MSG_TYPE_INTEGER_16"), Map.entry(2, "MACH_MSG_TYPE_INTEGER_32"),
            Map.entry(8, "MACH_MSG_TYPE_CHAR"), Map.entry(9, "MACH_MSG_TYPE_BYTE"),
            Map.entry(10, "MACH_MSG_TYPE_REAL"), Map.entry(11, "MACH_MSG_TYPE_INTEGER_64"),
            Map.entry(12, "MACH_MSG_TYPE_STRING_C"), Map.entry(15, "MACH_MSG_TYPE_PORT_NAME"),
            Map.entry(16, "MACH_MSG_TYPE_MOVE_RECEIVE"), Map.entry(17, "MACH_MSG_TYPE_MOVE_SEND"),
            Map.entry(18, "MACH_MSG_TYPE_MOVE_SEND_ONCE"), Map.entry(19, "MACH_MSG_TYPE_COPY_SEND"),
            Map.entry(20, "MACH_MSG_TYPE_MAKE_SEND"), Map.entry(21, "MACH_MSG_TYPE_MAKE_SEND_ONCE"));

    private TypeNames() {
    }

    static String of(int name) {
        String s = NAMES.get(name);
        return s != null ? "Message." + s : Integer.toString(name);
    }

    /** The MigWriter/MigReader flags expression. */
    static String flags(int flags) {
        StringBuilder b = new StringBuilder();
        if ((flags & Shape.OOL) != 0) {
            b.append("MigWriter.OOL");
        }
        if ((flags & Shape.LONGFORM) != 0) {
            b.append(b.length() > 0 ? " | " : "").append("MigWriter.LONGFORM");
        }
        if ((flags & Shape.FIXED) != 0) {
            b.append(b.length() > 0 ? " | " : "").append("MigWriter.FIXED");
        }
        return b.length() == 0 ? "0" : b.toString();
    }
}
