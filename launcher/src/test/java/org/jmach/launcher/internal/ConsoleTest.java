package org.jmach.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;

class ConsoleTest {

    private final List<String> executed = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void everyCommandRunsEvenAfterOneFailsAndEachFailureIsOneLine() {
        boolean ok = run("mach:nosuch; mach:host; mach:broken");
        assertFalse(ok);
        assertEquals(List.of("mach:nosuch", "mach:host", "mach:broken"), executed);
        assertEquals("host output" + System.lineSeparator(), text(out));
        assertEquals("mach: mach:nosuch: Command not found: mach:nosuch" + System.lineSeparator()
                + "mach: mach:broken: host_info failed: KERN_INVALID_HOST" + System.lineSeparator(), text(err));
    }

    @Test
    void successfulCommandsSucceed() {
        assertTrue(run("mach:host;mach:host"));
        assertEquals(2, executed.size());
        assertEquals("", text(err));
    }

    @Test
    void aMalformedLineRunsNothing() {
        assertFalse(run("mach:host; echo 'open"));
        assertEquals(List.of(), executed);
        assertEquals("mach: unclosed ''' opened at column 17" + System.lineSeparator(), text(err));
    }

    @Test
    void firstLineSkipsReflectionWrappersAndKeepsOneLine() {
        Exception wrapped = new InvocationTargetException(new IllegalStateException("first\nsecond"));
        assertEquals("first", Console.firstLine(wrapped));
        assertEquals("java.lang.NullPointerException", Console.firstLine(new NullPointerException()));
    }

    private boolean run(String line) {
        return Console.run(session(), line, print(out), print(err));
    }

    /** A session that knows mach:host, fails mach:broken, and lacks anything else. */
    private CommandSession session() {
        return (CommandSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CommandSession.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String command = args[0].toString();
                    executed.add(command);
                    switch (command) {
                        case "mach:host" -> {
                            print(out).println("host output");
                            return null;
                        }
                        case "mach:broken" -> throw new InvocationTargetException(
                                new IllegalStateException("host_info failed: KERN_INVALID_HOST"));
                        default -> throw new IllegalArgumentException("Command not found: " + command);
                    }
                });
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
