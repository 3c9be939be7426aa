package org.jmach.mig.cpp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jmach.mig.MigException;

/**
 * Expands the macros of a token stream, rescanning each expansion. Every
 * token carries the set of macros whose expansion it came from, and a macro
 * name in its own set is not expanded again, so self-reference ends.
 */
final class MacroExpander {

    private final MacroTable macros;
    private final TokenSource input;
    private final Deque<Token> pending = new ArrayDeque<>();

    MacroExpander(MacroTable macros, TokenSource input) {
        this.macros = macros;
        this.input = input;
    }

    /** Expands a whole list of tokens. */
    static List<Token> expandAll(MacroTable macros, List<Token> tokens) throws MigException {
        MacroExpander expander = new MacroExpander(macros, new ListTokenSource(tokens));
        List<Token> out = new ArrayList<>();
        for (Token t = expander.next(); t != null; t = expander.next()) {
            out.add(t);
        }
        return out;
    }

    /** The next fully expanded token, or null at the end of the input. */
    Token next() throws MigException {
        while (true) {
            Token t = nextRaw();
            if (t == null) {
                return null;
            }
            if (t.kind != Token.Kind.IDENT || t.hideSet.contains(t.text)) {
                return t;
            }
            Macro m = macros.get(t.text);
            if (m == null) {
                return builtin(t);
            }
            Set<String> hide;
            List<List<Token>> args;
            if (m.functionLike()) {
                Token open = peekRaw();
                if (open == null || !open.is("(")) {
                    return t;
                }
                nextRaw();
                args = new ArrayList<>();
                Token close = collectArguments(m, t, args);
                hide = new HashSet<>(t.hideSet);
                hide.retainAll(close.hideSet);
            } else {
                args = List.of();
                hide = new HashSet<>(t.hideSet);
            }
            hide.add(m.name());
            List<Token> expansion = Substitution.apply(macros, m, t, args, Set.copyOf(hide));
            for (int i = expansion.size() - 1; i >= 0; i--) {
                pending.addFirst(expansion.get(i));
            }
        }
    }

    private Token nextRaw() throws MigException {
        return pending.isEmpty() ? input.next() : pending.pollFirst();
    }

    private Token peekRaw() throws MigException {
        return pending.isEmpty() ? input.peek() : pending.peekFirst();
    }

    /** Reads the arguments of an invocation of {@code m} after its '('; returns the ')'. */
    private Token collectArguments(Macro m, Token name, List<List<Token>> args) throws MigException {
        List<Token> current = new ArrayList<>();
        int depth = 0;
        int params = m.params().size();
        while (true) {
            Token t = nextRaw();
            if (t == null) {
                throw new MigException(name.pos(),
                        "unterminated argument list invoking macro \"" + m.name() + "\"");
            }
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                if (depth == 0) {
                    args.add(current);
                    checkCount(m, name, args, params);
                    return t;
                }
                depth--;
            } else if (t.is(",") && depth == 0 && !(m.variadic() && args.size() == params - 1)) {
                args.add(current);
                current = new ArrayList<>();
                continue;
            }
            current.add(t);
        }
    }

    private static void checkCount(Macro m, Token name, List<List<Token>> args, int params)
            throws MigException {
        if (params == 0 && args.size() == 1 && args.get(0).isEmpty()) {
            args.clear();
            return;
        }
        if (m.variadic() && args.size() == params - 1) {
            args.add(new ArrayList<>());
        }
        if (args.size() < params) {
            throw new MigException(name.pos(), "macro \"" + m.name() + "\" requires " + params
                    + " argument" + (params == 1 ? "" : "s") + ", but only " + args.size() + " given");
        }
        if (args.size() > params) {
            throw new MigException(name.pos(), "macro \"" + m.name() + "\" passed " + args.size()
                    + " arguments, but takes just " + params);
        }
    }

    private Token builtin(Token t) {
        return switch (t.text) {
            case "__FILE__" -> t.withText(Token.Kind.STRING, Substitution.quote(t.file));
            case "__LINE__" -> t.withText(Token.Kind.NUMBER, Integer.toString(t.line));
            default -> t;
        };
    }
}
