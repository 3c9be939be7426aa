package org.jmach.mig.cpp;

import java.util.List;

/**
 * A macro definition. {@code params} is null for an object-like macro; for a
 * variadic one its last parameter ({@code __VA_ARGS__} or a named one) takes
 * the rest of the arguments. {@code ##} operators in the body have kind PASTE.
 */
record Macro(String name, List<String> params, boolean variadic, List<Token> body) {

    boolean functionLike() {
        return params != null;
    }

    /** The index of the parameter that {@code t} names, or -1. */
    int paramIndex(Token t) {
        return params == null || t.kind != Token.Kind.IDENT ? -1 : params.indexOf(t.text);
    }
}
