package org.jmach.mig.cpp;

import java.util.List;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.SourcePos;

/**
 * Evaluates a macro-expanded {@code #if} expression by recursive descent,
 * with C's operators and precedence. The operand that {@code &&}, {@code ||}
 * or {@code ?:} skips is parsed but not evaluated, so it cannot divide by
 * zero. Identifiers left after expansion are 0.
 */
final class ExpressionParser {

    /** The binary operators from loosest to tightest, above {@code &&}. */
    private static final List<List<String>> LEVELS = List.of(
            List.of("|"), List.of("^"), List.of("&"), List.of("==", "!="),
            List.of("<", ">", "<=", ">="), List.of("<<", ">>"), List.of("+", "-"),
            List.of("*", "/", "%"));

    private final List<Token> tokens;
    private final SourcePos end;
    private int index;

    private ExpressionParser(List<Token> tokens, SourcePos end) {
        this.tokens = tokens;
        this.end = end;
    }

    static PpValue evaluate(List<Token> tokens, SourcePos end) throws MigException {
        ExpressionParser p = new ExpressionParser(tokens, end);
        PpValue v = p.conditional(true);
        if (p.index < tokens.size()) {
            throw p.unexpected(tokens.get(p.index));
        }
        return v;
    }

    private Token peek() {
        return index < tokens.size() ? tokens.get(index) : null;
    }

    private boolean accept(String op) {
        Token t = peek();
        if (t != null && t.is(op)) {
            index++;
            return true;
        }
        return false;
    }

    private void expect(String op, String what) throws MigException {
        if (!accept(op)) {
            Token t = peek();
            throw new MigException(t == null ? end : t.pos(), "expected '" + op + "' " + what
                    + " in #if expression" + (t == null ? "" : ", found \"" + t.text + "\""));
        }
    }

    private MigException unexpected(Token t) {
        return new MigException(t.pos(), "unexpected \"" + t.text + "\" in #if expression");
    }

    private PpValue conditional(boolean eval) throws MigException {
        PpValue c = logicalOr(eval);
        if (!accept("?")) {
            return c;
        }
        PpValue a = conditional(eval && c.isTrue());
        expect(":", "in '?:'");
        PpValue b = conditional(eval && !c.isTrue());
        boolean unsigned = a.unsigned() || b.unsigned();
        return new PpValue(c.isTrue() ? a.value() : b.value(), unsigned);
    }

    private PpValue logicalOr(boolean eval) throws MigException {
        PpValue left = logicalAnd(eval);
        while (accept("||")) {
            PpValue right = logicalAnd(eval && !left.isTrue());
            left = PpValue.of(left.isTrue() || right.isTrue());
        }
        return left;
    }

    private PpValue logicalAnd(boolean eval) throws MigException {
        PpValue left = binary(0, eval);
        while (accept("&&")) {
            PpValue right = binary(0, eval && left.isTrue());
            left = PpValue.of(left.isTrue() && right.isTrue());
        }
        return left;
    }

    private PpValue binary(int level, boolean eval) throws MigException {
        if (level == LEVELS.size()) {
            return unary(eval);
        }
        PpValue left = binary(level + 1, eval);
        while (true) {
            Token op = peek();
            if (op == null || op.kind != Token.Kind.PUNCT || !LEVELS.get(level).contains(op.text)) {
                return left;
            }
            index++;
            PpValue right = binary(level + 1, eval);
            left = Arithmetic.apply(op, left, right, eval);
        }
    }

    private PpValue unary(boolean eval) throws MigException {
        Token t = peek();
        if (t == null) {
            throw new MigException(end, "#if expression ends too soon");
        }
        if (t.kind == Token.Kind.PUNCT) {
            switch (t.text) {
                case "!" -> {
                    index++;
                    return PpValue.of(!unary(eval).isTrue());
                }
                case "~" -> {
                    index++;
                    PpValue v = unary(eval);
                    return new PpValue(~v.value(), v.unsigned());
                }
                case "-" -> {
                    index++;
                    PpValue v = unary(eval);
                    return new PpValue(-v.value(), v.unsigned());
                }
                case "+" -> {
                    index++;
                    return unary(eval);
                }
                case "(" -> {
                    index++;
                    PpValue v = conditional(eval);
                    expect(")", "to close '('");
                    return v;
                }
                default -> throw unexpected(t);
            }
        }
        index++;
        return switch (t.kind) {
            case NUMBER -> PpValue.parseNumber(t);
            case CHAR -> PpValue.parseChar(t);
            case IDENT -> PpValue.ZERO;
            default -> throw unexpected(t);
        };
    }
}
