package org.jmach.mig.java;

import java.util.ArrayList;
import java.util.List;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.ArgFlag;
import org.jmach.mig.ir.ArgKind;
import org.jmach.mig.ir.Argument;
import org.jmach.mig.ir.Routine;

/**
 * A routine's arguments sorted by where they travel: the request port, the
 * reply port, the items of the request and reply bodies (in declaration
 * order), and the per-call options.
 */
final class RoutineArgs {

    /** One argument with its shape and Java name. */
    record Arg(Argument arg, Shape shape, String name) {

        ArgKind kind() {
            return arg.kind();
        }

        boolean has(ArgFlag flag) {
            return arg.has(flag);
        }

        /** An out array whose capacity the caller gives (countinout). */
        boolean countInOut() {
            return arg.has(ArgFlag.COUNTINOUT) && shape.category() == Shape.Category.ARRAY && arg.kind() == ArgKind.OUT;
        }

        /** An out argument that receives the routine's return code instead of travelling in the body. */
        boolean retCode() {
            return arg.has(ArgFlag.RETCODE) && arg.kind() == ArgKind.OUT;
        }
    }

    final Routine routine;
    final Arg requestPort;
    final List<Arg> all = new ArrayList<>();

    RoutineArgs(Routine routine) throws MigException {
        this.routine = routine;
        Argument explicit = routine.argument(ArgKind.REQUESTPORT);
        Argument request = explicit != null ? explicit : routine.arguments().get(0);
        Arg requestArg = null;
        for (Argument a : routine.arguments()) {
            Arg arg = new Arg(a, Shape.of(a), JavaNames.argument(a.name()));
            all.add(arg);
            if (a == request) {
                requestArg = arg;
            }
        }
        this.requestPort = requestArg;
    }

    /**
     * Whether the argument is an item of the request's body. An in argument
     * flagged retcode is an ordinary item: declared first, it sits where a
     * reply's RetCode does, which is how reply simpleroutines send codes.
     */
    boolean inRequest(Arg a) {
        return a != requestPort && (a.kind().inRequestBody() || a.countInOut())
                && !a.retCode();
    }

    /** Whether the argument is an item of the reply's body. */
    boolean inReply(Arg a) {
        return a != requestPort && a.kind().inReplyBody() && !a.retCode();
    }

    Arg first(ArgKind kind) {
        for (Arg a : all) {
            if (a.kind() == kind && a != requestPort) {
                return a;
            }
        }
        return null;
    }

    /** The most bytes a request can take: header and each item. */
    int requestMax() {
        int n = 32;
        for (Arg a : all) {
            if (inRequest(a)) {
                n += a.countInOut() ? 16 : a.shape().maxBytes();
            }
        }
        return n;
    }

    /** The most bytes a reply can take: mig_reply_header_t and each item. */
    int replyMax() {
        int n = 48;
        for (Arg a : all) {
            if (inReply(a)) {
                n += a.shape().maxBytes();
            }
        }
        return n;
    }
}
