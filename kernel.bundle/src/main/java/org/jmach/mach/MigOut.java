package org.jmach.mach;

/**
 * An out argument a server implementation returns as its own object, which
 * the demux then converts with the type's {@code outtran} function.
 *
 * @param <T> the implementation's type
 */
public final class MigOut<T> {

    /** The value the implementation returns; null until it sets one. */
    public T value;
}
