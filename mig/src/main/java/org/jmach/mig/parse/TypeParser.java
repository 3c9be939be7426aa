package org.jmach.mig.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.MigType;
import org.jmach.mig.ir.SourcePos;

/**
 * Type specifications: IPC types ({@code MACH_MSG_TYPE_X}, {@code X|Y},
 * {@code (X, size, flags)}), arrays, structs, c_strings and declared
 * names. A type spelled out in place is named by its text as written.
 */
final class TypeParser {

    private final TokenStream in;
    private final Map<String, MigType> types;

    /** @param types the types declared so far, by name (read only) */
    TypeParser(TokenStream in, Map<String, MigType> types) {
        this.in = in;
        this.types = types;
    }

    /** After {@code NAME =}: a type spec and its clauses, as a type named {@code name}. */
    MigType declaration(Token name) throws MigException {
        MigType spec = typeSpec();
        MigType.Clauses clauses = TypeClauses.parse(in, spec.clauses());
        return spec.named(name.text(), name.pos(), clauses);
    }

    /** One type spec; a declared name is returned as declared. */
    MigType typeSpec() throws MigException {
        Token first = in.peek();
        int mark = in.mark();
        if (first.is(TokenKind.CARET)) {
            in.next();
            MigType inner = typeSpec();
            if (inner.kind() != MigType.Kind.ARRAY) {
                throw new MigException(first.pos(), "'^' (out of line) applies to arrays only");
            }
            return MigType.array(in.textSince(mark), first.pos(), inner.element(), inner.count(),
                    inner.isVariable(), true);
        }
        if (first.is(TokenKind.LPAREN)) {
            return longIpcType(mark);
        }
        if (first.is(TokenKind.NUMBER) || (first.is(TokenKind.IDENT) && IpcTypeNames.lookUp(first.text()) != null)) {
            IpcType t = ipcType();
            if (t.size == 0) {
                throw new MigException(first.pos(), "IPC type " + in.textSince(mark) + " needs an explicit size");
            }
            return MigType.basic(in.textSince(mark), first.pos(), t.inName, t.outName, t.size, false, false);
        }
        if (first.isKeyword("array")) {
            return array(mark);
        }
        if (first.isKeyword("struct")) {
            return struct(mark);
        }
        if (first.isKeyword("c_string")) {
            return cString(mark);
        }
        if (first.is(TokenKind.IDENT)) {
            in.next();
            MigType t = lookUp(first.text());
            if (t == null) {
                throw new MigException(first.pos(), "unknown type " + first.text());
            }
            return t;
        }
        throw in.expected("type");
    }

    private MigType lookUp(String name) {
        MigType t = types.get(name);
        if (t == null && name.equalsIgnoreCase(Parser.POLYMORPHIC)) {
            t = types.get(Parser.POLYMORPHIC);
        }
        return t;
    }

    /** {@code ( IPCTYPE , SIZE [, IPCFLAG]... )}. */
    private MigType longIpcType(int mark) throws MigException {
        Token open = in.expect(TokenKind.LPAREN);
        IpcType t = ipcType();
        in.expect(TokenKind.COMMA);
        int size = SizeExpression.parse(in, 1, "IPC type size");
        boolean longForm = false;
        boolean dealloc = false;
        boolean deallocVariable = false;
        while (in.accept(TokenKind.COMMA)) {
            Token flag = in.peek();
            if (in.acceptKeyword("islong")) {
                longForm = true;
            } else if (in.acceptKeyword("isnotlong")) {
                longForm = false;
            } else if (in.acceptKeyword("notdealloc")) {
                dealloc = false;
                deallocVariable = false;
            } else if (in.acceptKeyword("dealloc")) {
                if (in.accept(TokenKind.LBRACKET)) {
                    in.expect(TokenKind.RBRACKET);
                    deallocVariable = true;
                } else {
                    dealloc = true;
                }
            } else {
                throw new MigException(flag.pos(), "expected IPC flag, found " + flag.describe());
            }
        }
        in.expect(TokenKind.RPAREN);
        return MigType.basic(in.textSince(mark), open.pos(), t.inName, t.outName, size, longForm, dealloc,
                deallocVariable);
    }

    /** An IPC type name pair and its default size (0: none). */
    private record IpcType(int inName, int outName, int size) {
    }

