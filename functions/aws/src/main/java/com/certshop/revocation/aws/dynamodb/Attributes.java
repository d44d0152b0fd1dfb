package com.certshop.revocation.aws.dynamodb;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Small helpers to write and read item attributes. Absent values are left out of the item rather
 * than stored as NULL, so that "not reached yet" reads back as null.
 */
final class Attributes {
    private final Map<String, AttributeValue> values = new HashMap<>();

    static Attributes item() {
        return new Attributes();
    }

    Attributes s(String name, Object value) {
        if (value != null) {
            values.put(name, AttributeValue.fromS(value.toString()));
        }
        return this;
    }

    Attributes n(String name, long value) {
        values.put(name, AttributeValue.fromN(Long.toString(value)));
        return this;
    }

    Attributes bool(String name, boolean value) {
        values.put(name, AttributeValue.fromBool(value));
        return this;
    }

    Attributes list(String name, List<String> strings) {
        values.put(name, AttributeValue.fromL(strings.stream().map(AttributeValue::fromS).toList()));
        return this;
    }

    Attributes map(String name, Map<String, AttributeValue> map) {
        if (map != null) {
            values.put(name, AttributeValue.fromM(map));
        }
        return this;
    }

    Attributes stringMap(String name, Map<String, String> map) {
        Map<String, AttributeValue> m = new HashMap<>();
        map.forEach((k, v) -> m.put(k, AttributeValue.fromS(v)));
        values.put(name, AttributeValue.fromM(m));
        return this;
    }

    Map<String, AttributeValue> build() {
        return Map.copyOf(values);
    }

    // --- reading ---

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static String requireS(Map<String, AttributeValue> item, String name) {
        String value = s(item, name);
        if (value == null) {
            throw new IllegalStateException("item lacks attribute " + name + ": " + item.get(CertificateTable.PK));
        }
        return value;
    }

    static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) {
            throw new IllegalStateException("item lacks number " + name);
        }
        return Long.parseLong(v.n());
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = s(item, name);
        return value == null ? null : Instant.parse(value);
    }

    static <E extends Enum<E>> E enumValue(Map<String, AttributeValue> item, String name, Function<String, E> valueOf) {
        String value = s(item, name);
        return value == null ? null : valueOf.apply(value);
    }

    static List<String> list(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }

    static Map<String, AttributeValue> map(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || !v.hasM() ? null : v.m();
    }

    static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
        Map<String, AttributeValue> m = map(item, name);
        Map<String, String> result = new HashMap<>();
        if (m != null) {
            m.forEach((k, v) -> result.put(k, v.s()));
        }
        return result;
    }
}
