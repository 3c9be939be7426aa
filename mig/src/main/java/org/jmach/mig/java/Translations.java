package org.jmach.mig.java;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmach.mig.ir.Translation;

/**
 * The translation clauses a server implementation provides: each
 * {@code intran} becomes a method converting the message's value to an
 * object of the implementation (a type parameter of the server interface,
 * named after the C type), each {@code outtran} one converting back, each
 * {@code destructor} one releasing the object after the routine.
 * {@code intranpayload} needs protected payloads, which jmach messages do
 * not carry, so the port translation is always the one used.
 */
final class Translations {

    /** Type parameter name → the C type it stands for. */
    private final Map<String, String> typeParams = new LinkedHashMap<>();
    /** Method signature → its Javadoc, in first-use order. */
    private final Map<String, String> methods = new LinkedHashMap<>();
    /** Method name → the parameter type it was first declared with. */
    private final Map<String, String> parameterTypes = new LinkedHashMap<>();

    /** The type parameter for a C type: {@code ipc_space_t} → {@code IpcSpaceT}. */
    String typeParam(String cType) {
        String bare = cType.replace("struct ", "").replace("*", "").trim();
        String name = JavaNames.upperCamel(bare);
        typeParams.putIfAbsent(name, cType);
        return name;
    }

    /** Records the intran method; returns the expression converting {@code value}. */
    String in(Shape s, String value) {
        Translation t = s.type().clauses().inTran();
        String type = typeParam(t.resultType());
        String method = method(t.function(), s.javaType());
        methods.putIfAbsent(type + " " + method + "(" + s.javaType() + " value)",
                "intran: {@code " + t.resultType() + " " + t.function() + "(" + t.argumentType() + ")}.");
        return "impl." + method + "(" + value + ")";
    }

    /** The Java type an intran'ed argument has in the implementation. */
    String inType(Shape s) {
        return typeParam(s.type().clauses().inTran().resultType());
    }

    /** Records the destructor method; returns the statement calling it on {@code value}, or null. */
    String destructor(Shape s, String value) {
        String fn = s.type().clauses().destructor();
        if (fn == null) {
            return null;
        }
        String method = method(fn, inType(s));
        methods.putIfAbsent("void " + method + "(" + inType(s) + " value)", "destructor: {@code " + fn + "}.");
        return "impl." + method + "(" + value + ");";
    }

    /** The Java type the implementation returns for an outtran'ed argument. */
    String outType(Shape s) {
        return typeParam(s.type().clauses().outTran().argumentType());
    }

    /** Records the outtran method; returns the expression converting {@code value}. */
    String out(Shape s, String value) {
        Translation t = s.type().clauses().outTran();
        String method = method(t.function(), outType(s));
        methods.putIfAbsent(s.javaType() + " " + method + "(" + outType(s) + " value)",
                "outtran: {@code " + t.resultType() + " " + t.function() + "(" + t.argumentType() + ")}.");
        return "impl." + method + "(" + value + ")";
    }

    /**
     * The Java method for C function {@code fn} taking {@code parameterType}.
     * C calls one function with objects of several types (a destructor on
     * {@code void *}); Java cannot overload on type parameters, so each
     * further parameter type gets its own method, named with the type.
     */
    private String method(String fn, String parameterType) {
        String name = JavaNames.lowerCamel(fn);
        String first = parameterTypes.putIfAbsent(name, parameterType);
        return first == null || first.equals(parameterType) ? name : name + parameterType.replace("[]", "Array");
    }

    /** {@code <A, B>}, or "" when the interface has no type parameters. */
    String typeParamList() {
        return typeParams.isEmpty() ? "" : "<" + String.join(", ", typeParams.keySet()) + ">";
    }

    Map<String, String> typeParams() {
        return typeParams;
    }

    List<Map.Entry<String, String>> methods() {
        return new ArrayList<>(methods.entrySet());
    }
}
