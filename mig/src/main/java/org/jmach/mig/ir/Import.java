package org.jmach.mig.ir;

/**
 * An {@code import}, {@code uimport} or {@code simport} statement: a file
 * the generated code of both sides, the user side or the server side needs.
 *
 * @param side which generated code takes it
 * @param file the file as written, with its quotes or angle brackets
 */
public record Import(Side side, String file, SourcePos pos) {

    /** Which generated code an import is for. */
    public enum Side {
        BOTH,
        USER,
        SERVER
    }
}
