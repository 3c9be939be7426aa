package org.jmach.mig.cpp;

import org.jmach.mig.MigException;

/** A stream of tokens that can be looked ahead into by one. */
interface TokenSource {

    /** The next token, or null at the end. */
    Token next() throws MigException;

    /** The token {@link #next()} would return, without taking it. */
    Token peek() throws MigException;
}
