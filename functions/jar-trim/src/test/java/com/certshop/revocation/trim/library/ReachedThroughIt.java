package com.certshop.revocation.trim.library;

final class ReachedThroughIt {
    static final StringBuilder NAME = new StringBuilder("reached");

    private ReachedThroughIt() {
    }
}
