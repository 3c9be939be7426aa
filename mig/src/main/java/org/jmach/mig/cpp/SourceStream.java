package org.jmach.mig.cpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.jmach.mig.MigException;

/**
 * The tokens of the text lines of a file and the files it includes, in order:
 * directives are carried out as they are met, and lines in false conditional
 * branches are left out. Macros are not expanded here.
 */
final class SourceStream implements TokenSource {

    /** How deeply includes may nest; deeper is taken for an include cycle. */
    static final int MAX_INCLUDE_DEPTH = 200;

    private final MacroTable macros;
    private final IncludeResolver resolver;
    private final Deque<SourceFile> files = new ArrayDeque<>();
    private final Deque<Token> buffer = new ArrayDeque<>();

    SourceStream(MacroTable macros, IncludeResolver resolver) {
        this.macros = macros;
        this.resolver = resolver;
    }

    /** Starts reading {@code path}, whose positions name it {@code name}. */
    void push(Path path, String name, String text) {
        files.push(new SourceFile(path, name, text));
    }

    @Override
    public Token next() throws MigException {
        fill();
        return buffer.pollFirst();
    }

    @Override
    public Token peek() throws MigException {
        fill();
        return buffer.peekFirst();
    }

    private void fill() throws MigException {
        while (buffer.isEmpty() && !files.isEmpty()) {
            SourceFile f = files.peek();
            LogicalLine line = f.reader.next();
            if (line == null) {
                f.checkClosed();
                files.pop();
                continue;
            }
            List<Token> tokens = Lexer.tokenize(line);
            if (!tokens.isEmpty() && tokens.get(0).is("#")) {
                directive(f, line, tokens);
            } else if (f.active()) {
                buffer.addAll(tokens);
            }
        }
    }

    private void directive(SourceFile f, LogicalLine line, List<Token> tokens) throws MigException {
        if (tokens.size() == 1) {
            return;
        }
        Token name = tokens.get(1);
        List<Token> args = tokens.subList(2, tokens.size());
        if (name.kind == Token.Kind.IDENT) {
            switch (name.text) {
                case "if" -> open(f, name, f.active() && ConditionEvaluator.isTrue(macros, name, args, line.end()));
                case "ifdef", "ifndef" -> open(f, name, f.active() && isDefined(name, args, line) == name.text.equals("ifdef"));
                case "elif" -> elif(f, name, args, line);
                case "else" -> orElse(f, name);
                case "endif" -> endif(f, name);
                default -> {
                    if (f.active()) {
                        activeDirective(f, line, name, args);
                    }
                }
            }
        } else if (f.active()) {
            if (name.kind == Token.Kind.NUMBER) {
                lineMarker(f, name, args);
            } else {
                throw new MigException(name.pos(), "bad preprocessor directive #" + name.text);
            }
        }
    }

    private void activeDirective(SourceFile f, LogicalLine line, Token name, List<Token> args)
            throws MigException {
        switch (name.text) {
            case "define" -> {
                if (args.isEmpty()) {
                    throw new MigException(line.end(), "no macro name given in #define directive");
                }
                macros.define(args.get(0), args.subList(1, args.size()), line.end());
            }
            case "undef" -> {
                if (args.isEmpty()) {
                    throw new MigException(line.end(), "no macro name given in #undef directive");
                }
                MacroTable.checkName(args.get(0));
                macros.undefine(args.get(0).text);
            }
            case "include" -> include(f, line, name, args);
            case "line" -> {
                if (args.isEmpty()) {
                    throw new MigException(line.end(), "#line directive without a line number");
                }
                lineMarker(f, args.get(0), args.subList(1, args.size()));
            }
            case "error" -> {
                String msg = line.text().substring(name.offset + name.text.length()).strip();
                throw new MigException(name.pos(), msg.isEmpty() ? "#error" : "#error " + msg);
            }
            case "pragma", "ident" -> {
                // Ignored.
            }
            default -> throw new MigException(name.pos(), "bad preprocessor directive #" + name.text);
        }
    }

    private boolean isDefined(Token directive, List<Token> args, LogicalLine line) throws MigException {
        if (args.isEmpty()) {
            throw new MigException(line.end(), "no macro name given in #" + directive.text + " directive");
        }
        MacroTable.checkName(args.get(0));
        return macros.isDefined(args.get(0).text);
    }

