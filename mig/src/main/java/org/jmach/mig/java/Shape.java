package org.jmach.mig.java;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.Argument;
import org.jmach.mig.ir.MigType;
import org.jmach.mig.ir.SourcePos;

/**
 * How one argument's data travels and what Java type holds it: a scalar,
 * a port right, a polymorphic value, an array (flattened to its basic
 * elements, as MIG counts them) or a C string, with the descriptor's type
 * names, element size, count bound and form.
 *
 * @param category what the data is
 * @param inName the msgt_name the sender writes ({@code -1}: polymorphic)
 * @param outName the msgt_name the receiver checks
 * @param sizeBits bits of one element
 * @param bound the fixed count (with FIXED) or the maximum (-1: none)
 * @param flags the runtime's MigWriter flags: OOL, LONGFORM, FIXED
 * @param type the argument's type, for its translation clauses
 */
record Shape(Category category, int inName, int outName, int sizeBits, int bound, int flags, MigType type) {

    /** What an argument's data is. */
    enum Category {
        SCALAR,
        PORT,
        POLY,
        ARRAY,
        STRING
    }

    static final int OOL = 1;
    static final int LONGFORM = 2;
    static final int FIXED = 4;

    /** The shape of {@code arg}'s type. */
    static Shape of(Argument arg) throws MigException {
        MigType t = arg.type();
        int longForm = (t.isLongForm() || arg.has(org.jmach.mig.ir.ArgFlag.ISLONG))
                && !arg.has(org.jmach.mig.ir.ArgFlag.ISNOTLONG) ? LONGFORM : 0;
        switch (t.kind()) {
            case BASIC:
                if (t.inName() == MigType.POLYMORPHIC) {
                    return new Shape(Category.POLY, -1, -1, t.sizeBits(), 1, longForm, t);
                }
                if (t.isPort()) {
                    return new Shape(Category.PORT, t.inName(), t.outName(), t.sizeBits(), 1, longForm, t);
                }
                checkElementSize(t, t.pos());
                return new Shape(Category.SCALAR, t.inName(), t.outName(), t.sizeBits(), 1, longForm, t);
            case CSTRING:
                return new Shape(Category.STRING, 12, 12, 8, t.count(), (t.isVariable() ? 0 : FIXED) | longForm, t);
            case STRUCT:
            case STRUCT_FIELDS:
            case ARRAY:
                return array(t, longForm);
            default:
                throw new MigException(t.pos(), "type " + t + " has no Java form");
        }
    }

    private static Shape array(MigType t, int longForm) throws MigException {
        int inner = 1;
        MigType basic = t.element();
        while (basic != null && basic.kind() != MigType.Kind.BASIC) {
            if (basic.isVariable() || basic.kind() == MigType.Kind.CSTRING) {
                throw new MigException(t.pos(), "type " + t + ": an array of variable-sized elements has no Java form");
            }
            inner *= basic.count();
            basic = basic.element();
        }
        if (basic == null) {
            throw new MigException(t.pos(), "type " + t + " has no element type");
        }
        if (basic.inName() == MigType.POLYMORPHIC) {
            throw new MigException(t.pos(), "type " + t + ": arrays of polymorphic elements have no Java form");
        }
        if (!basic.isPort()) {
            checkElementSize(basic, t.pos());
        }
        int flags = longForm | (basic.isLongForm() ? LONGFORM : 0);
        int bound;
        if (t.kind() == MigType.Kind.ARRAY && t.isVariable()) {
            bound = t.count() < 0 ? -1 : t.count() * inner;
            // An unbounded array cannot be inline: MIG sends it out of line.
            if (t.isOutOfLine() || bound < 0) {
                flags |= OOL;
            }
        } else {
            bound = t.count() * inner;
            flags |= FIXED;
            if (t.isOutOfLine()) {
                flags |= OOL;
            }
        }
        return new Shape(Category.ARRAY, basic.inName(), basic.outName(), basic.sizeBits(), bound, flags, t);
    }

    private static void checkElementSize(MigType t, SourcePos pos) throws MigException {
        int s = t.sizeBits();
        if (s != 8 && s != 16 && s != 32 && s != 64) {
            throw new MigException(pos, "type " + t + ": elements of " + s + " bits have no Java type");
        }
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    boolean isPortArray() {
        return category == Category.ARRAY && (isPortName(inName) || isPortName(outName));
    }

    private static boolean isPortName(int n) {
        return n >= 16 && n <= 21;
    }

    /** The Java type of one value: {@code int}, {@code long[]}, {@code String}, ... */
    String javaType() {
        switch (category) {
            case PORT:
            case POLY:
                return "int";
            case STRING:
                return "String";
            case ARRAY:
                return element() + "[]";
            default:
                return element();
        }
    }

    /** The Java type of one element. */
    String element() {
        if (category == Category.PORT || category == Category.POLY || isPortArray()) {
            return "int";
        }
        switch (sizeBits) {
            case 8:
                return "byte";
            case 16:
                return "short";
            case 64:
                return "long";
            default:
                return "int";
        }
    }

    /** The most bytes the item takes in a message: descriptor and data, aligned. */
    int maxBytes() {
        int data;
        if (has(OOL)) {
            data = 8;
        } else if (category == Category.ARRAY) {
            int slot = isPortArray() ? 64 : sizeBits;
            data = (int) Math.min(Integer.MAX_VALUE / 2, ((long) Math.max(bound, 0) * slot + 7) / 8);
        } else if (category == Category.STRING) {
            data = bound;
        } else {
            data = Math.max(8, sizeBits / 8);
        }
        return 8 + ((data + 7) & ~7);
    }
}
