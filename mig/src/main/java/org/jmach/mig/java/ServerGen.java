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
 * The server side (MIG's {@code xxxServer.c}): an interface with one method
 * per routine for the implementation to provide, and a demux class that
 * checks a request, calls the implementation and builds the reply.
 */
final class ServerGen {

    private final Subsystem s;
    private final String pkg;
    private final Translations tr = new Translations();
    private final Code methods = new Code(1);
    private final Code serves = new Code(1);
    private final List<String> cases = new ArrayList<>();
    private int requestMax = 32;
    private int replyMax = 48;

    ServerGen(Subsystem s, String pkg) {
        this.s = s;
        this.pkg = pkg;
    }

    static String interfaceName(Subsystem s) {
        return JavaNames.upperCamel(s.name()) + "Server";
    }

    static String demuxName(Subsystem s) {
        return interfaceName(s) + "Demux";
    }

    /** Generates both files: the interface's text, then the demux's. */
    String[] generate() throws MigException {
        for (Routine r : s.routines()) {
            routine(new RoutineArgs(r));
        }
        return new String[] {serverInterface(), resolve(demux(), tr.typeParamList())};
    }

    private String serverInterface() {
        Code c = new Code();
        Header.write(c, s, pkg, List.of("org.jmach.mach.MigOut"));
        List<String> doc = new ArrayList<>(List.of("The server side of subsystem {@code " + s.name()
                + "}: what an implementation provides, one method per routine,",
                "each returning a kern_return_t (MIG_NO_REPLY: no reply now). {@link " + demuxName(s)
                + "} calls it."));
        for (Map.Entry<String, String> p : tr.typeParams().entrySet()) {
            doc.add("");
            doc.add("@param <" + p.getKey() + "> the implementation's {@code " + p.getValue() + "}");
        }
        doc.add("");
        doc.add(Header.GENERATED);
        c.doc(doc.toArray(String[]::new));
        c.line("public interface " + interfaceName(s) + tr.typeParamList() + " {");
        for (Map.Entry<String, String> m : tr.methods()) {
            c.blank();
            c.doc(m.getValue());
            c.line(m.getKey() + ";");
        }
        return c + methods.toString() + "}\n";
    }

    private String demux() {
        String tp = tr.typeParamList();
        String generic = tp.isEmpty() ? "" : tp + " ";
        Code c = new Code();
        Header.write(c, s, pkg, List.of("java.util.Arrays", "org.jmach.mach.KernReturn", "org.jmach.mach.MachMessage",
                "org.jmach.mach.MachMsgReturn", "org.jmach.mach.Message", "org.jmach.mach.MigMemory",
                "org.jmach.mach.MigOut", "org.jmach.mach.MigReader", "org.jmach.mach.MigServer",
                "org.jmach.mach.MigWriter"));
        c.doc("The demux of subsystem {@code " + s.name() + "}: requests by id to an {@link " + interfaceName(s)
                + "}.", "", Header.GENERATED);
        c.line("@SuppressWarnings(\"unused\")");
        c.line("public final class " + demuxName(s) + " {");
        c.blank();
        c.line("/** The first id of the subsystem. */");
        c.line("public static final int BASE = " + s.base() + ";");
        c.line("/** The most bytes a request can take. */");
        c.line("public static final int REQUEST_SIZE_MAX = " + requestMax + ";");
        c.line("/** The most bytes a reply can take. */");
        c.line("public static final int REPLY_SIZE_MAX = " + replyMax + ";");
        c.line("/** The buffer a server loop needs for both. */");
        c.line("public static final int MSG_SIZE_MAX = " + Math.max(requestMax, replyMax) + ";");
        c.blank();
        c.line("private " + demuxName(s) + "() {");
        c.line("}");
        c.blank();
        String demux = JavaNames.lowerCamel(s.serverDemux() != null ? s.serverDemux() : s.name() + "_server");
        c.doc("{@code " + (s.serverDemux() != null ? s.serverDemux() : s.name() + "_server")
                + "}: sets up {@code reply} to answer {@code request} and serves it.",
                "Returns false if the id is not one of the subsystem's (the reply then says MIG_BAD_ID).");
        c.line("public static " + generic + "boolean " + demux + "(" + interfaceName(s) + tp
                + " impl, MigMemory memory, MachMessage request, MachMessage reply) {");
        c.line("MigServer.replyHeader(request, reply);");
        c.line("switch (request.msghId()) {");
        for (String k : cases) {
            c.line(k);
        }
        c.line("default:");
        c.line("    return MigServer.badId(reply);");
        c.line("}");
        c.line("}");
        return c + serves.toString() + "}\n";
    }

    private void routine(RoutineArgs ra) {
        Routine r = ra.routine;
        requestMax = Math.max(requestMax, ra.requestMax());
        replyMax = Math.max(replyMax, ra.replyMax());
        String method = JavaNames.lowerCamel(r.serverPrefix() + r.name());
        String serve = "serve" + JavaNames.upperCamel(r.name());
        cases.add("case " + r.id() + ":");
        cases.add("    return " + serve + "(impl, memory, request, reply);");
        Code c = serves;
        c.blank();
        c.line("private static " + "<TYPEPARAMS>" + "boolean " + serve + "(" + interfaceName(s) + "<TYPELIST>"
                + " impl, MigMemory memory, MachMessage request, MachMessage reply) {");
        c.line("MigReader r = new MigReader(request, memory, Message.MACH_MSG_HEADER_SIZE);");
        for (Arg a : ra.all) {
            if (!ra.inRequest(a)) {
                continue;
            }
            if (a.countInOut()) {
                c.line("int " + a.name() + "Cnt_ = r.int32(Message.MACH_MSG_TYPE_INTEGER_32);");
            } else {
                c.line(a.shape().javaType() + " " + a.name() + "_ = " + Items.read(a.shape()) + ";");
                if (a.shape().category() == Shape.Category.POLY) {
                    c.line("int " + a.name() + "Poly_ = r.lastName();");
                }
            }
        }
        c.line("if (!r.end()) {");
        c.line("return MigServer.reply(reply, MachMsgReturn.MIG_BAD_ARGUMENTS);");
        c.line("}");
        List<String> params = new ArrayList<>();
        List<String> call = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Arg a : ra.all) {
            argument(c, ra, a, params, call, after);
        }
        c.line("int kr = impl." + method + "(" + String.join(", ", call) + ");");
        for (String a : after) {
            c.line(a);
        }
        if (r.isSimple()) {
            c.line("return MigServer.noReply(reply);");
        } else {
            c.line("if (kr != KernReturn.KERN_SUCCESS) {");
            c.line("return MigServer.reply(reply, kr);");
            c.line("}");
            c.line("MigWriter w = MigServer.replyWriter(reply, memory);");
            for (Arg a : ra.all) {
                if (ra.inReply(a)) {
                    replyItem(c, a);
                }
            }
            c.line("return MigServer.finish(w);");
        }
        c.line("}");
        methods.blank();
        methods.doc((r.isSimple() ? "Simpleroutine " : "Routine ") + "{@code " + r.name() + "}: request id "
                + r.id() + (r.isSimple() ? "" : ", reply id " + r.replyId()) + " (" + Header.where(r.pos()) + ").");
        methods.line("int " + method + "(" + String.join(", ", params) + ");");
    }

    /** Declares the argument's local in the serve method and adds its implementation parameters. */
    private void argument(Code c, RoutineArgs ra, Arg a, List<String> params, List<String> call, List<String> after) {
        String n = a.name();
        Shape sh = a.shape();
        boolean poly = sh.category() == Shape.Category.POLY;
        boolean translated = sh.type().clauses().inTran() != null;
        if (a == ra.requestPort || a.kind() == ArgKind.IN) {
            if (a == ra.requestPort) {
                c.line("int " + n + "_ = request.msghLocalPort();");
                if (poly) {
                    c.line("int " + n + "Poly_ = Message.machMsghBitsLocal(request.msghBits());");
                }
            }
            if (translated) {
                c.line(tr.inType(sh) + " " + n + " = " + tr.in(sh, n + "_") + ";");
                params.add(tr.inType(sh) + " " + n);
                call.add(n);
                String d = tr.destructor(sh, n);
                if (d != null) {
                    after.add(d);
                }
            } else {
                params.add(sh.javaType() + " " + n);
                call.add(n + "_");
                if (poly) {
                    params.add("int " + n + "Poly");
                    call.add(n + "Poly_");
                }
            }
            return;
        }
        switch (a.kind()) {
            case REPLYPORT:
            case SREPLYPORT:
                params.add("int " + n);
                call.add("request.msghRemotePort()");
                return;
            case MSGSEQNO:
                params.add("int " + n);
                call.add("request.msghSeqno()");
                return;
            case UREPLYPORT:
            case WAITTIME:
            case MSGOPTION:
                return;
            default:
                break;
        }
        if (a.retCode()) {
            return;
        }
        String elem = sh.element();
        if (a.countInOut()) {
            // The caller's count is the capacity to allocate: at most the bound, or the runtime's limit.
            String limit = sh.bound() >= 0 ? Integer.toString(sh.bound()) : "MigServer.UNBOUNDED_COUNT_MAX";
            c.line("if (" + n + "Cnt_ < 0 || " + n + "Cnt_ > " + limit + ") {");
            c.line(n + "Cnt_ = " + limit + ";");
            c.line("}");
            c.line(elem + "[] " + n + " = new " + elem + "[" + n + "Cnt_];");
            c.line("int[] " + n + "Cnt = {" + n + "Cnt_};");
            params.add(elem + "[] " + n);
            params.add("int[] " + n + "Cnt");
            call.add(n);
            call.add(n + "Cnt");
            return;
        }
        if (a.kind() == ArgKind.OUT && sh.type().clauses().outTran() != null) {
            String t = tr.outType(sh);
            c.line("MigOut<" + t + "> " + n + " = new MigOut<>();");
            params.add("MigOut<" + t + "> " + n);
            call.add(n);
            return;
        }
        String holder = sh.javaType() + "[]";
        String init = a.kind() == ArgKind.INOUT ? "{" + n + "_}" : null;
        String arrayInit = sh.category() == Shape.Category.ARRAY ? "new " + elem + "[1][]"
                : "new " + sh.javaType() + "[1]";
        c.line(holder + " " + n + " = " + (init != null ? init : arrayInit) + ";");
        params.add(holder + " " + n);
        call.add(n);
        if (poly) {
            c.line("int[] " + n + "Poly = " + (init != null ? "{" + n + "Poly_}" : "new int[1]") + ";");
            params.add("int[] " + n + "Poly");
            call.add(n + "Poly");
        }
    }

    private void replyItem(Code c, Arg a) {
        String n = a.name();
        Shape sh = a.shape();
        if (a.countInOut()) {
            c.line(Items.write(sh, "Arrays.copyOf(" + n + ", Math.max(0, Math.min(" + n + "Cnt[0], " + n
                    + ".length)))", null));
        } else if (a.kind() == ArgKind.OUT && sh.type().clauses().outTran() != null) {
            c.line(Items.write(sh, tr.out(sh, n + ".value"), null));
        } else {
            c.line(Items.write(sh, n + "[0]", n + "Poly[0]"));
        }
    }

    /** Fills in the type parameters now that every routine has been seen. */
    static String resolve(String text, String typeParamList) {
        String generic = typeParamList.isEmpty() ? "" : typeParamList + " ";
        return text.replace("<TYPEPARAMS>", generic).replace("<TYPELIST>", typeParamList);
    }

    String typeParamList() {
        return tr.typeParamList();
    }
}
