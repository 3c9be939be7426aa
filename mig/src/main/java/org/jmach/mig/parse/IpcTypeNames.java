package org.jmach.mig.parse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jmach.mig.ir.MigType;

/**
 * The symbolic IPC type names ({@code MACH_MSG_TYPE_*}): their msgt_name
 * values, the name a receiver finds, and default element sizes in bits
 * (jmach is LP64: port rights and polymorphic values are 64 bits).
 */
final class IpcTypeNames {

    /**
     * One symbolic name.
     *
     * @param name as written in MIG, upper case
     * @param inName the value a sender writes
     * @param outName the value a receiver finds (a port disposition turns into the right received)
     * @param defaultSize bits of one element, or 0 if the declaration must give a size
     */
    record IpcName(String name, int inName, int outName, int defaultSize) {
    }

    private static final String PREFIX = "MACH_MSG_TYPE_";
    private static final Map<String, IpcName> NAMES = new HashMap<>();

    static {
        add("UNSTRUCTURED", 0, 0, 0);
        add("BIT", 0, 0, 1);
        add("BOOLEAN", 0, 0, 32);
        add("INTEGER_16", 1, 1, 16);
        add("INTEGER_32", 2, 2, 32);
        add("CHAR", 8, 8, 8);
        add("BYTE", 9, 9, 8);
        add("INTEGER_8", 9, 9, 8);
        add("REAL", 10, 10, 0);
        add("INTEGER_64", 11, 11, 64);
        add("STRING", 12, 12, 8);
        add("STRING_C", 12, 12, 8);
        add("PORT_NAME", 15, 15, 32);
        add("MOVE_RECEIVE", 16, 16, 64);
        add("MOVE_SEND", 17, 17, 64);
        add("MOVE_SEND_ONCE", 18, 18, 64);
        add("COPY_SEND", 19, 17, 64);
        add("MAKE_SEND", 20, 17, 64);
        add("MAKE_SEND_ONCE", 21, 18, 64);
        add("PORT_RECEIVE", 16, 16, 64);
        add("PORT_SEND", 17, 17, 64);
        add("PORT_SEND_ONCE", 18, 18, 64);
        add("POLYMORPHIC", MigType.POLYMORPHIC, MigType.POLYMORPHIC, 64);
        // The built-in type name also stands for the IPC type in a pair (COPY_SEND|polymorphic), as the Hurd writes it.
        NAMES.put("POLYMORPHIC", NAMES.get(PREFIX + "POLYMORPHIC"));
    }

    private IpcTypeNames() {
    }

    private static void add(String suffix, int in, int out, int size) {
        NAMES.put(PREFIX + suffix, new IpcName(PREFIX + suffix, in, out, size));
    }

    /** The symbolic name {@code word} (case ignored), or null if it is not one. */
    static IpcName lookUp(String word) {
        return NAMES.get(word.toUpperCase(Locale.ROOT));
    }
}
