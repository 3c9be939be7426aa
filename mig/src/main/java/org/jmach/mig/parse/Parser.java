package org.jmach.mig.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.Argument;
import org.jmach.mig.ir.Import;
import org.jmach.mig.ir.MigType;
import org.jmach.mig.ir.Routine;
import org.jmach.mig.ir.RoutineKind;
import org.jmach.mig.ir.SourcePos;
import org.jmach.mig.ir.Subsystem;

/**
 * MIG's parser: statements, in the order they come, into a {@link Subsystem}.
 * Keywords are case-insensitive; the first error ends the parse.
 * Routines and skips need the subsystem statement before them; every other
 * statement may come before it.
 */
public final class Parser {

    /** The name of the built-in type whose IPC type is chosen at run time. */
    static final String POLYMORPHIC = "polymorphic";

    /** The msgoption value that cancels a previous msgoption. */
    private static final String NO_MSG_OPTION = "MACH_MSG_OPTION_NONE";

    private final TokenStream in;
    private final Map<String, MigType> types = new LinkedHashMap<>();
    private final TypeParser typeParser;
    private final ArgumentParser argumentParser;

    private Token subsystemKeyword;
    private String subsystemName;
    private int base;
    private boolean kernelUser;
    private boolean kernelServer;
    private int index;
    private final List<Routine> routines = new ArrayList<>();
    private final Set<String> routineNames = new HashSet<>();
    private final List<Import> imports = new ArrayList<>();
    private String serverDemux;
    private String rcsId;
    private String waitTime;
    private String msgOption;
    private String userPrefix = "";
    private String serverPrefix = "";

    private Parser(String text, String fileName) {
        in = new TokenStream(new Lexer(text, fileName));
        types.put(POLYMORPHIC, MigType.basic(POLYMORPHIC, new SourcePos(fileName, 0, 0), MigType.POLYMORPHIC,
                MigType.POLYMORPHIC, 64, false, false));
        typeParser = new TypeParser(in, types);
        argumentParser = new ArgumentParser(in, typeParser);
    }

    /**
     * Parses preprocessed text (with {@code # LINE "FILE"} markers) into a subsystem.
     *
     * @param fileName the file the text starts in, for positions before any marker
     */
    public static Subsystem parse(String text, String fileName) throws MigException {
        return new Parser(text, fileName).file();
    }

    private Subsystem file() throws MigException {
        while (!in.peek().is(TokenKind.EOF)) {
            statement();
        }
        if (subsystemKeyword == null) {
            throw new MigException(in.peek().pos(), "no subsystem declared");
        }
        return new Subsystem(subsystemName, base, index, kernelUser, kernelServer, routines, types, imports,
                serverDemux, rcsId, subsystemKeyword.pos());
    }

    private void statement() throws MigException {
        Token t = in.peek();
        if (in.accept(TokenKind.SEMI)) {
            return;
        }
        if (!t.is(TokenKind.IDENT)) {
            throw in.expected("statement");
        }
        switch (t.text().toLowerCase(Locale.ROOT)) {
            case "subsystem" -> subsystem();
            case "routine" -> routine(RoutineKind.ROUTINE);
            case "simpleroutine" -> routine(RoutineKind.SIMPLEROUTINE);
            case "skip" -> skip();
            case "type" -> type();
            case "import" -> importStatement(Import.Side.BOTH);
            case "uimport" -> importStatement(Import.Side.USER);
            case "simport" -> importStatement(Import.Side.SERVER);
            case "serverprefix" -> serverPrefix = identifierStatement("server prefix");
            case "userprefix" -> userPrefix = identifierStatement("user prefix");
            case "serverdemux" -> serverDemux = identifierStatement("server demux name");
            case "rcsid" -> rcsId();
            case "waittime" -> waitTime = restOfStatement("wait time");
            case "nowaittime" -> {
                in.next();
                in.expect(TokenKind.SEMI);
                waitTime = null;
            }
            case "msgoption" -> {
                String option = restOfStatement("message option");
                msgOption = option.equals(NO_MSG_OPTION) ? null : option;
            }
            default -> throw in.expected("statement");
        }
    }

