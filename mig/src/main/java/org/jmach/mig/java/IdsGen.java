package org.jmach.mig.java;

import java.util.List;

import org.jmach.mig.ir.Routine;
import org.jmach.mig.ir.Subsystem;

/** The message ids of a subsystem: its base, and each routine's request id (replies are +100). */
final class IdsGen {

    private IdsGen() {
    }

    static String className(Subsystem s) {
        return JavaNames.upperCamel(s.name()) + "Ids";
    }

    static String generate(Subsystem s, String pkg) {
        Code c = new Code();
        Header.write(c, s, pkg, List.of());
        c.doc("Message ids of subsystem {@code " + s.name() + "}: MIG numbers routines from the base,",
                "skips included; a reply's id is its request's plus {@link #REPLY_OFFSET}.", "",
                Header.GENERATED);
        c.line("public final class " + className(s) + " {");
        c.blank();
        c.doc("The subsystem's first id.");
        c.line("public static final int BASE = " + s.base() + ";");
        c.doc("One past the subsystem's last id (skips included).");
        c.line("public static final int END = " + (s.base() + s.idCount()) + ";");
        c.doc("What a reply's id adds to its request's.");
        c.line("public static final int REPLY_OFFSET = 100;");
        for (Routine r : s.routines()) {
            c.doc("{@code " + r.name() + "}" + (r.isSimple() ? " (simpleroutine)" : "") + ".");
            c.line("public static final int " + JavaNames.constant(r.name()) + " = " + r.id() + ";");
        }
        c.blank();
        c.line("private " + className(s) + "() {");
        c.line("}");
        c.line("}");
        return c.toString();
    }
}
