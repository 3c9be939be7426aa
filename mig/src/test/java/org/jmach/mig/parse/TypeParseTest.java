package org.jmach.mig.parse;

import static org.jmach.mig.parse.Defs.parseAfterHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.MigType;
import org.jmach.mig.ir.MigType.Kind;
import org.jmach.mig.ir.SourcePos;
import org.jmach.mig.ir.Translation;
import org.junit.jupiter.api.Test;

/** Type declarations: IPC types, arrays, structs, c_strings, aliases and clauses. */
class TypeParseTest {

    private static MigType type(String name, String... lines) throws MigException {
        return parseAfterHeader(lines).types().get(name);
    }

    private static void assertBasic(MigType t, int in, int out, int size) {
        assertEquals(Kind.BASIC, t.kind());
        assertEquals(in, t.inName(), "in name");
        assertEquals(out, t.outName(), "out name");
        assertEquals(size, t.sizeBits(), "size");
    }

    @Test
    void ipcTypeNamesAndDefaultSizes() throws MigException {
        assertBasic(type("t", "type t = MACH_MSG_TYPE_BOOLEAN;"), 0, 0, 32);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_BIT;"), 0, 0, 1);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_INTEGER_16;"), 1, 1, 16);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_INTEGER_32;"), 2, 2, 32);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_CHAR;"), 8, 8, 8);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_BYTE;"), 9, 9, 8);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_INTEGER_8;"), 9, 9, 8);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_INTEGER_64;"), 11, 11, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_STRING;"), 12, 12, 8);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_STRING_C;"), 12, 12, 8);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_PORT_NAME;"), 15, 15, 32);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_PORT_RECEIVE;"), 16, 16, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_PORT_SEND;"), 17, 17, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_PORT_SEND_ONCE;"), 18, 18, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_POLYMORPHIC;"), MigType.POLYMORPHIC, MigType.POLYMORPHIC, 64);
    }

    @Test
    void dispositionsTurnIntoTheRightReceived() throws MigException {
        assertBasic(type("t", "type t = MACH_MSG_TYPE_MOVE_RECEIVE;"), 16, 16, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_MOVE_SEND;"), 17, 17, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_MOVE_SEND_ONCE;"), 18, 18, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_COPY_SEND;"), 19, 17, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_MAKE_SEND;"), 20, 17, 64);
        assertBasic(type("t", "type t = MACH_MSG_TYPE_MAKE_SEND_ONCE;"), 21, 18, 64);
        assertTrue(type("t", "type t = MACH_MSG_TYPE_MAKE_SEND;").isPort());
    }

    @Test
    void inAndOutNamePair() throws MigException {
        MigType t = type("t", "type t = MACH_MSG_TYPE_MOVE_RECEIVE | MACH_MSG_TYPE_COPY_SEND;");
        assertBasic(t, 16, 17, 64);
        assertBasic(type("n", "type n = (MACH_MSG_TYPE_PORT_NAME | 99, 32);"), 15, 99, 32);
        assertBasic(type("u", "type u = (MACH_MSG_TYPE_UNSTRUCTURED | MACH_MSG_TYPE_INTEGER_32, 32);"), 0, 2, 32);
    }

    @Test
    void declaredTypeHasItsNameAndPosition() throws MigException {
        MigType t = type("int", "", "type  int = MACH_MSG_TYPE_INTEGER_32;");
        assertEquals("int", t.name());
        assertEquals(new SourcePos(Defs.FILE, 4, 7), t.pos());
    }

    @Test
    void longFormWithSizeExpressionAndFlags() throws MigException {
        MigType t = type("kv", "type kv = (MACH_MSG_TYPE_STRING, 512*8);");
        assertBasic(t, 12, 12, 4096);
        assertFalse(t.isLongForm());
        MigType r = type("r", "type r = (MACH_MSG_TYPE_REAL, (64 - 32) / 2 + 16, islong, dealloc);");
        assertBasic(r, 10, 10, 32);
        assertTrue(r.isLongForm());
        assertTrue(r.isDealloc());
        MigType n = type("n", "type n = (42, 8, isnotlong, notdealloc);");
        assertBasic(n, 42, 42, 8);
        assertFalse(n.isLongForm());
        assertFalse(n.isDealloc());
        MigType v = type("v", "type v = (MACH_MSG_TYPE_MOVE_SEND, 64, dealloc[]);");
        assertTrue(v.isDeallocVariable());
        assertFalse(v.isDealloc());
        assertBasic(v, 17, 17, 64);
    }

    @Test
    void fixedArray() throws MigException {
        MigType t = type("a", "type int = MACH_MSG_TYPE_INTEGER_32;", "type a = array[4*2] of int;");
        assertEquals(Kind.ARRAY, t.kind());
        assertEquals(8, t.count());
        assertFalse(t.isVariable());
        assertFalse(t.isOutOfLine());
        assertEquals("int", t.element().name());
        assertBasic(t.element(), 2, 2, 32);
        assertEquals(2, t.inName());
    }

    @Test
    void variableArrays() throws MigException {
        MigType unbounded = type("a", "type a = array[] of MACH_MSG_TYPE_CHAR;");
        assertTrue(unbounded.isVariable());
        assertEquals(-1, unbounded.count());
        MigType bounded = type("a", "type a = array[*:1024] of MACH_MSG_TYPE_CHAR;");
        assertTrue(bounded.isVariable());
        assertEquals(1024, bounded.count());
        assertEquals(-1, type("a", "type a = array[*] of MACH_MSG_TYPE_CHAR;").count());
    }

    @Test
    void outOfLineArrays() throws MigException {
        MigType data = type("data_t", "type data_t = ^array[] of MACH_MSG_TYPE_BYTE;");
        assertTrue(data.isOutOfLine());
        assertTrue(data.isVariable());
        assertEquals(9, data.element().inName());
        MigType ports = type("p", "type p = ^ array [ * : 64 ] of port_t;");
        assertTrue(ports.isOutOfLine());
        assertEquals(64, ports.count());
        assertTrue(ports.isPort());
        MigType fixed = type("f", "type f = ^array[16] of MACH_MSG_TYPE_INTEGER_32;");
        assertTrue(fixed.isOutOfLine());
        assertFalse(fixed.isVariable());
        assertEquals(16, fixed.count());
    }

    @Test
    void structOfCount() throws MigException {
        MigType t = type("s", "type s = struct[11] of MACH_MSG_TYPE_INTEGER_32;");
        assertEquals(Kind.STRUCT, t.kind());
        assertEquals(11, t.count());
        assertBasic(t.element(), 2, 2, 32);
    }

    @Test
    void structWithFields() throws MigException {
        MigType t = type("s",
                "type int = MACH_MSG_TYPE_INTEGER_32;",
                "type int3 = array[3] of int;",
                "type s = struct { int a; int3 b; int c[2]; struct[2] of int d; };");
        assertEquals(Kind.STRUCT_FIELDS, t.kind());
        assertEquals(List.of("a", "b", "c", "d"), t.fields().stream().map(MigType.Field::name).toList());
        assertEquals(8, t.count());
        assertBasic(t.element(), 2, 2, 32);
        assertEquals("int3", t.fields().get(1).type().name());
        assertEquals(2, t.fields().get(2).type().count());
    }

    @Test
    void cStrings() throws MigException {
        MigType fixed = type("s", "type s = c_string[1024];");
        assertEquals(Kind.CSTRING, fixed.kind());
        assertEquals(1024, fixed.count());
        assertFalse(fixed.isVariable());
        MigType variable = type("s", "type s = c_string[*:256];");
        assertTrue(variable.isVariable());
        assertEquals(256, variable.count());
        assertEquals(12, variable.inName());
        assertEquals(8, variable.sizeBits());
    }

    @Test
    void polymorphicIsBuiltIn() throws MigException {
        MigType p = parseAfterHeader("").types().get("polymorphic");
        assertBasic(p, MigType.POLYMORPHIC, MigType.POLYMORPHIC, 64);
        MigType alias = type("any_t", "type any_t = polymorphic ctype: vm_offset_t;");
        assertBasic(alias, MigType.POLYMORPHIC, MigType.POLYMORPHIC, 64);
        assertTrue(alias.isPort());
        assertEquals("vm_offset_t", alias.clauses().cType());
    }

    @Test
    void aliasCopiesUnderTheNewName() throws MigException {
        MigType t = type("b", "type a = ^array[] of MACH_MSG_TYPE_INTEGER_32;", "type b = a;");
        assertEquals("b", t.name());
        assertEquals(Kind.ARRAY, t.kind());
        assertTrue(t.isOutOfLine());
        assertEquals(-1, t.count());
    }

    @Test
    void cTypeClauses() throws MigException {
        MigType t = type("t", "type t = MACH_MSG_TYPE_INTEGER_32 ctype: struct foo * * cusertype: bar_t"
                + " cservertype: baz_t*;");
        assertEquals("struct foo **", t.clauses().cType());
        assertEquals("bar_t", t.clauses().cUserType());
        assertEquals("baz_t *", t.clauses().cServerType());
    }

    @Test
    void translationAndDestructorClauses() throws MigException {
        MigType t = type("file_t",
                "type file_t = port_t",
                "  CType: mach_port_t",
                "  intran: file_t diskfs_begin_using_protid_port(file_t)",
                "  intranpayload: file_t *diskfs_payload(unsigned long)",
                "  outtran: mach_port_t diskfs_end_using(struct protid *)",
                "  destructor: diskfs_end_using_protid_port(file_t);");
        MigType.Clauses c = t.clauses();
        assertEquals("mach_port_t", c.cType());
        assertEquals(new Translation("file_t", "diskfs_begin_using_protid_port", "file_t"), c.inTran());
        assertEquals(new Translation("file_t *", "diskfs_payload", "unsigned long"), c.inTranPayload());
        assertEquals(new Translation("mach_port_t", "diskfs_end_using", "struct protid *"), c.outTran());
        assertEquals("diskfs_end_using_protid_port", c.destructor());
        assertTrue(t.isPort());
        assertEquals(19, t.inName());
    }

    @Test
    void gnuStyleIntranPayloadWithoutArgumentType() throws MigException {
        MigType t = type("t", "type t = port_t intranpayload: t_t begin_using_payload;");
        assertEquals(new Translation("t_t", "begin_using_payload", null), t.clauses().inTranPayload());
    }

    @Test
    void aliasInheritsClausesItDoesNotOverride() throws MigException {
        MigType t = type("b",
                "type a = port_t ctype: a_t intran: a_t f(mach_port_t) destructor: d(a_t);",
                "type b = a intran: b_t g(mach_port_t);");
        assertEquals("a_t", t.clauses().cType());
        assertEquals(new Translation("b_t", "g", "mach_port_t"), t.clauses().inTran());
        assertEquals("d", t.clauses().destructor());
        assertEquals("f", parseAfterHeader("type a = port_t intran: a_t f(mach_port_t);", "type b = a;")
                .types().get("b").clauses().inTran().function());
    }

    @Test
    void ctypeOverridesUserAndServerTypes() throws MigException {
        MigType t = type("b", "type a = port_t cusertype: u_t cservertype: s_t;", "type b = a ctype: c_t;");
        assertEquals("c_t", t.clauses().cType());
        assertNull(t.clauses().cUserType());
        assertNull(t.clauses().cServerType());
        MigType later = type("c", "type c = port_t ctype: c_t cusertype: u_t;");
        assertEquals("u_t", later.clauses().cUserType());
    }

    @Test
    void builtInsComeFirstThenDeclarationOrder() throws MigException {
        assertEquals(List.of("polymorphic", "port_t", "z", "a"),
                List.copyOf(parseAfterHeader("type z = port_t;", "type a = z;").types().keySet()));
    }
}
