package com.certshop.revocation.http;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text of maps, lists, strings, numbers and booleans (what the views build). */
public final class Json {
    private static final JSON WRITER = JSON.std;

    private Json() {
    }

    /**
     * A field of a request's JSON object as the text a rule reads: a string as itself, an integer
     * as its digits (a reason may be sent as its RFC 5280 code, {@code {"reason":1}}), null as
     * null, and anything else (1.0, true, an array, an object) as its JSON text, which no rule
     * takes for a valid value and which shows the caller what they sent.
     */
    public static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        return write(value);
    }

    public static String write(Object value) {
        try {
            return WRITER.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
