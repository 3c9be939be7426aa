package org.jmach.mig.parse;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.MigType;
import org.jmach.mig.ir.SourcePos;

/** What a field of a {@code struct { ... }} adds to the struct: so many elements of one basic IPC type. */
final class StructFieldUnits {

    /** {@code count} elements of the basic type {@code element}. */
    record Unit(MigType element, long count) {
    }

    private StructFieldUnits() {
    }

    /** The unit of a field of type {@code type}; variable-sized fields are errors. */
    static Unit of(MigType type, Token field, SourcePos pos) throws MigException {
        switch (type.kind()) {
            case BASIC:
                return new Unit(type, 1);
            case ARRAY:
            case STRUCT:
                if (type.isVariable()) {
                    throw new MigException(pos, "struct field " + field.text() + " must have a fixed size");
                }
                Unit inner = of(type.element(), field, pos);
                return new Unit(inner.element(), inner.count() * type.count());
            case STRUCT_FIELDS:
                return new Unit(type.element(), type.count());
            case CSTRING:
                if (type.isVariable()) {
                    throw new MigException(pos, "struct field " + field.text() + " must have a fixed size");
                }
                return new Unit(MigType.basic("MACH_MSG_TYPE_STRING_C", type.pos(), type.inName(), type.outName(),
                        type.sizeBits(), false, false), type.count());
            default:
                throw new IllegalStateException(type.kind().toString());
        }
    }

    /** Whether two basic types have the same IPC names and size. */
    static boolean sameIpcType(MigType a, MigType b) {
        return a.inName() == b.inName() && a.outName() == b.outName() && a.sizeBits() == b.sizeBits();
    }
}
