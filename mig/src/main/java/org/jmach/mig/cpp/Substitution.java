package org.jmach.mig.cpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jmach.mig.MigException;

/**
 * Builds the replacement of one macro invocation: parameters replaced by
 * their arguments (macro-expanded, or as written next to {@code #} and
 * {@code ##}), then {@code ##} pasting. The result is to be rescanned.
 */
final class Substitution {

    private final MacroTable macros;
    private final Macro macro;
    private final Token invocation;
    private final List<List<Token>> args;

    private Substitution(MacroTable macros, Macro macro, Token invocation, List<List<Token>> args) {
        this.macros = macros;
        this.macro = macro;
        this.invocation = invocation;
        this.args = args;
    }

    /**
     * The replacement of {@code macro} invoked at {@code invocation} with
     * {@code args}, every token placed at the invocation and hiding {@code hide}.
     */
    static List<Token> apply(MacroTable macros, Macro macro, Token invocation, List<List<Token>> args,
            Set<String> hide) throws MigException {
        Substitution s = new Substitution(macros, macro, invocation, args);
        List<Token> pasted = s.paste(s.substitute());
        List<Token> out = new ArrayList<>(pasted.size());
        for (Token t : pasted) {
            if (t.kind != Token.Kind.PLACEMARKER) {
                out.add(t.expandedAt(invocation, hide));
            }
        }
        if (!out.isEmpty()) {
            out.set(0, out.get(0).withSpaceBefore(invocation.spaceBefore));
        }
        return out;
    }

    /** The body with parameters replaced; PASTE operators are still in it. */
    private List<Token> substitute() throws MigException {
        List<Token> body = macro.body();
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Token b = body.get(i);
            if (macro.functionLike() && b.is("#")) {
                Token param = body.get(++i);
                out.add(b.withText(Token.Kind.STRING, stringize(args.get(macro.paramIndex(param)))));
                continue;
            }
            if (b.kind == Token.Kind.PASTE && isSwallowedComma(out, body, i)) {
                i++;
                if (args.get(args.size() - 1).isEmpty()) {
                    out.remove(out.size() - 1);
                } else {
                    addArgument(out, args.get(args.size() - 1), false);
                }
                continue;
            }
            int p = macro.paramIndex(b);
            if (p < 0) {
                out.add(b);
                continue;
            }
            boolean nextToPaste = (i > 0 && body.get(i - 1).kind == Token.Kind.PASTE)
                    || (i + 1 < body.size() && body.get(i + 1).kind == Token.Kind.PASTE);
            List<Token> arg = args.get(p);
            if (nextToPaste) {
                if (arg.isEmpty()) {
                    out.add(b.withText(Token.Kind.PLACEMARKER, ""));
                } else {
                    addArgument(out, arg, b.spaceBefore);
                }
            } else {
                addArgument(out, MacroExpander.expandAll(macros, arg), b.spaceBefore);
            }
        }
        return out;
    }

    /** The GNU {@code , ## __VA_ARGS__} form: the comma goes if the variable arguments are empty. */
    private boolean isSwallowedComma(List<Token> out, List<Token> body, int i) {
        return macro.variadic() && i + 1 < body.size()
                && macro.paramIndex(body.get(i + 1)) == macro.params().size() - 1
                && !out.isEmpty() && out.get(out.size() - 1).is(",");
    }

    private static void addArgument(List<Token> out, List<Token> arg, boolean space) {
        for (int k = 0; k < arg.size(); k++) {
            out.add(k == 0 ? arg.get(k).withSpaceBefore(space) : arg.get(k));
        }
    }

    private List<Token> paste(List<Token> tokens) throws MigException {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind != Token.Kind.PASTE) {
                out.add(t);
                continue;
            }
            Token left = out.remove(out.size() - 1);
            Token right = tokens.get(++i);
            out.add(glue(left, right));
        }
        return out;
    }

    private Token glue(Token left, Token right) throws MigException {
        if (left.kind == Token.Kind.PLACEMARKER) {
            return right.withSpaceBefore(left.spaceBefore);
        }
        if (right.kind == Token.Kind.PLACEMARKER) {
            return left;
        }
        String text = left.text + right.text;
        Token.Kind kind = Lexer.singleToken(text);
        if (kind == null) {
            throw new MigException(invocation.pos(), "pasting \"" + left.text + "\" and \"" + right.text
                    + "\" does not give a valid preprocessing token");
        }
        return left.withText(kind, text);
    }

    /** The string literal of an argument as written, for the {@code #} operator. */
    static String stringize(List<Token> arg) {
        StringBuilder sb = new StringBuilder("\"");
        for (int k = 0; k < arg.size(); k++) {
            Token t = arg.get(k);
            if (k > 0 && t.spaceBefore) {
                sb.append(' ');
            }
            boolean literal = t.kind == Token.Kind.STRING || t.kind == Token.Kind.CHAR;
            sb.append(literal ? escape(t.text) : t.text);
        }
        return sb.append('"').toString();
    }

    /** {@code s} as a string literal. */
    static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
