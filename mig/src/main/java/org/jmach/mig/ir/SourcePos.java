package org.jmach.mig.ir;

/** Where something is in a source file, as the preprocessor's line markers tell it; columns count from 1. */
public record SourcePos(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
