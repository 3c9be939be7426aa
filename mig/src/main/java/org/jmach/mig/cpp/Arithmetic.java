package org.jmach.mig.cpp;

import org.jmach.mig.MigException;

/** The binary operators of {@code #if} expressions, with C's signed and unsigned rules. */
final class Arithmetic {

    private Arithmetic() {
    }

    /**
     * {@code left op right}. Division by zero is an error only if {@code eval}
     * (the operand is not skipped by short-circuiting).
     */
    static PpValue apply(Token op, PpValue left, PpValue right, boolean eval) throws MigException {
        boolean unsigned = left.unsigned() || right.unsigned();
        long a = left.value();
        long b = right.value();
        return switch (op.text) {
            case "*" -> new PpValue(a * b, unsigned);
            case "/", "%" -> divide(op, a, b, unsigned, eval);
            case "+" -> new PpValue(a + b, unsigned);
            case "-" -> new PpValue(a - b, unsigned);
            case "<<" -> new PpValue(shift(a, b, left.unsigned(), true), left.unsigned());
            case ">>" -> new PpValue(shift(a, b, left.unsigned(), false), left.unsigned());
            case "<" -> PpValue.of(compare(a, b, unsigned) < 0);
            case ">" -> PpValue.of(compare(a, b, unsigned) > 0);
            case "<=" -> PpValue.of(compare(a, b, unsigned) <= 0);
            case ">=" -> PpValue.of(compare(a, b, unsigned) >= 0);
            case "==" -> PpValue.of(a == b);
            case "!=" -> PpValue.of(a != b);
            case "&" -> new PpValue(a & b, unsigned);
            case "^" -> new PpValue(a ^ b, unsigned);
            case "|" -> new PpValue(a | b, unsigned);
            default -> throw new IllegalArgumentException(op.text);
        };
    }

    private static PpValue divide(Token op, long a, long b, boolean unsigned, boolean eval)
            throws MigException {
        if (b == 0) {
            if (eval) {
                throw new MigException(op.pos(), "division by zero in #if");
            }
            return new PpValue(0, unsigned);
        }
        boolean div = op.text.equals("/");
        long v;
        if (unsigned) {
            v = div ? Long.divideUnsigned(a, b) : Long.remainderUnsigned(a, b);
        } else if (a == Long.MIN_VALUE && b == -1) {
            v = div ? a : 0;
        } else {
            v = div ? a / b : a % b;
        }
        return new PpValue(v, unsigned);
    }

    private static int compare(long a, long b, boolean unsigned) {
        return unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }

    /** Shifts {@code a} by {@code count} bits, a negative count shifting the other way. */
    private static long shift(long a, long count, boolean unsigned, boolean leftward) {
        if (count < 0) {
            return shift(a, count == Long.MIN_VALUE ? Long.MAX_VALUE : -count, unsigned, !leftward);
        }
        if (leftward) {
            return count >= 64 ? 0 : a << count;
        }
        if (unsigned) {
            return count >= 64 ? 0 : a >>> count;
        }
        return a >> Math.min(count, 63);
    }
}
