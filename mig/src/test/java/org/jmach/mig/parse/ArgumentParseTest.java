package org.jmach.mig.parse;

import static org.jmach.mig.parse.Defs.parseAfterHeader;
import static org.jmach.mig.parse.Defs.routine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.ArgFlag;
import org.jmach.mig.ir.ArgKind;
import org.jmach.mig.ir.Argument;
import org.jmach.mig.ir.MigType;
import org.jmach.mig.ir.Routine;
import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;

/** Routine argument lists: kinds, types, flags and the request port. */
class ArgumentParseTest {

    private static Routine only(String... lines) throws MigException {
        return parseAfterHeader(lines).routines().get(0);
    }

    @Test
    void argumentKinds() throws MigException {
        Routine r = only("routine r(",
                "  requestport target : port_t;",
                "  a : port_t; in b : port_t; out c : port_t; inout d : port_t;",
                "  replyport e : port_t; sreplyport f : port_t; ureplyport g : port_t;",
                "  waittime h : port_t; msgseqno i : port_t; msgoption j : port_t);");
        assertEquals(List.of(ArgKind.REQUESTPORT, ArgKind.IN, ArgKind.IN, ArgKind.OUT, ArgKind.INOUT,
                ArgKind.REPLYPORT, ArgKind.SREPLYPORT, ArgKind.UREPLYPORT, ArgKind.WAITTIME, ArgKind.MSGSEQNO,
                ArgKind.MSGOPTION), r.arguments().stream().map(Argument::kind).toList());
        assertEquals(List.of("target", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
                r.arguments().stream().map(Argument::name).toList());
        assertEquals(new SourcePos(Defs.FILE, 4, 15), r.arguments().get(0).pos());
    }

    @Test
    void kindKeywordsAreNamesWhenAColonFollows() throws MigException {
        Routine r = only("routine r(out : port_t; in in : port_t; waittime : port_t);");
        assertEquals(List.of("out", "in", "waittime"), r.arguments().stream().map(Argument::name).toList());
        assertEquals(List.of(ArgKind.REQUESTPORT, ArgKind.IN, ArgKind.IN),
                r.arguments().stream().map(Argument::kind).toList());
    }

    @Test
    void firstArgumentIsTheRequestPortByDefault() throws MigException {
        Routine r = only("routine r(in task : port_t; x : port_t);");
        assertEquals(ArgKind.REQUESTPORT, r.arguments().get(0).kind());
        assertEquals("task", r.argument(ArgKind.REQUESTPORT).name());
        Routine explicit = only("type int = MACH_MSG_TYPE_INTEGER_32;",
                "routine r(x : int; requestport p : port_t);");
        assertEquals(ArgKind.IN, explicit.arguments().get(0).kind());
        assertEquals("p", explicit.argument(ArgKind.REQUESTPORT).name());
    }

    @Test
    void argumentFlags() throws MigException {
        Routine r = only("type buf = ^array[] of MACH_MSG_TYPE_BYTE;",
                "routine r(p : port_t;",
                "  a : buf, dealloc;",
                "  b : buf, Dealloc[];",
                "  c : buf, notdealloc, servercopy;",
                "  out d : buf, countinout, islong;",
                "  out e : port_t, isnotlong, RetCode);");
        List<Argument> a = r.arguments();
        assertEquals(Set.of(ArgFlag.DEALLOC), a.get(1).flags());
        assertEquals(Set.of(ArgFlag.DEALLOC_VARIABLE), a.get(2).flags());
        assertEquals(EnumSet.of(ArgFlag.NOTDEALLOC, ArgFlag.SERVERCOPY), a.get(3).flags());
        assertEquals(EnumSet.of(ArgFlag.COUNTINOUT, ArgFlag.ISLONG), a.get(4).flags());
        assertEquals(EnumSet.of(ArgFlag.ISNOTLONG, ArgFlag.RETCODE), a.get(5).flags());
        assertTrue(a.get(0).flags().isEmpty());
    }

    @Test
    void inlineTypeSpecs() throws MigException {
        Routine r = only("routine r(p : MACH_MSG_TYPE_MAKE_SEND;",
                "  a : array[*:512] of MACH_MSG_TYPE_CHAR;",
                "  b : (MACH_MSG_TYPE_INTEGER_32, 32, islong);",
                "  c : c_string[*:1024];",
                "  out d : ^array[] of MACH_MSG_TYPE_INTEGER_32);");
        List<Argument> a = r.arguments();
        assertEquals(20, a.get(0).type().inName());
        assertEquals(17, a.get(0).type().outName());
        assertEquals("MACH_MSG_TYPE_MAKE_SEND", a.get(0).type().name());
        MigType arr = a.get(1).type();
        assertEquals(MigType.Kind.ARRAY, arr.kind());
        assertEquals(512, arr.count());
        assertEquals("array[*:512] of MACH_MSG_TYPE_CHAR", arr.name());
        assertTrue(a.get(2).type().isLongForm());
        assertEquals(MigType.Kind.CSTRING, a.get(3).type().kind());
        assertTrue(a.get(4).type().isOutOfLine());
    }

    @Test
    void namedInlineTypeWithClauses() throws MigException {
        Routine r = only("routine r(p : port_t; out name : name_t = c_string[64] ctype: char *);");
        MigType t = r.arguments().get(1).type();
        assertEquals("name_t", t.name());
        assertEquals(64, t.count());
        assertEquals("char *", t.clauses().cType());
    }

    @Test
    void declaredTypeIsShared() throws MigException {
        var s = parseAfterHeader("routine r(p : port_t);");
        assertEquals(s.types().get("port_t"), routine(s, "r").arguments().get(0).type());
    }

    @Test
    void trailingSemicolonAndPolymorphicPort() throws MigException {
        Routine r = only("routine r(p : polymorphic;);");
        assertEquals(1, r.arguments().size());
        assertEquals(MigType.POLYMORPHIC, r.arguments().get(0).type().inName());
    }
}
