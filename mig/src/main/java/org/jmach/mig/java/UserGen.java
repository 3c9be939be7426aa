package org.jmach.mig.java;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.ArgKind;
import org.jmach.mig.ir.Routine;
import org.jmach.mig.ir.Subsystem;
import org.jmach.mig.java.RoutineArgs.Arg;

/**
 * The user side: a class of client stubs, one method per routine, each
 * building the request, calling mach_msg through {@code MigUser} and
 * checking and unpacking the reply (MIG's {@code xxxUser.c}).
 */
final class UserGen {

    private final Subsystem s;
    private final String pkg;
    private final Options options = new Options();

    UserGen(Subsystem s, String pkg) {
        this.s = s;
        this.pkg = pkg;
    }

    static String className(Subsystem s) {
        return JavaNames.upperCamel(s.name()) + "User";
    }

    String generate() throws MigException {
        Code body = new Code(1);
        for (Routine r : s.routines()) {
            routine(body, new RoutineArgs(r));
        }
        String cls = className(s);
        // An interface of simpleroutines only needs to send: any MigSender will do, the kernel's too.
        boolean sendOnly = s.routines().stream().allMatch(Routine::isSimple);
        String transport = sendOnly ? "MigSender" : "MigUser";
        Code c = new Code();
        Header.write(c, s, pkg, List.of("org.jmach.mach.KernReturn", "org.jmach.mach.MachMsgReturn",
                "org.jmach.mach.MachTraps", "org.jmach.mach.Message", "org.jmach.mach.MigReader",
                "org.jmach.mach." + transport, "org.jmach.mach.MigUser", "org.jmach.mach.MigWriter"));
        c.doc("The user side of subsystem {@code " + s.name() + "} (ids " + s.base() + " to "
                + (s.base() + s.idCount() - 1) + "): one client stub per routine.",
                "Each returns the routine's kern_return_t, or a mach_msg or MIG error; out arguments are",
                "filled only on KERN_SUCCESS. An instance belongs to one thread, like its {@link MachTraps}.",
                "", Header.GENERATED);
        c.line("@SuppressWarnings(\"unused\")");
        c.line("public final class " + cls + " {");
        c.blank();
        c.line("private final " + transport + " mig;");
        for (Map.Entry<String, String> f : options.fields().entrySet()) {
            c.doc("The value of {@code " + f.getValue() + "} in the interface's waittime or msgoption.");
            c.line("private int " + f.getKey() + ";");
        }
        c.blank();
        c.line("public " + cls + "(MachTraps traps) {");
        c.line("this(new MigUser(traps));");
        c.line("}");
        c.blank();
        c.line("public " + cls + "(" + transport + " mig) {");
        c.line("this.mig = mig;");
        c.line("}");
        for (Map.Entry<String, String> f : options.fields().entrySet()) {
            c.blank();
            c.line("public void set" + Character.toUpperCase(f.getKey().charAt(0)) + f.getKey().substring(1)
                    + "(int value) {");
            c.line("this." + f.getKey() + " = value;");
            c.line("}");
        }
        return c + body.toString() + "}\n";
    }

