package org.jmach.mig.parse;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.SourcePos;

/** Integer expressions in sizes and counts: numbers, {@code + - * /} and parentheses, as C evaluates them. */
final class SizeExpression {

    private final TokenStream in;

    private SizeExpression(TokenStream in) {
        this.in = in;
    }

    /** Parses and evaluates an expression. */
    static long parse(TokenStream in) throws MigException {
        return new SizeExpression(in).sum();
    }

    /** Parses an expression that must fit an int and be at least {@code min}; {@code what} names it in errors. */
    static int parse(TokenStream in, int min, String what) throws MigException {
        SourcePos pos = in.peek().pos();
        long v = parse(in);
        if (v < min || v > Integer.MAX_VALUE) {
            throw new MigException(pos, "bad " + what + " " + v);
        }
        return (int) v;
    }

    private long sum() throws MigException {
        long v = product();
        while (in.peek().is(TokenKind.PLUS) || in.peek().is(TokenKind.MINUS)) {
            Token op = in.next();
            long r = product();
            try {
                v = op.is(TokenKind.PLUS) ? Math.addExact(v, r) : Math.subtractExact(v, r);
            } catch (ArithmeticException e) {
                throw new MigException(op.pos(), "number too large");
            }
        }
        return v;
    }

    private long product() throws MigException {
        long v = factor();
        while (in.peek().is(TokenKind.STAR) || in.peek().is(TokenKind.SLASH)) {
            Token op = in.next();
            long r = factor();
            if (op.is(TokenKind.STAR)) {
                try {
                    v = Math.multiplyExact(v, r);
                } catch (ArithmeticException e) {
                    throw new MigException(op.pos(), "number too large");
                }
            } else if (r == 0) {
                throw new MigException(op.pos(), "division by zero");
            } else {
                v = v / r;
            }
        }
        return v;
    }

    private long factor() throws MigException {
        if (in.accept(TokenKind.LPAREN)) {
            long v = sum();
            in.expect(TokenKind.RPAREN);
            return v;
        }
        return in.expect(TokenKind.NUMBER, "number").value();
    }
}
