package org.jmach.shell.internal;

/** The scope every jmach console command is registered under. */
final class CommandScope {

    /** Service property naming the scope: commands are {@code mach:NAME}. */
    static final String SCOPE = "osgi.command.scope=mach";

    private CommandScope() {
    }
}
