package org.jmach.mig.parse;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.ArgFlag;
import org.jmach.mig.ir.ArgKind;
import org.jmach.mig.ir.Argument;
import org.jmach.mig.ir.MigType;

/**
 * A routine's argument list: {@code ( [KIND] NAME : TYPE [, FLAG]... ; ... )}.
 * The request port is the {@code requestport} argument or else the first
 * one, which then gets that kind.
 */
final class ArgumentParser {

    private static final Map<String, ArgKind> KINDS = Map.of("in", ArgKind.IN, "out", ArgKind.OUT, "inout",
            ArgKind.INOUT, "requestport", ArgKind.REQUESTPORT, "replyport", ArgKind.REPLYPORT, "sreplyport",
            ArgKind.SREPLYPORT, "ureplyport", ArgKind.UREPLYPORT, "waittime", ArgKind.WAITTIME, "msgseqno",
            ArgKind.MSGSEQNO, "msgoption", ArgKind.MSGOPTION);

    private static final Map<String, ArgFlag> FLAGS = Map.of("dealloc", ArgFlag.DEALLOC, "notdealloc",
            ArgFlag.NOTDEALLOC, "servercopy", ArgFlag.SERVERCOPY, "countinout", ArgFlag.COUNTINOUT, "islong",
            ArgFlag.ISLONG, "isnotlong", ArgFlag.ISNOTLONG, "retcode", ArgFlag.RETCODE);

    private final TokenStream in;
    private final TypeParser types;

    ArgumentParser(TokenStream in, TypeParser types) {
        this.in = in;
        this.types = types;
    }

    /** The parenthesised list after the routine's name; {@code routine} is its name token, for errors. */
    List<Argument> arguments(Token routine) throws MigException {
        in.expect(TokenKind.LPAREN);
        List<Argument> args = new ArrayList<>();
        while (!in.peek().is(TokenKind.RPAREN)) {
            args.add(argument());
            if (!in.accept(TokenKind.SEMI)) {
                break;
            }
        }
        if (!in.peek().is(TokenKind.RPAREN)) {
            throw in.expected("';' or ')'");
        }
        in.next();
        return withRequestPort(args, routine);
    }

    private Argument argument() throws MigException {
        ArgKind kind = ArgKind.IN;
        Token first = in.peek();
        ArgKind written = first.is(TokenKind.IDENT) ? KINDS.get(first.text().toLowerCase(Locale.ROOT)) : null;
        if (written != null && in.peek(1).is(TokenKind.IDENT)) {
            in.next();
            kind = written;
        }
        Token name = in.expect(TokenKind.IDENT, "argument name");
        in.expect(TokenKind.COLON);
        MigType type;
        if (in.peek().is(TokenKind.IDENT) && in.peek(1).is(TokenKind.EQUAL)) {
            Token typeName = in.next();
            in.next();
            type = types.declaration(typeName);
        } else {
            type = types.typeSpec();
        }
        Set<ArgFlag> flags = EnumSet.noneOf(ArgFlag.class);
        while (in.accept(TokenKind.COMMA)) {
            Token t = in.peek();
            ArgFlag flag = t.is(TokenKind.IDENT) ? FLAGS.get(t.text().toLowerCase(Locale.ROOT)) : null;
            if (flag == null) {
                throw in.expected("argument flag");
            }
            in.next();
            if (flag == ArgFlag.DEALLOC && in.accept(TokenKind.LBRACKET)) {
                in.expect(TokenKind.RBRACKET);
                flag = ArgFlag.DEALLOC_VARIABLE;
            }
            flags.add(flag);
        }
        return new Argument(name.text(), kind, type, flags, name.pos());
    }

    /** Makes the first argument the request port if none is declared, and checks it is a port. */
    private static List<Argument> withRequestPort(List<Argument> args, Token routine) throws MigException {
        Argument port = null;
        for (Argument a : args) {
            if (a.kind() == ArgKind.REQUESTPORT) {
                if (port != null) {
                    throw new MigException(a.pos(), "routine " + routine.text() + " has two request ports");
                }
                port = a;
            }
        }
        if (port == null && !args.isEmpty() && args.get(0).kind() == ArgKind.IN) {
            Argument a = args.get(0);
            port = new Argument(a.name(), ArgKind.REQUESTPORT, a.type(), a.flags(), a.pos());
            args.set(0, port);
        }
        if (port == null || !port.type().isPort()) {
            throw new MigException(routine.pos(), "routine " + routine.text() + " has no request port");
        }
        return args;
    }
}
