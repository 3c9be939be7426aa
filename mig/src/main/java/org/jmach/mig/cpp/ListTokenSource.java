package org.jmach.mig.cpp;

import java.util.List;

/** The tokens of a list, in order. */
final class ListTokenSource implements TokenSource {

    private final List<Token> tokens;
    private int index;

    ListTokenSource(List<Token> tokens) {
        this.tokens = tokens;
    }

    @Override
    public Token next() {
        return index < tokens.size() ? tokens.get(index++) : null;
    }

    @Override
    public Token peek() {
        return index < tokens.size() ? tokens.get(index) : null;
    }
}
