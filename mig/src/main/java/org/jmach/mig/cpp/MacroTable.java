package org.jmach.mig.cpp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.SourcePos;

/** The macros defined so far, and the parsing of {@code #define}. */
final class MacroTable {

    /** Macros the preprocessor computes itself: their value depends on where they are used. */
    static final List<String> BUILTINS = List.of("__FILE__", "__LINE__");

    private final Map<String, Macro> macros = new HashMap<>();

    Macro get(String name) {
        return macros.get(name);
    }

    boolean isDefined(String name) {
        return macros.containsKey(name) || BUILTINS.contains(name);
    }

    void undefine(String name) {
        macros.remove(name);
    }

    /** Defines the macro {@code -D name=value} would, with "1" as the value if it is null. */
    void defineFromCommandLine(String name, String value) throws MigException {
        String key = name;
        String body = value;
        if (body == null) {
            int eq = key.indexOf('=');
            body = eq < 0 ? "1" : key.substring(eq + 1);
            key = eq < 0 ? key : key.substring(0, eq);
        }
        List<Token> tokens = Lexer.tokenize(LogicalLine.synthetic(key + " " + body, "<command-line>"));
        SourcePos where = new SourcePos("<command-line>", 1, 1);
        if (tokens.isEmpty()) {
            throw new MigException(where, "no macro name given in -D");
        }
        define(tokens.get(0), tokens.subList(1, tokens.size()), where);
    }

    /**
     * Defines a macro from the tokens of a {@code #define} line.
     *
     * @param name the token naming the macro
     * @param rest the tokens after the name
     * @param end where the line ends, for errors at its end
     */
    void define(Token name, List<Token> rest, SourcePos end) throws MigException {
        checkName(name);
        if (name.text.equals("defined")) {
            throw new MigException(name.pos(), "\"defined\" cannot be used as a macro name");
        }
        int i = 0;
        List<String> params = null;
        boolean variadic = false;
        if (!rest.isEmpty() && rest.get(0).is("(") && !rest.get(0).spaceBefore) {
            params = new ArrayList<>();
            i = 1;
            while (true) {
                Token t = i < rest.size() ? rest.get(i) : null;
                if (t == null) {
                    throw new MigException(end, "missing ')' in macro parameter list");
                }
                if (params.isEmpty() && t.is(")")) {
                    i++;
                    break;
                }
                if (t.is("...")) {
                    params.add("__VA_ARGS__");
                    variadic = true;
                    i++;
                } else if (t.kind == Token.Kind.IDENT) {
                    if (params.contains(t.text)) {
                        throw new MigException(t.pos(), "duplicate macro parameter \"" + t.text + "\"");
                    }
                    params.add(t.text);
                    i++;
                    if (i < rest.size() && rest.get(i).is("...")) {
                        variadic = true;
                        i++;
                    }
                } else {
                    throw new MigException(t.pos(), "expected a parameter name, found \"" + t.text + "\"");
                }
                Token sep = i < rest.size() ? rest.get(i) : null;
                if (sep == null) {
                    throw new MigException(end, "missing ')' in macro parameter list");
                }
                i++;
                if (sep.is(")")) {
                    break;
                }
                if (!sep.is(",") || variadic) {
                    throw new MigException(sep.pos(), variadic
                            ? "expected ')' after \"...\""
                            : "expected ',' or ')' in macro parameter list, found \"" + sep.text + "\"");
                }
            }
        }
        List<Token> body = body(rest.subList(i, rest.size()), params);
        macros.put(name.text, new Macro(name.text, params == null ? null : List.copyOf(params), variadic,
                List.copyOf(body)));
    }

    /** Checks that {@code name} can name a macro. */
    static void checkName(Token name) throws MigException {
        if (name.kind != Token.Kind.IDENT) {
            throw new MigException(name.pos(), "macro names must be identifiers");
        }
    }

    private static List<Token> body(List<Token> tokens, List<String> params) throws MigException {
        List<Token> body = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (k == 0) {
                t = t.withSpaceBefore(false);
            }
            if (t.is("##")) {
                if (k == 0 || k == tokens.size() - 1) {
                    throw new MigException(t.pos(), "'##' cannot appear at either end of a macro expansion");
                }
                t = t.withKind(Token.Kind.PASTE);
            } else if (params != null && t.is("#")) {
                Token next = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
                if (next == null || next.kind != Token.Kind.IDENT || !params.contains(next.text)) {
                    throw new MigException(t.pos(), "'#' is not followed by a macro parameter");
                }
            }
            body.add(t);
        }
        return body;
    }
}