    /** {@code subsystem [KernelUser] [KernelServer] NAME BASE ;}. */
    private void subsystem() throws MigException {
        Token keyword = in.next();
        if (subsystemKeyword != null) {
            throw new MigException(keyword.pos(), "subsystem already declared at " + subsystemKeyword.pos());
        }
        while (in.peek(1).is(TokenKind.IDENT)
                && (in.peek().isKeyword("KernelUser") || in.peek().isKeyword("KernelServer"))) {
            if (in.next().isKeyword("KernelUser")) {
                kernelUser = true;
            } else {
                kernelServer = true;
            }
        }
        subsystemName = in.expect(TokenKind.IDENT, "subsystem name").text();
        Token number = in.peek();
        if (number.is(TokenKind.MINUS) || (number.is(TokenKind.NUMBER) && number.value() > Integer.MAX_VALUE)) {
            throw new MigException(number.pos(), "bad subsystem number");
        }
        base = (int) in.expect(TokenKind.NUMBER, "subsystem number").value();
        in.expect(TokenKind.SEMI);
        subsystemKeyword = keyword;
    }

    /** Fails unless the subsystem was declared before the statement at {@code keyword}. */
    private void requireSubsystem(Token keyword) throws MigException {
        if (subsystemKeyword == null) {
            throw new MigException(keyword.pos(), "no subsystem declared");
        }
    }

    /** {@code routine NAME ( ARGS ) ;} or {@code simpleroutine NAME ( ARGS ) ;}. */
    private void routine(RoutineKind kind) throws MigException {
        Token keyword = in.next();
        requireSubsystem(keyword);
        Token name = in.expect(TokenKind.IDENT, "routine name");
        if (!routineNames.add(name.text())) {
            throw new MigException(name.pos(), "duplicate routine " + name.text());
        }
        List<Argument> args = argumentParser.arguments(name);
        in.expect(TokenKind.SEMI);
        routines.add(new Routine(name.text(), kind, base + index, args, waitTime, msgOption, userPrefix,
                serverPrefix, keyword.pos()));
        advance(1, keyword);
    }

    /** {@code skip ;} or {@code skip N ;}. */
    private void skip() throws MigException {
        Token keyword = in.next();
        requireSubsystem(keyword);
        long n = 1;
        if (in.peek().is(TokenKind.NUMBER)) {
            n = in.next().value();
        }
        in.expect(TokenKind.SEMI);
        advance(n, keyword);
    }

    private void advance(long n, Token at) throws MigException {
        if ((long) base + index + n > Integer.MAX_VALUE) {
            throw new MigException(at.pos(), "message ids beyond " + Integer.MAX_VALUE);
        }
        index += (int) n;
    }

    /** {@code type NAME = TYPESPEC [CLAUSE]... ;}. */
    private void type() throws MigException {
        in.next();
        Token name = in.expect(TokenKind.IDENT, "type name");
        if (types.containsKey(name.text())) {
            throw new MigException(name.pos(), "duplicate type " + name.text());
        }
        in.expect(TokenKind.EQUAL);
        MigType type = typeParser.declaration(name);
        in.expect(TokenKind.SEMI);
        types.put(name.text(), type);
    }

    /** {@code import "file" ;} or {@code import <file> ;} (and uimport, simport). */
    private void importStatement(Import.Side side) throws MigException {
        in.next();
        Token file = in.nextFileName();
        if (!file.is(TokenKind.STRING) && !file.is(TokenKind.BRACKETED_FILE)) {
            throw new MigException(file.pos(), "expected file name, found " + file.describe());
        }
        in.expect(TokenKind.SEMI);
        imports.add(new Import(side, file.text(), file.pos()));
    }

    /** {@code KEYWORD IDENT ;}: the identifier. */
    private String identifierStatement(String what) throws MigException {
        in.next();
        String name = in.expect(TokenKind.IDENT, what).text();
        in.expect(TokenKind.SEMI);
        return name;
    }

    /** {@code rcsid "string" ;}: the string, without its quotes. */
    private void rcsId() throws MigException {
        in.next();
        String s = in.expect(TokenKind.STRING, "string").text();
        in.expect(TokenKind.SEMI);
        rcsId = s.substring(1, s.length() - 1);
    }

    /** {@code KEYWORD anything ;}: the text up to the semicolon, white space reduced to single spaces. */
    private String restOfStatement(String what) throws MigException {
        in.next();
        if (in.peek().is(TokenKind.SEMI)) {
            throw in.expected(what);
        }
        int mark = in.mark();
        while (!in.peek().is(TokenKind.SEMI)) {
            if (in.peek().is(TokenKind.EOF)) {
                throw in.expected("';'");
            }
            in.next();
        }
        String text = in.textSince(mark);
        in.next();
        return text;
    }
}
