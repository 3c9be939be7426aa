package org.jmach.mig.cpp;

import org.jmach.mig.MigException;

/** A value in an {@code #if} expression: a 64-bit integer, signed or unsigned. */
record PpValue(long value, boolean unsigned) {

    static final PpValue ZERO = new PpValue(0, false);
    static final PpValue ONE = new PpValue(1, false);

    static PpValue of(boolean b) {
        return b ? ONE : ZERO;
    }

    boolean isTrue() {
        return value != 0;
    }

    /** The value of an integer literal: decimal, hex or octal, with u and l suffixes. */
    static PpValue parseNumber(Token t) throws MigException {
        String s = t.text;
        int end = s.length();
        boolean unsigned = false;
        int longs = 0;
        while (end > 0 && "uUlL".indexOf(s.charAt(end - 1)) >= 0) {
            char c = s.charAt(end - 1);
            if (c == 'u' || c == 'U') {
                if (unsigned) {
                    throw invalid(t);
                }
                unsigned = true;
            } else {
                longs++;
            }
            end--;
        }
        if (longs > 2 || (longs == 2 && !s.toLowerCase().contains("ll"))) {
            throw invalid(t);
        }
        String digits = s.substring(0, end);
        int radix = 10;
        if (digits.length() > 1 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && (digits.startsWith("0b") || digits.startsWith("0B"))) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        if (digits.isEmpty() || digits.startsWith("+") || digits.startsWith("-")) {
            throw invalid(t);
        }
        long v;
        final int base = radix;
        try {
            v = Long.parseUnsignedLong(digits, base);
        } catch (NumberFormatException e) {
            boolean allDigits = digits.chars().allMatch(c -> Character.digit(c, base) >= 0);
            throw allDigits ? new MigException(t.pos(), "integer constant is too large: " + t.text) : invalid(t);
        }
        return new PpValue(v, unsigned || v < 0);
    }

    /** The value of a character literal such as {@code 'a'} or {@code '\n'}. */
    static PpValue parseChar(Token t) throws MigException {
        String s = t.text;
        int i = s.indexOf('\'') + 1;
        long v = 0;
        int count = 0;
        while (i < s.length() - 1) {
            char c = s.charAt(i++);
            long code = c;
            if (c == '\\') {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> code = '\n';
                    case 't' -> code = '\t';
                    case 'r' -> code = '\r';
                    case 'a' -> code = 7;
                    case 'b' -> code = '\b';
                    case 'f' -> code = '\f';
                    case 'v' -> code = 11;
                    case 'x' -> {
                        int j = i;
                        while (j < s.length() - 1 && Character.digit(s.charAt(j), 16) >= 0) {
                            j++;
                        }
                        code = j == i ? 0 : Long.parseLong(s.substring(i, j), 16);
                        i = j;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int j = i - 1;
                            while (j < s.length() - 1 && j < i + 2 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                                j++;
                            }
                            code = Long.parseLong(s.substring(i - 1, j), 8);
                            i = j;
                        } else {
                            code = e;
                        }
                    }
                }
            }
            v = (v << 8) | (code & 0xff);
            count++;
        }
        if (count == 0) {
            throw new MigException(t.pos(), "empty character constant");
        }
        return new PpValue(count == 1 ? (byte) v : (int) v, false);
    }

    private static MigException invalid(Token t) {
        return new MigException(t.pos(), "invalid integer constant \"" + t.text + "\" in #if");
    }
}
