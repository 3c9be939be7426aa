package org.jmach.mig.ir;

import java.util.List;

/**
 * A MIG type: what one argument's data is in a message. Immutable; a type
 * declared as another ({@code type b = a ctype: ...}) is a copy with its own
 * name and clauses.
 *
 * <ul>
 * <li>{@link Kind#BASIC}: one element of an IPC type, {@code inName} as the
 *     sender writes it and {@code outName} as the receiver gets it (they
 *     differ for port dispositions: COPY_SEND goes in, PORT_SEND comes out),
 *     {@code sizeBits} each. {@link #POLYMORPHIC} as a name means the type is
 *     chosen at run time.</li>
 * <li>{@link Kind#ARRAY}: {@code array[n]} (fixed, {@code count} n),
 *     {@code array[]} (variable, unbounded: {@code count} -1),
 *     {@code array[*:n]} (variable, at most n); {@code outOfLine} for
 *     {@code ^array}.</li>
 * <li>{@link Kind#STRUCT}: {@code struct[n] of T}: n elements, sent as one
 *     fixed array.</li>
 * <li>{@link Kind#STRUCT_FIELDS}: {@code struct { T a; U b; }}: fields sent
 *     one after another as one item of the first field's IPC type; all
 *     fields must share it.</li>
 * <li>{@link Kind#CSTRING}: {@code c_string[n]} (fixed field of n bytes) or
 *     {@code c_string[*:n]} (variable, at most n).</li>
 * </ul>
 */
public final class MigType {

    /** The IPC type name that stands for "chosen at run time" (MACH_MSG_TYPE_POLYMORPHIC). */
    public static final int POLYMORPHIC = -1;

    /** What shape of data a type is. */
    public enum Kind {
        BASIC,
        ARRAY,
        STRUCT,
        STRUCT_FIELDS,
        CSTRING
    }

    /** A field of a {@code struct { ... }} type. */
    public record Field(String name, MigType type) {
    }

    private final String name;
    private final SourcePos pos;
    private final Kind kind;
    private final int inName;
    private final int outName;
    private final int sizeBits;
    private final MigType element;
    private final int count;
    private final boolean variable;
    private final boolean outOfLine;
    private final List<Field> fields;
    private final boolean longForm;
    private final boolean dealloc;
    private final boolean deallocVariable;
    private final Clauses clauses;

    /**
     * The C-side clauses of a type declaration. MIG's C back ends use them
     * to name C types and conversion functions; the Java back ends keep the
     * translation functions (a server implementation converts ports to its
     * own objects) and the destructor.
     */
    public record Clauses(String cType, String cUserType, String cServerType, Translation inTran,
            Translation inTranPayload, Translation outTran, String destructor) {

        public static final Clauses NONE = new Clauses(null, null, null, null, null, null, null);
    }

    private MigType(String name, SourcePos pos, Kind kind, int inName, int outName, int sizeBits,
            MigType element, int count, boolean variable, boolean outOfLine, List<Field> fields,
            boolean longForm, boolean dealloc, boolean deallocVariable, Clauses clauses) {
        this.name = name;
        this.pos = pos;
        this.kind = kind;
        this.inName = inName;
        this.outName = outName;
        this.sizeBits = sizeBits;
        this.element = element;
        this.count = count;
        this.variable = variable;
        this.outOfLine = outOfLine;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
        this.longForm = longForm;
        this.dealloc = dealloc;
        this.deallocVariable = deallocVariable;
        this.clauses = clauses == null ? Clauses.NONE : clauses;
    }

    /** A basic IPC type: {@code MACH_MSG_TYPE_X}, {@code X|Y} or {@code (X, size, flags)}. */
    public static MigType basic(String name, SourcePos pos, int inName, int outName, int sizeBits,
            boolean longForm, boolean dealloc) {
        return new MigType(name, pos, Kind.BASIC, inName, outName, sizeBits, null, 1, false, false, null,
                longForm, dealloc, false, null);
    }

