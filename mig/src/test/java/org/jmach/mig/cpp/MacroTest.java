package org.jmach.mig.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jmach.mig.ir.SourcePos;
import org.junit.jupiter.api.Test;

/** {@code #define}, {@code #undef} and macro expansion. */
class MacroTest extends PreprocessorTestSupport {

    @Test
    void objectLikeMacroIsReplaced() throws Exception {
        String out = runText("#define SIZE 64\ntype t = array[SIZE] of int;\n");
        assertEquals("type t = array [ 64 ] of int ;", flat(out));
    }

    @Test
    void functionLikeMacroTakesArguments() throws Exception {
        String out = runText("#define PAIR(a, b) a : b\nPAIR(x, (y, z));\n");
        assertEquals("x : ( y , z ) ;", flat(out));
    }

    @Test
    void functionLikeMacroTakesTypeNames() throws Exception {
        String out = runText("#define ARRAY_OF(t, n) array[n] of t\ntype buf = ARRAY_OF(unsigned char, 32);\n");
        assertEquals("type buf = array [ 32 ] of unsigned char ;", flat(out));
    }

    @Test
    void macroExpandsToWholeArgumentList() throws Exception {
        String out = runText("#define FILE_ARGS in file : mach_port_t; out size : int\n"
                + "routine stat(\n"
                + "    FILE_ARGS);\n");
        assertEquals("routine stat ( in file : mach_port_t ; out size : int ) ;", flat(out));
        String main = name("main.defs");
        assertPos(new SourcePos(main, 3, 5), posOf(out, "in"));
        assertEquals(3, posOf(out, "int").line());
        assertPos(new SourcePos(main, 3, 14), posOf(out, ")"));
    }

    @Test
    void variadicMacroTakesTheRest() throws Exception {
        String out = runText("#define ARGS(first, ...) first; __VA_ARGS__\n"
                + "#define NAMED(rest...) [rest]\n"
                + "ARGS(a, b, c) NAMED(1, 2) ARGS(only)\n");
        assertEquals("a ; b , c [ 1 , 2 ] only ;", flat(out));
    }

    @Test
    void commaBeforeEmptyVariableArgumentsIsSwallowed() throws Exception {
        String out = runText("#define CALL(f, ...) f(x, ## __VA_ARGS__)\nCALL(g) CALL(h, 1)\n");
        assertEquals("g ( x ) h ( x , 1 )", flat(out));
    }

    @Test
    void hashStringizesTheArgument() throws Exception {
        String out = runText("#define STR(x) #x\nSTR(a  +   \"q\\n\") STR( )\n");
        assertEquals("\"a + \\\"q\\\\n\\\"\" \"\"", flat(out));
    }

    @Test
    void doubleHashPastesTokens() throws Exception {
        String out = runText("#define NAME(p, s) p ## _ ## s\n#define ID id ## 42\n"
                + "NAME(mach, port) ID NAME(, x) NAME(y, )\n");
        assertEquals("mach_port id42 _x y_", flat(out));
    }

    @Test
    void pastingIntoNoTokenIsAnError() {
        assertEquals(name("main.defs") + ":2:3: pasting \"a\" and \"+\" does not give a valid preprocessing token",
                errorText("#define P(x) x ## +\n  P(a)\n"));
    }

    @Test
    void undefRemovesTheMacro() throws Exception {
        String out = runText("#define X 1\nX\n#undef X\nX\n");
        assertEquals("1 X", flat(out));
    }

    @Test
    void expansionIsRescanned() throws Exception {
        String out = runText("#define A B(1)\n#define B(n) C + n\n#define C 7\nA\n");
        assertEquals("7 + 1", flat(out));
    }

    @Test
    void macroIsNotExpandedInsideItself() throws Exception {
        String out = runText("#define foo foo + 1\n#define a b\n#define b a\n#define f(x) f(x)\n"
                + "foo a b f(f(2))\n");
        assertEquals("foo + 1 a b f ( f ( 2 ) )", flat(out));
    }

    @Test
    void argumentsAreExpandedBeforeSubstitution() throws Exception {
        String out = runText("#define ONE 1\n#define ID(x) x\n#define CAT(a, b) a ## b\n"
                + "ID(ONE) CAT(ONE, 2)\n");
        assertEquals("1 ONE2", flat(out));
    }

    @Test
    void functionLikeNameWithoutParenthesisIsLeftAlone() throws Exception {
        String out = runText("#define f(x) <x>\nf; f (1) f\n(2)\n");
        assertEquals("f ; < 1 > < 2 >", flat(out));
    }

    @Test
    void invocationMaySpanLinesAndTakesItsLine() throws Exception {
        String out = runText("#define F(a, b) a b\nx F(one,\n  two) y\n");
        String main = name("main.defs");
        assertPos(new SourcePos(main, 2, 3), posOf(out, "one"));
        assertEquals(2, posOf(out, "two").line());
        assertPos(new SourcePos(main, 3, 8), posOf(out, "y"));
    }

    @Test
    void tooManyArgumentsIsAnErrorAtTheInvocation() {
        assertEquals(name("main.defs") + ":3:5: macro \"F\" passed 3 arguments, but takes just 2",
                errorText("#define F(a, b) a\n\nx = F(1, 2, 3);\n"));
    }

    @Test
    void tooFewArgumentsIsAnErrorAtTheInvocation() {
        assertEquals(name("main.defs") + ":2:1: macro \"F\" requires 2 arguments, but only 1 given",
                errorText("#define F(a, b) a\nF(1)\n"));
    }

    @Test
    void argumentsToParameterlessMacroAreAnError() {
        assertEquals(name("main.defs") + ":2:2: macro \"G\" passed 1 arguments, but takes just 0",
                errorText("#define G() g\n G(1)\n"));
    }

    @Test
    void unterminatedInvocationIsAnError() {
        assertEquals(name("main.defs") + ":2:3: unterminated argument list invoking macro \"F\"",
                errorText("#define F(a) a\n  F(1, \n"));
    }

    @Test
    void badDefinitionsAreErrors() {
        String main = name("main.defs");
        assertEquals(main + ":1:9: macro names must be identifiers", errorText("#define 3 x\n"));
        assertEquals(main + ":1:8: no macro name given in #define directive", errorText("#define\n"));
        assertEquals(main + ":1:14: '#' is not followed by a macro parameter", errorText("#define F(a) # b\n"));
        assertEquals(main + ":1:11: '##' cannot appear at either end of a macro expansion",
                errorText("#define X ## y\n"));
        assertEquals(main + ":1:14: duplicate macro parameter \"a\"", errorText("#define F(a, a) a\n"));
    }

    @Test
    void definesFromTheConstructorActLikeDashD() throws Exception {
        Path file = write("main.defs", "WIDTH VERSION TWICE(3)\n#ifdef DEBUG\ndebug\n#endif\n");
        Map<String, String> defines = new LinkedHashMap<>();
        defines.put("WIDTH", "32");
        defines.put("DEBUG", "1");
        defines.put("VERSION", null);
        defines.put("TWICE(x)", "x x");
        String out = run(file, List.of(), defines);
        assertEquals("32 1 3 3 debug", flat(out));
    }

    @Test
    void fileAndLineAreBuiltIn() throws Exception {
        String out = runText("\n  __LINE__ __FILE__\n");
        assertEquals("2 " + Substitution.quote(name("main.defs")), flat(out));
    }
}