    private static void open(SourceFile f, Token name, boolean cond) {
        boolean enclosing = f.active();
        f.conditionals.push(new Conditional(name.text, name.pos(), enclosing, cond, cond, false));
    }

    private void elif(SourceFile f, Token name, List<Token> args, LogicalLine line) throws MigException {
        Conditional c = current(f, name);
        if (c.sawElse()) {
            throw new MigException(name.pos(), "#elif after #else");
        }
        boolean decide = c.enclosingActive() && !c.taken();
        boolean cond = decide && ConditionEvaluator.isTrue(macros, name, args, line.end());
        f.conditionals.pop();
        f.conditionals.push(c.nextBranch(cond, false));
    }

    private static void orElse(SourceFile f, Token name) throws MigException {
        Conditional c = current(f, name);
        if (c.sawElse()) {
            throw new MigException(name.pos(), "#else after #else");
        }
        f.conditionals.pop();
        f.conditionals.push(c.nextBranch(true, true));
    }

    private static void endif(SourceFile f, Token name) throws MigException {
        current(f, name);
        f.conditionals.pop();
    }

    private static Conditional current(SourceFile f, Token name) throws MigException {
        if (f.conditionals.isEmpty()) {
            throw new MigException(name.pos(), "#" + name.text + " without #if");
        }
        return f.conditionals.peek();
    }

    /** {@code # N "file"} or {@code #line N "file"}: the next line is line N of that file. */
    private static void lineMarker(SourceFile f, Token number, List<Token> rest) throws MigException {
        if (number.kind != Token.Kind.NUMBER || !number.text.chars().allMatch(Character::isDigit)) {
            throw new MigException(number.pos(), "\"" + number.text + "\" is not a line number");
        }
        int n;
        try {
            n = Integer.parseInt(number.text);
        } catch (NumberFormatException e) {
            throw new MigException(number.pos(), "line number out of range: " + number.text);
        }
        String file = f.reader.file();
        if (!rest.isEmpty()) {
            Token name = rest.get(0);
            if (name.kind != Token.Kind.STRING) {
                throw new MigException(name.pos(), "invalid file name \"" + name.text + "\" in line marker");
            }
            file = unquote(name.text);
        }
        f.reader.setNextLine(n, file);
    }

    private void include(SourceFile f, LogicalLine line, Token directive, List<Token> args) throws MigException {
        if (args.isEmpty()) {
            throw new MigException(line.end(), "#include expects \"FILE\" or <FILE>");
        }
        Token first = args.get(0);
        String target;
        boolean quoted;
        if (first.kind == Token.Kind.STRING) {
            target = first.text.substring(1, first.text.length() - 1);
            quoted = true;
        } else if (first.is("<")) {
            int close = line.text().indexOf('>', first.offset + 1);
            if (close < 0) {
                throw new MigException(first.pos(), "missing terminating > character");
            }
            target = line.text().substring(first.offset + 1, close);
            quoted = false;
        } else {
            List<Token> expanded = MacroExpander.expandAll(macros, args);
            String text = expanded.isEmpty() ? "" : joined(expanded);
            if (text.length() >= 2 && text.startsWith("\"") && expanded.get(0).kind == Token.Kind.STRING) {
                target = expanded.get(0).text.substring(1, expanded.get(0).text.length() - 1);
                quoted = true;
            } else if (text.startsWith("<") && text.contains(">")) {
                target = text.substring(1, text.indexOf('>'));
                quoted = false;
            } else {
                throw new MigException(first.pos(), "#include expects \"FILE\" or <FILE>");
            }
        }
        String shown = quoted ? "\"" + target + "\"" : "<" + target + ">";
        Path path = resolver.resolve(target, quoted, f.path);
        if (path == null) {
            throw new MigException(first.pos(), "cannot find include file " + shown);
        }
        if (files.size() >= MAX_INCLUDE_DEPTH) {
            throw new MigException(directive.pos(),
                    "#include nested more than " + MAX_INCLUDE_DEPTH + " deep (an include cycle?)");
        }
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigException(first.pos(), "cannot read include file " + shown + ": " + e.getMessage());
        }
        push(path, path.toString(), text);
    }

    private static String joined(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (sb.length() > 0 && t.spaceBefore) {
                sb.append(' ');
            }
            sb.append(t.text);
        }
        return sb.toString();
    }

    private static String unquote(String literal) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '\\' && i + 1 < literal.length() - 1) {
                c = literal.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