    /** A basic IPC type whose IPC flags may include {@code dealloc[]} ({@code deallocVariable}). */
    public static MigType basic(String name, SourcePos pos, int inName, int outName, int sizeBits,
            boolean longForm, boolean dealloc, boolean deallocVariable) {
        return new MigType(name, pos, Kind.BASIC, inName, outName, sizeBits, null, 1, false, false, null,
                longForm, dealloc, deallocVariable, null);
    }

    /** {@code array[n] of element} ({@code variable} false), {@code array[] / array[*:n]} (true; n -1 if unbounded). */
    public static MigType array(String name, SourcePos pos, MigType element, int count, boolean variable,
            boolean outOfLine) {
        return new MigType(name, pos, Kind.ARRAY, element.inName, element.outName, element.sizeBits, element,
                count, variable, outOfLine, null, false, false, false, null);
    }

    /** {@code struct[n] of element}. */
    public static MigType struct(String name, SourcePos pos, MigType element, int count) {
        return new MigType(name, pos, Kind.STRUCT, element.inName, element.outName, element.sizeBits, element,
                count, false, false, null, false, false, false, null);
    }

    /** {@code struct { fields }}: all fields of one IPC type, {@code count} elements of it in all. */
    public static MigType structFields(String name, SourcePos pos, List<Field> fields, MigType element,
            int count) {
        return new MigType(name, pos, Kind.STRUCT_FIELDS, element.inName, element.outName, element.sizeBits,
                element, count, false, false, fields, false, false, false, null);
    }

    /** {@code c_string[n]} ({@code variable} false) or {@code c_string[*:n]} (true). */
    public static MigType cString(String name, SourcePos pos, int count, boolean variable) {
        return new MigType(name, pos, Kind.CSTRING, 12, 12, 8, null, count, variable, false, null, false,
                false, false, null);
    }

    /** This type under another name (a {@code type a = b} declaration), with the given clauses. */
    public MigType named(String newName, SourcePos newPos, Clauses newClauses) {
        return new MigType(newName, newPos, kind, inName, outName, sizeBits, element, count, variable, outOfLine,
                fields, longForm, dealloc, deallocVariable, newClauses);
    }

    public String name() {
        return name;
    }

    public SourcePos pos() {
        return pos;
    }

    public Kind kind() {
        return kind;
    }

    /** The msgt_name the sender writes (for arrays, the element's); {@link #POLYMORPHIC} if chosen at run time. */
    public int inName() {
        return inName;
    }

    /** The msgt_name the receiver finds (differs from {@link #inName} for port dispositions). */
    public int outName() {
        return outName;
    }

    /** Bits of one element (msgt_size). */
    public int sizeBits() {
        return sizeBits;
    }

    /** The element type of an array or struct, else null. */
    public MigType element() {
        return element;
    }

    /** Elements: the fixed count, or the bound of a variable array (-1: unbounded); 1 for a basic type. */
    public int count() {
        return count;
    }

    public boolean isVariable() {
        return variable;
    }

    public boolean isOutOfLine() {
        return outOfLine;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The declaration asked for the long form of the descriptor ({@code islong} in its IPC flags). */
    public boolean isLongForm() {
        return longForm;
    }

    /** The declaration asked for deallocation ({@code dealloc} in its IPC flags). */
    public boolean isDealloc() {
        return dealloc;
    }

    /** The declaration's IPC flags hold {@code dealloc[]}: the sender chooses at run time whether to deallocate. */
    public boolean isDeallocVariable() {
        return deallocVariable;
    }

    public Clauses clauses() {
        return clauses;
    }

    /**
     * Whether the type is (an array of) port rights, or polymorphic (which
     * may carry one). MACH_MSG_TYPE_PORT_NAME (15) is not: a name is data.
     */
    public boolean isPort() {
        return inName == POLYMORPHIC || (inName >= 16 && inName <= 21) || (outName >= 16 && outName <= 21);
    }

    @Override
    public String toString() {
        return name != null ? name : kind + "(" + inName + "|" + outName + "," + sizeBits + ")";
    }
}
