package com.certshop.revocation.trim.library;

/** What only a part of the library that a filter took out reached (as Bouncy Castle's provider reaches its engines). */
final class OnlyReachedByTheFilteredPart {
    private OnlyReachedByTheFilteredPart() {
    }

    static String name() {
        return Reached.name() + " too";
    }
}
