package org.jmach.mig.ir;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** One argument of a routine: its name, kind, type and flags. */
public final class Argument {

    private final String name;
    private final ArgKind kind;
    private final MigType type;
    private final Set<ArgFlag> flags;
    private final SourcePos pos;

    public Argument(String name, ArgKind kind, MigType type, Set<ArgFlag> flags, SourcePos pos) {
        this.name = name;
        this.kind = kind;
        this.type = type;
        this.flags = flags.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(flags));
        this.pos = pos;
    }

    public String name() {
        return name;
    }

    public ArgKind kind() {
        return kind;
    }

    public MigType type() {
        return type;
    }

    public Set<ArgFlag> flags() {
        return flags;
    }

    public boolean has(ArgFlag flag) {
        return flags.contains(flag);
    }

    public SourcePos pos() {
        return pos;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase() + " " + name + " : " + type.name();
    }
}
