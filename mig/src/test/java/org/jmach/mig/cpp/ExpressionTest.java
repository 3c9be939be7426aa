package org.jmach.mig.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expressions of {@code #if}. */
class ExpressionTest extends PreprocessorTestSupport {

    private boolean holds(String expr) throws Exception {
        String out = runText("#define ONE 1\n#define TWO (ONE + ONE)\n#define EMPTY\n#define F(x) ((x) * 3)\n"
                + "#if " + expr + "\nyes\n#else\nno\n#endif\n");
        return flat(out).equals("yes");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "defined(ONE); true",
        "defined ONE; true",
        "defined(NOPE) || defined NOPE; false",
        "!defined(NOPE); true",
        "defined EMPTY; true",
        "10 == 012 && 10 == 0xA && 0XA == 10; true",
        "1u == 1 && 2L == 2 && 3ul == 3 && 4LL == 4 && 5uLL == 5; true",
        "0x7fffffffffffffff > 0; true",
        "TWO == 2; true",
        "F(TWO) == 6; true",
        "UNDEFINED_NAME == 0; true",
        "UNDEFINED_NAME; false",
        "!0 && ~0 == -1 && -(-3) == 3 && +4 == 4; true",
        "7 * 6 == 42 && 43 / 6 == 7 && 43 % 6 == 1; true",
        "-7 / 2 == -3 && -7 % 2 == -1; true",
        "2 + 3 * 4 == 14 && (2 + 3) * 4 == 20 && 10 - 4 - 3 == 3; true",
        "1 << 4 == 16 && 256 >> 4 == 16 && -16 >> 2 == -4; true",
        "1 < 2 && 2 > 1 && 2 <= 2 && 2 >= 3; false",
        "1 != 2 && 3 == 3; true",
        "(6 & 3) == 2 && (6 ^ 3) == 5 && (6 | 3) == 7; true",
        "1 | 2 ^ 3 & 4; true",
        "1 || 1 / 0; true",
        "0 && 1 % 0; false",
        "1 ? 2 : 1 / 0; true",
        "0 ? 1 / 0 : 0; false",
        "1 ? 0 ? 5 : 6 : 7; true",
        "(((1))); true",
        "-1 < 0u; false",
        "-1 > 0u; true",
        "'A' == 65 && '\\n' == 10; true",
    })
    void evaluates(String expr, boolean expected) throws Exception {
        assertEquals(expected, holds(expr), expr);
    }

    @Test
    void divisionByZeroIsAnErrorAtTheOperator() {
        assertEquals(name("main.defs") + ":2:7: division by zero in #if", errorText("\n#if 1 / 0\n#endif\n"));
        assertEquals(name("main.defs") + ":1:12: division by zero in #if", errorText("#if 1 && 2 % (1 - 1)\n#endif\n"));
    }

    @Test
    void missingOperandIsAnErrorAtTheEnd() {
        assertEquals(name("main.defs") + ":1:8: #if expression ends too soon", errorText("#if 1 + /* c */\n#endif\n"));
    }

    @Test
    void strayTokenIsAnErrorWhereItIs() {
        assertEquals(name("main.defs") + ":1:7: unexpected \"2\" in #if expression", errorText("#if 1 2\n#endif\n"));
        assertEquals(name("main.defs") + ":1:5: unexpected \")\" in #if expression", errorText("#if ) 1\n#endif\n"));
    }

    @Test
    void unclosedParenthesisIsAnError() {
        assertEquals(name("main.defs") + ":1:10: expected ')' to close '(' in #if expression",
                errorText("#if (1 +2\n#endif\n"));
    }

    @Test
    void badNumberIsAnError() {
        assertEquals(name("main.defs") + ":1:5: invalid integer constant \"09\" in #if", errorText("#if 09\n#endif\n"));
        assertEquals(name("main.defs") + ":1:5: invalid integer constant \"1.5\" in #if", errorText("#if 1.5\n#endif\n"));
    }

    @Test
    void definedWithoutNameIsAnError() {
        assertEquals(name("main.defs") + ":1:13: operator \"defined\" requires an identifier",
                errorText("#if defined(3)\n#endif\n"));
    }

    @Test
    void malformedElifIsAnErrorOnlyWhenEvaluated() throws Exception {
        assertEquals("a", flat(runText("#if 1\na\n#elif 1 +\nb\n#endif\n")));
        assertEquals(name("main.defs") + ":3:10: #if expression ends too soon", errorText("#if 0\na\n#elif 1 +\nb\n#endif\n"));
    }
}
