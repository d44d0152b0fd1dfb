package com.certshop.revocation.trim.library;

/** Part of a library its caller reaches: itself and, through it, {@link ReachedThroughIt}. */
public final class Reached {
    private Reached() {
    }

    public static String name() {
        return ReachedThroughIt.NAME.toString();
    }
}
