package com.certshop.revocation.http;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text of maps, lists, strings, numbers and booleans (what the views build). */
public final class Json {
    private static final JSON WRITER = JSON.std;

    private Json() {
    }

    public static String write(Object value) {
        try {
            return WRITER.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
