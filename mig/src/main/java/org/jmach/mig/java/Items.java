package org.jmach.mig.java;

/** The runtime calls that write and read one item of a given shape. */
final class Items {

    private Items() {
    }

    /** A statement writing {@code value} (and for a polymorphic value, its type {@code poly}) with writer {@code w}. */
    static String write(Shape s, String value, String poly) {
        String name = TypeNames.of(s.inName());
        String flags = TypeNames.flags(s.flags());
        if (s.has(Shape.LONGFORM) && (s.category() == Shape.Category.SCALAR || s.category() == Shape.Category.PORT)) {
            // islong on one element: the array writer sets the descriptor's long-form bit.
            String one = "new " + s.element() + "[] {" + value + "}";
            String fixed = TypeNames.flags(Shape.FIXED | Shape.LONGFORM);
            switch (s.element()) {
                case "byte":
                    return "w.bytes(" + name + ", " + one + ", 1, " + fixed + ");";
                case "short":
                    return "w.shorts(" + name + ", " + one + ", 1, " + fixed + ");";
                case "long":
                    return "w.longs(" + name + ", " + one + ", 1, " + fixed + ");";
                default:
                    return "w.ints(" + name + ", " + s.sizeBits() + ", " + one + ", 1, " + fixed + ");";
            }
        }
        switch (s.category()) {
            case PORT:
                return "w.port(" + name + ", " + value + ");";
            case POLY:
                return "w.poly(" + poly + ", " + value + ");";
            case STRING:
                return "w.string(" + value + ", " + s.bound() + ", " + flags + ");";
            case SCALAR:
                return "w.int" + s.sizeBits() + "(" + name + ", " + value + ");";
            default:
                switch (s.element()) {
                    case "byte":
                        return "w.bytes(" + name + ", " + value + ", " + s.bound() + ", " + flags + ");";
                    case "short":
                        return "w.shorts(" + name + ", " + value + ", " + s.bound() + ", " + flags + ");";
                    case "long":
                        return "w.longs(" + name + ", " + value + ", " + s.bound() + ", " + flags + ");";
                    default:
                        return "w.ints(" + name + ", " + s.sizeBits() + ", " + value + ", " + s.bound() + ", "
                                + flags + ");";
                }
        }
    }

    /** An expression reading one item with reader {@code r}. */
    static String read(Shape s) {
        String name = TypeNames.of(s.outName());
        String flags = TypeNames.flags(s.flags());
        switch (s.category()) {
            case PORT:
                return "r.port(" + name + ")";
            case POLY:
                return "r.poly()";
            case STRING:
                return "r.string(" + s.bound() + ", " + flags + ")";
            case SCALAR:
                return "r.int" + s.sizeBits() + "(" + name + ")";
            default:
                switch (s.element()) {
                    case "byte":
                        return "r.bytes(" + name + ", " + s.bound() + ", " + flags + ")";
                    case "short":
                        return "r.shorts(" + name + ", " + s.bound() + ", " + flags + ")";
                    case "long":
                        return "r.longs(" + name + ", " + s.bound() + ", " + flags + ")";
                    default:
                        return "r.ints(" + name + ", " + s.sizeBits() + ", " + s.bound() + ", " + flags + ")";
                }
        }
    }
}
