package org.jmach.mig.parse;

import static org.jmach.mig.parse.Defs.parse;
import static org.jmach.mig.parse.Defs.parseAfterHeader;
import static org.jmach.mig.parse.Defs.routine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.Import;
import org.jmach.mig.ir.Routine;
import org.jmach.mig.ir.RoutineKind;
import org.jmach.mig.ir.SourcePos;
import org.jmach.mig.ir.Subsystem;
import org.junit.jupiter.api.Test;

/** Statements other than type declarations, and what they record in the subsystem and its routines. */
class StatementParseTest {

    @Test
    void subsystemNameBaseAndPosition() throws MigException {
        Subsystem s = parse("", "  subsystem mach 2000;");
        assertEquals("mach", s.name());
        assertEquals(2000, s.base());
        assertEquals(0, s.idCount());
        assertFalse(s.kernelUser());
        assertFalse(s.kernelServer());
        assertEquals(new SourcePos(Defs.FILE, 2, 3), s.pos());
        assertTrue(s.routines().isEmpty());
    }

    @Test
    void subsystemModifiersInAnyOrder() throws MigException {
        Subsystem s = parse("subsystem KernelServer KernelUser device 2800;");
        assertTrue(s.kernelUser());
        assertTrue(s.kernelServer());
        assertEquals("device", s.name());
        Subsystem u = parse("subsystem kerneluser memory_object 2200;");
        assertTrue(u.kernelUser());
        assertFalse(u.kernelServer());
    }

    @Test
    void routineIdsCountRoutinesAndSkips() throws MigException {
        Subsystem s = parseAfterHeader(
                "routine a(p : port_t);",
                "skip;",
                "simpleroutine b(p : port_t);",
                "skip 3;",
                "routine c(p : port_t);",
                "skip;");
        assertEquals(List.of("a", "b", "c"), s.routines().stream().map(Routine::name).toList());
        assertEquals(1000, routine(s, "a").id());
        assertEquals(1002, routine(s, "b").id());
        assertEquals(1006, routine(s, "c").id());
        assertEquals(1106, routine(s, "c").replyId());
        assertEquals(8, s.idCount());
        assertEquals(RoutineKind.ROUTINE, routine(s, "a").kind());
        assertEquals(RoutineKind.SIMPLEROUTINE, routine(s, "b").kind());
        assertEquals(new SourcePos(Defs.FILE, 5, 1), routine(s, "b").pos());
    }

    @Test
    void prefixesAreRecordedPerRoutine() throws MigException {
        Subsystem s = parseAfterHeader(
                "routine a(p : port_t);",
                "serverprefix S_;",
                "userprefix U_;",
                "routine b(p : port_t);",
                "ServerPrefix do_;",
                "routine c(p : port_t);");
        assertEquals("", routine(s, "a").serverPrefix());
        assertEquals("", routine(s, "a").userPrefix());
        assertEquals("S_", routine(s, "b").serverPrefix());
        assertEquals("U_", routine(s, "b").userPrefix());
        assertEquals("do_", routine(s, "c").serverPrefix());
        assertEquals("U_", routine(s, "c").userPrefix());
    }

    @Test
    void waitTimeAndMsgOptionAreRecordedPerRoutine() throws MigException {
        Subsystem s = parseAfterHeader(
                "routine a(p : port_t);",
                "waittime  timeout;",
                "msgoption MACH_SEND_INTERRUPT;",
                "routine b(p : port_t);",
                "WaitTime 100 * ( 2+3 );",
                "routine c(p : port_t);",
                "nowaittime;",
                "msgoption MACH_MSG_OPTION_NONE;",
                "routine d(p : port_t);",
                "msgoption 8;",
                "routine e(p : port_t);");
        assertNull(routine(s, "a").waitTime());
        assertNull(routine(s, "a").msgOption());
        assertEquals("timeout", routine(s, "b").waitTime());
        assertEquals("MACH_SEND_INTERRUPT", routine(s, "b").msgOption());
        assertEquals("100 * ( 2+3 )", routine(s, "c").waitTime());
        assertNull(routine(s, "d").waitTime());
        assertNull(routine(s, "d").msgOption());
        assertEquals("8", routine(s, "e").msgOption());
    }

    @Test
    void importsKeepQuotesAndBrackets() throws MigException {
        Subsystem s = parse(
                "import <mach/std_types.defs>;",
                "subsystem x 1;",
                "uimport \"user.h\";",
                "SImport <hurd/server.h>;");
        assertEquals(List.of(
                new Import(Import.Side.BOTH, "<mach/std_types.defs>", new SourcePos(Defs.FILE, 1, 8)),
                new Import(Import.Side.USER, "\"user.h\"", new SourcePos(Defs.FILE, 3, 9)),
                new Import(Import.Side.SERVER, "<hurd/server.h>", new SourcePos(Defs.FILE, 4, 9))),
                s.imports());
    }

    @Test
    void serverDemuxAndRcsId() throws MigException {
        Subsystem s = parse("subsystem x 1;", "serverdemux x_server;", "rcsid \"$Id: x.defs,v 1.1 $\";");
        assertEquals("x_server", s.serverDemux());
        assertEquals("$Id: x.defs,v 1.1 $", s.rcsId());
        Subsystem none = parse("subsystem x 1;");
        assertNull(none.serverDemux());
        assertNull(none.rcsId());
    }

    @Test
    void emptyStatementsAreAllowed() throws MigException {
        assertEquals("x", parse(";", "subsystem x 1;;", ";").name());
    }

    @Test
    void keywordsInMixedCase() throws MigException {
        Subsystem s = parse(
                "SUBSYSTEM KERNELuser x 10;",
                "TYPE port_t = mach_msg_type_copy_send;",
                "Type ints = ARRAY[*:4] OF (Mach_Msg_Type_Integer_32, 32, IsLong);",
                "SimpleRoutine a(RequestPort p : port_t; OUT v : ints, DeAlloc);",
                "SKIP 2;",
                "RoUtInE b(p : Polymorphic);");
        assertTrue(s.kernelUser());
        assertEquals(10, routine(s, "a").id());
        assertEquals(13, routine(s, "b").id());
        assertEquals(4, s.types().get("ints").count());
        assertTrue(s.types().get("ints").element().isLongForm());
    }

    @Test
    void typesAndImportsMayComeBeforeTheSubsystem() throws MigException {
        Subsystem s = parse("type int = MACH_MSG_TYPE_INTEGER_32;", "import \"a.h\";", "subsystem x 5;");
        assertEquals(List.of("polymorphic", "int"), List.copyOf(s.types().keySet()));
    }
}
