package org.jmach.mig.cpp;

import java.util.ArrayList;
import java.util.List;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.SourcePos;

/**
 * Decides an {@code #if} or {@code #elif}: replaces {@code defined X} and
 * {@code defined(X)}, expands macros, then evaluates the expression.
 */
final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    /**
     * @param directive the directive's name token, for an empty expression
     * @param expr the tokens after the directive's name
     * @param end where the line ends
     */
    static boolean isTrue(MacroTable macros, Token directive, List<Token> expr, SourcePos end)
            throws MigException {
        if (expr.isEmpty()) {
            throw new MigException(directive.pos(), "#" + directive.text + " with no expression");
        }
        List<Token> tokens = MacroExpander.expandAll(macros, replaceDefined(macros, expr, end));
        return ExpressionParser.evaluate(tokens, end).isTrue();
    }

    private static List<Token> replaceDefined(MacroTable macros, List<Token> expr, SourcePos end)
            throws MigException {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < expr.size(); i++) {
            Token t = expr.get(i);
            if (!t.is("defined")) {
                out.add(t);
                continue;
            }
            boolean paren = i + 1 < expr.size() && expr.get(i + 1).is("(");
            int nameAt = paren ? i + 2 : i + 1;
            Token name = nameAt < expr.size() ? expr.get(nameAt) : null;
            if (name == null || name.kind != Token.Kind.IDENT) {
                throw new MigException(name == null ? end : name.pos(),
                        "operator \"defined\" requires an identifier");
            }
            i = nameAt;
            if (paren) {
                Token close = i + 1 < expr.size() ? expr.get(i + 1) : null;
                if (close == null || !close.is(")")) {
                    throw new MigException(close == null ? end : close.pos(),
                            "missing ')' after \"defined\"");
                }
                i++;
            }
            out.add(t.withText(Token.Kind.NUMBER, macros.isDefined(name.text) ? "1" : "0"));
        }
        return out;
    }
}