    private void routine(Code c, RoutineArgs ra) {
        Routine r = ra.routine;
        List<String> params = new ArrayList<>();
        for (Arg a : ra.all) {
            params.addAll(params(ra, a));
        }
        c.blank();
        c.doc((r.isSimple() ? "Simpleroutine " : "Routine ") + "{@code " + r.name() + "}: request id " + r.id()
                + (r.isSimple() ? "" : ", reply id " + r.replyId()) + " (" + Header.where(r.pos()) + ").");
        c.line("public int " + JavaNames.lowerCamel(r.userPrefix() + r.name()) + "(" + String.join(", ", params)
                + ") {");
        Arg dest = ra.requestPort;
        String destDisposition = dest.shape().category() == Shape.Category.POLY ? dest.name() + "Poly"
                : TypeNames.of(dest.shape().inName());
        Arg reply = ra.first(ArgKind.REPLYPORT) != null ? ra.first(ArgKind.REPLYPORT) : ra.first(ArgKind.UREPLYPORT);
        String head = "MigWriter w = mig.request(" + ra.requestMax() + ", " + dest.name() + ", " + destDisposition;
        if (reply != null) {
            c.line(head + ", " + reply.name() + ", " + TypeNames.of(reply.shape().inName()) + ", " + r.id() + ");");
        } else if (r.isSimple()) {
            c.line(head + ", 0, 0, " + r.id() + ");");
        } else {
            c.line(head + ", " + r.id() + ");");
        }
        for (Arg a : ra.all) {
            if (!ra.inRequest(a)) {
                continue;
            }
            if (a.countInOut()) {
                c.line("w.int32(Message.MACH_MSG_TYPE_INTEGER_32, " + a.name() + "Cnt[0]);");
            } else if (a.kind() == ArgKind.INOUT) {
                c.line(Items.write(a.shape(), a.name() + "[0]", a.name() + "Poly[0]"));
            } else {
                c.line(Items.write(a.shape(), a.name(), a.name() + "Poly"));
            }
        }
        Arg waitArg = ra.first(ArgKind.WAITTIME);
        Arg optionArg = ra.first(ArgKind.MSGOPTION);
        String timeout = waitArg != null ? waitArg.name() : options.timeout(r);
        String option = optionArg != null ? optionArg.name() : options.option(r);
        if (r.isSimple()) {
            c.line("return mig.send(w, " + option + ", " + timeout + ");");
            c.line("}");
            return;
        }
        c.line("int kr = mig.rpc(w, " + ra.replyMax() + ", " + r.replyId() + ", " + option + ", " + timeout + ");");
        for (Arg a : ra.all) {
            if (a.retCode() && a.kind().inReplyBody()) {
                c.line(a.name() + "[0] = kr;");
            }
        }
        c.line("if (kr != KernReturn.KERN_SUCCESS) {");
        c.line("return kr;");
        c.line("}");
        c.line("MigReader r = mig.reply();");
        for (Arg a : ra.all) {
            if (!ra.inReply(a)) {
                continue;
            }
            c.line(a.shape().javaType() + " " + a.name() + "_ = " + Items.read(a.shape()) + ";");
            if (a.shape().category() == Shape.Category.POLY) {
                c.line("int " + a.name() + "Poly_ = r.lastName();");
            }
        }
        c.line("if (!r.end()) {");
        c.line("return mig.reject(MachMsgReturn.MIG_TYPE_ERROR);");
        c.line("}");
        for (Arg a : ra.all) {
            if (!ra.inReply(a)) {
                continue;
            }
            if (a.countInOut()) {
                c.line("if (" + a.name() + "_.length > " + a.name() + ".length) {");
                c.line("return MachMsgReturn.MIG_ARRAY_TOO_LARGE;");
                c.line("}");
                c.line("System.arraycopy(" + a.name() + "_, 0, " + a.name() + ", 0, " + a.name() + "_.length);");
                c.line(a.name() + "Cnt[0] = " + a.name() + "_.length;");
                continue;
            }
            c.line(a.name() + "[0] = " + a.name() + "_;");
            if (a.shape().category() == Shape.Category.POLY) {
                c.line(a.name() + "Poly[0] = " + a.name() + "Poly_;");
            }
        }
        c.line("return KernReturn.KERN_SUCCESS;");
        c.line("}");
    }

    private static List<String> params(RoutineArgs ra, Arg a) {
        String n = a.name();
        Shape s = a.shape();
        boolean poly = s.category() == Shape.Category.POLY;
        if (a == ra.requestPort) {
            return poly ? List.of("int " + n, "int " + n + "Poly") : List.of("int " + n);
        }
        switch (a.kind()) {
            case REPLYPORT:
            case UREPLYPORT:
            case WAITTIME:
            case MSGOPTION:
                return List.of("int " + n);
            case SREPLYPORT:
            case MSGSEQNO:
                return List.of();
            case IN:
            case REQUESTPORT:
                return poly ? List.of("int " + n, "int " + n + "Poly") : List.of(s.javaType() + " " + n);
            default:
                if (a.retCode()) {
                    return List.of("int[] " + n);
                }
                if (a.countInOut()) {
                    return List.of(s.javaType() + " " + n, "int[] " + n + "Cnt");
                }
                return poly ? List.of("int[] " + n, "int[] " + n + "Poly") : List.of(s.javaType() + "[] " + n);
        }
    }
}
