package org.jmach.mig.parse;

import static org.jmach.mig.parse.Defs.error;
import static org.jmach.mig.parse.Defs.errorAfterHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each error the parser reports, with its exact position. */
class ParseErrorTest {

    @Test
    void noSubsystemAtEndOfInput() {
        assertEquals("t.defs:2:1: no subsystem declared", error("type int = MACH_MSG_TYPE_INTEGER_32;", ""));
    }

    @Test
    void noSubsystemAtFirstRoutine() {
        assertEquals("t.defs:2:3: no subsystem declared",
                error("type p = MACH_MSG_TYPE_COPY_SEND;", "  routine r(x : p);"));
        assertEquals("t.defs:1:1: no subsystem declared", error("skip;", "subsystem x 1;"));
    }

    @Test
    void subsystemNumberTooLarge() {
        assertEquals("t.defs:1:13: bad subsystem number", error("subsystem x 2147483648;"));
    }

    @Test
    void subsystemNumberNegative() {
        assertEquals("t.defs:1:13: bad subsystem number", error("subsystem x -1;"));
    }

    @Test
    void subsystemNumberMissing() {
        assertEquals("t.defs:1:13: expected subsystem number, found 'y'", error("subsystem x y;"));
    }

    @Test
    void secondSubsystem() {
        assertEquals("t.defs:2:1: subsystem already declared at t.defs:1:1",
                error("subsystem x 1;", "subsystem y 2;"));
    }

    @Test
    void routineWithoutArguments() {
        assertEquals("t.defs:3:9: routine r has no request port", errorAfterHeader("routine r();"));
    }

    @Test
    void requestPortNotAPort() {
        assertEquals("t.defs:4:15: routine get has no request port",
                errorAfterHeader("type int = MACH_MSG_TYPE_INTEGER_32;", "simpleroutine get(x : int);"));
    }

    @Test
    void firstArgumentOutIsNoRequestPort() {
        assertEquals("t.defs:3:9: routine r has no request port", errorAfterHeader("routine r(out p : port_t);"));
    }

    @Test
    void duplicateType() {
        assertEquals("t.defs:3:6: duplicate type port_t", errorAfterHeader("type port_t = MACH_MSG_TYPE_MOVE_SEND;"));
    }

    @Test
    void duplicateRoutine() {
        assertEquals("t.defs:4:15: duplicate routine r",
                errorAfterHeader("routine r(p : port_t);", "simpleroutine r(p : port_t);"));
    }

    @Test
    void unknownType() {
        assertEquals("t.defs:3:15: unknown type port_tt", errorAfterHeader("routine r(p : port_tt);"));
    }

    @Test
    void ipcTypeWithoutDefaultSize() {
        assertEquals("t.defs:3:10: IPC type MACH_MSG_TYPE_REAL needs an explicit size",
                errorAfterHeader("type r = MACH_MSG_TYPE_REAL;"));
        assertEquals("t.defs:3:10: IPC type MACH_MSG_TYPE_UNSTRUCTURED needs an explicit size",
                errorAfterHeader("type r = MACH_MSG_TYPE_UNSTRUCTURED;"));
        assertEquals("t.defs:3:10: IPC type 12 needs an explicit size", errorAfterHeader("type n = 12;"));
    }

    @Test
    void ipcTypePairOfDifferentSizes() {
        assertEquals("t.defs:3:36: IPC types of different sizes (32 and 64 bits)",
                errorAfterHeader("type t = MACH_MSG_TYPE_PORT_NAME | MACH_MSG_TYPE_MOVE_SEND;"));
    }

    @Test
    void ipcTypeSizeZero() {
        assertEquals("t.defs:3:37: bad IPC type size 0", errorAfterHeader("type t = (MACH_MSG_TYPE_INTEGER_32, 0);"));
    }

    @Test
    void divisionByZero() {
        assertEquals("t.defs:3:40: division by zero",
                errorAfterHeader("type t = (MACH_MSG_TYPE_INTEGER_32, 32 / (2 - 2));"));
    }

    @Test
    void negativeArraySize() {
        assertEquals("t.defs:3:16: bad array size -2",
                errorAfterHeader("type t = array[3-5] of MACH_MSG_TYPE_CHAR;"));
    }

    @Test
    void unknownIpcFlag() {
        assertEquals("t.defs:3:41: expected IPC flag, found 'servercopy'",
                errorAfterHeader("type t = (MACH_MSG_TYPE_INTEGER_32, 32, servercopy);"));
    }

    @Test
    void outOfLineNonArray() {
        assertEquals("t.defs:3:10: '^' (out of line) applies to arrays only",
                errorAfterHeader("type t = ^MACH_MSG_TYPE_INTEGER_32;"));
    }

    @Test
    void structFieldsOfDifferentIpcTypes() {
        assertEquals("t.defs:3:47: struct field b is not of the IPC type and size of the first field",
                errorAfterHeader("type s = struct { MACH_MSG_TYPE_INTEGER_32 a; MACH_MSG_TYPE_INTEGER_16 b; };"));
    }

    @Test
    void structFieldOfVariableSize() {
        assertEquals("t.defs:3:19: struct field a must have a fixed size",
                errorAfterHeader("type s = struct { array[] of MACH_MSG_TYPE_CHAR a; };"));
    }

    @Test
    void cStringWithoutSize() {
        assertEquals("t.defs:3:19: expected number, found ']'", errorAfterHeader("type t = c_string[];"));
    }

    @Test
    void clauseWithoutCType() {
        assertEquals("t.defs:3:24: expected C type, found ';'", errorAfterHeader("type t = port_t ctype: ;"));
    }

    @Test
    void unknownArgumentFlag() {
        assertEquals("t.defs:3:23: expected argument flag, found 'bogus'",
                errorAfterHeader("routine r(p : port_t, bogus);"));
    }

    @Test
    void unknownArgumentKind() {
        assertEquals("t.defs:3:15: expected ':', found 'p'", errorAfterHeader("routine r(inn p : port_t);"));
    }

    @Test
    void unknownStatement() {
        assertEquals("t.defs:3:1: expected statement, found 'procedure'", errorAfterHeader("procedure p();"));
    }

    @Test
    void unknownCharacter() {
        assertEquals("t.defs:3:10: expected type, found '@'", errorAfterHeader("type a = @;"));
    }

    @Test
    void missingSemicolonAtEndOfInput() {
        assertEquals("t.defs:1:14: expected ';', found end of input", error("subsystem x 1"));
    }

    @Test
    void importWithoutFileName() {
        assertEquals("t.defs:3:8: expected file name, found 'foo'", errorAfterHeader("import foo;"));
    }

    @Test
    void waitTimeWithoutValue() {
        assertEquals("t.defs:3:10: expected wait time, found ';'", errorAfterHeader("waittime ;"));
    }

    @Test
    void lineMarkersMoveErrorPositions() {
        assertEquals("inc/x.defs:11:3: expected statement, found 'bogus'",
                error("# 10 \"inc/x.defs\"", "subsystem x 1;", "  bogus;"));
        assertEquals("y.defs:6:1: unknown type nothing",
                error("subsystem x 1;", "#line 5 \"y.defs\"", "type t =", "nothing;"));
    }
}
