package org.jmach.mig.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.MigType.Clauses;
import org.jmach.mig.ir.Translation;

/**
 * The clauses after a type spec: {@code ctype:}, {@code cusertype:},
 * {@code cservertype:}, {@code intran:}, {@code intranpayload:},
 * {@code outtran:} and {@code destructor:}. Later clauses win; {@code ctype:}
 * names both sides' types, so it clears any {@code cusertype:} or
 * {@code cservertype:} before it (inherited ones included).
 */
final class TypeClauses {

    private static final Set<String> KEYWORDS = Set.of("ctype", "cusertype", "cservertype", "intran",
            "intranpayload", "outtran", "destructor");

    private TypeClauses() {
    }

    /** Parses clauses for as long as they come, starting from {@code inherited}. */
    static Clauses parse(TokenStream in, Clauses inherited) throws MigException {
        Clauses c = inherited;
        while (in.peek().is(TokenKind.IDENT) && in.peek(1).is(TokenKind.COLON)
                && KEYWORDS.contains(in.peek().text().toLowerCase(Locale.ROOT))) {
            String keyword = in.next().text().toLowerCase(Locale.ROOT);
            in.next();
            switch (keyword) {
                case "ctype" -> c = new Clauses(cType(in), null, null, c.inTran(), c.inTranPayload(), c.outTran(),
                        c.destructor());
                case "cusertype" -> c = new Clauses(c.cType(), cType(in), c.cServerType(), c.inTran(),
                        c.inTranPayload(), c.outTran(), c.destructor());
                case "cservertype" -> c = new Clauses(c.cType(), c.cUserType(), cType(in), c.inTran(),
                        c.inTranPayload(), c.outTran(), c.destructor());
                case "intran" -> c = new Clauses(c.cType(), c.cUserType(), c.cServerType(), translation(in, false),
                        c.inTranPayload(), c.outTran(), c.destructor());
                case "intranpayload" -> c = new Clauses(c.cType(), c.cUserType(), c.cServerType(), c.inTran(),
                        translation(in, true), c.outTran(), c.destructor());
                case "outtran" -> c = new Clauses(c.cType(), c.cUserType(), c.cServerType(), c.inTran(),
                        c.inTranPayload(), translation(in, false), c.destructor());
                default -> c = new Clauses(c.cType(), c.cUserType(), c.cServerType(), c.inTran(),
                        c.inTranPayload(), c.outTran(), destructor(in));
            }
        }
        return c;
    }

    /** A C type standing alone: words and stars up to the next clause or the end of the declaration. */
    private static String cType(TokenStream in) throws MigException {
        List<Token> words = cTypeTokens(in);
        if (words.isEmpty()) {
            throw in.expected("C type");
        }
        if (!words.get(0).is(TokenKind.IDENT)) {
            throw new MigException(words.get(0).pos(), "expected C type, found " + words.get(0).describe());
        }
        return text(words);
    }

    /** {@code CTYPE FUNC ( CTYPE )}; for intranpayload the parenthesised type may be left out. */
    private static Translation translation(TokenStream in, boolean payload) throws MigException {
        List<Token> words = cTypeTokens(in);
        int last = words.size() - 1;
        if (words.isEmpty() || !words.get(0).is(TokenKind.IDENT)) {
            throw words.isEmpty() ? in.expected("C type")
                    : new MigException(words.get(0).pos(), "expected C type, found " + words.get(0).describe());
        }
        if (last < 1 || !words.get(last).is(TokenKind.IDENT)) {
            throw in.expected("C type and translation function name");
        }
        String result = text(words.subList(0, last));
        String function = words.get(last).text();
        if (payload && !in.peek().is(TokenKind.LPAREN)) {
            return new Translation(result, function, null);
        }
        return new Translation(result, function, parenthesisedCType(in));
    }

    /** {@code FUNC ( CTYPE )}: the function's name. */
    private static String destructor(TokenStream in) throws MigException {
        String function = in.expect(TokenKind.IDENT, "destructor function name").text();
        parenthesisedCType(in);
        return function;
    }

    private static String parenthesisedCType(TokenStream in) throws MigException {
        in.expect(TokenKind.LPAREN);
        String type = cType(in);
        in.expect(TokenKind.RPAREN);
        return type;
    }

    /** Identifiers and stars, stopping before an identifier that starts the next clause. */
    private static List<Token> cTypeTokens(TokenStream in) throws MigException {
        List<Token> words = new ArrayList<>();
        while (in.peek().is(TokenKind.STAR)
                || (in.peek().is(TokenKind.IDENT) && !in.peek(1).is(TokenKind.COLON))) {
            words.add(in.next());
        }
        return words;
    }

    /** Words separated by single spaces, stars joined to the stars before them: {@code struct foo **}. */
    private static String text(List<Token> words) {
        StringBuilder s = new StringBuilder();
        Token previous = null;
        for (Token w : words) {
            if (previous != null && !(w.is(TokenKind.STAR) && previous.is(TokenKind.STAR))) {
                s.append(' ');
            }
            s.append(w.text());
            previous = w;
        }
        return s.toString();
    }
}