    /** {@code PRIM} or {@code PRIM | PRIM}. */
    private IpcType ipcType() throws MigException {
        IpcType first = primIpcType();
        if (!in.peek().is(TokenKind.BAR)) {
            return first;
        }
        in.next();
        Token secondToken = in.peek();
        IpcType second = primIpcType();
        int size = first.size;
        if (size == 0) {
            size = second.size;
        } else if (second.size != 0 && second.size != size) {
            throw new MigException(secondToken.pos(),
                    "IPC types of different sizes (" + first.size + " and " + second.size + " bits)");
        }
        return new IpcType(first.inName, second.outName, size);
    }

    private IpcType primIpcType() throws MigException {
        Token t = in.peek();
        if (t.is(TokenKind.NUMBER)) {
            in.next();
            if (t.value() > 0xffff) {
                throw new MigException(t.pos(), "bad IPC type number " + t.value());
            }
            return new IpcType((int) t.value(), (int) t.value(), 0);
        }
        IpcTypeNames.IpcName name = t.is(TokenKind.IDENT) ? IpcTypeNames.lookUp(t.text()) : null;
        if (name == null) {
            throw in.expected("IPC type");
        }
        in.next();
        return new IpcType(name.inName(), name.outName(), name.defaultSize());
    }

    /** {@code array [N] of T}, {@code array [] of T}, {@code array [*] of T}, {@code array [*:N] of T}. */
    private MigType array(int mark) throws MigException {
        Token keyword = in.next();
        in.expect(TokenKind.LBRACKET);
        int count = -1;
        boolean variable = true;
        if (in.accept(TokenKind.STAR)) {
            if (in.accept(TokenKind.COLON)) {
                count = SizeExpression.parse(in, 0, "array size");
            }
        } else if (!in.peek().is(TokenKind.RBRACKET)) {
            count = SizeExpression.parse(in, 0, "array size");
            variable = false;
        }
        in.expect(TokenKind.RBRACKET);
        in.expectKeyword("of");
        MigType element = typeSpec();
        return MigType.array(in.textSince(mark), keyword.pos(), element, count, variable, false);
    }

    /** {@code struct [N] of T} or {@code struct { T1 a; T2 b; }}. */
    private MigType struct(int mark) throws MigException {
        Token keyword = in.next();
        if (in.peek().is(TokenKind.LBRACE)) {
            return structFields(mark, keyword);
        }
        if (!in.peek().is(TokenKind.LBRACKET)) {
            throw in.expected("'[' or '{'");
        }
        in.next();
        int count = SizeExpression.parse(in, 0, "struct size");
        in.expect(TokenKind.RBRACKET);
        in.expectKeyword("of");
        MigType element = typeSpec();
        return MigType.struct(in.textSince(mark), keyword.pos(), element, count);
    }

    private MigType structFields(int mark, Token keyword) throws MigException {
        in.expect(TokenKind.LBRACE);
        List<MigType.Field> fields = new ArrayList<>();
        StructFieldUnits.Unit first = null;
        long total = 0;
        do {
            SourcePos typePos = in.peek().pos();
            MigType type = typeSpec();
            Token name = in.expect(TokenKind.IDENT, "field name");
            if (in.accept(TokenKind.LBRACKET)) {
                int n = SizeExpression.parse(in, 0, "array size");
                in.expect(TokenKind.RBRACKET);
                type = MigType.array(type.name() + "[" + n + "]", typePos, type, n, false, false);
            }
            in.expect(TokenKind.SEMI);
            StructFieldUnits.Unit unit = StructFieldUnits.of(type, name, typePos);
            if (first == null) {
                first = unit;
            } else if (!StructFieldUnits.sameIpcType(first.element(), unit.element())) {
                throw new MigException(typePos,
                        "struct field " + name.text() + " is not of the IPC type and size of the first field");
            }
            total += unit.count();
            fields.add(new MigType.Field(name.text(), type));
        } while (!in.peek().is(TokenKind.RBRACE));
        in.next();
        if (total > Integer.MAX_VALUE) {
            throw new MigException(keyword.pos(), "struct too large");
        }
        return MigType.structFields(in.textSince(mark), keyword.pos(), fields, first.element(), (int) total);
    }

    /** {@code c_string [N]} or {@code c_string [*:N]}. */
    private MigType cString(int mark) throws MigException {
        Token keyword = in.next();
        in.expect(TokenKind.LBRACKET);
        boolean variable = false;
        if (in.accept(TokenKind.STAR)) {
            in.expect(TokenKind.COLON);
            variable = true;
        }
        int count = SizeExpression.parse(in, 1, "c_string size");
        in.expect(TokenKind.RBRACKET);
        return MigType.cString(in.textSince(mark), keyword.pos(), count, variable);
    }
}
