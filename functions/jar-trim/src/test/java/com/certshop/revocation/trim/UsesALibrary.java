package com.certshop.revocation.trim;

import com.certshop.revocation.trim.library.Reached;

/** A function's class that calls into a closed library. */
final class UsesALibrary {
    private UsesALibrary() {
    }

    static String call() {
        return Reached.name();
    }
}
