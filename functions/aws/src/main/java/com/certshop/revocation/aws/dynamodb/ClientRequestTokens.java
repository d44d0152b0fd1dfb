package com.certshop.revocation.aws.dynamodb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The ClientRequestToken of a transaction, derived from nothing but the transaction's content: the
 * same writes give the same token, in any JVM, whatever order their attribute maps come in, and
 * different writes give different tokens. DynamoDB takes a repeated token (within ten minutes) as
 * the same transaction and answers a repeat of one that committed with success, writing nothing.
 */
final class ClientRequestTokens {
    private ClientRequestTokens() {
    }

    /** A UUID (36 characters, DynamoDB's limit) made of the first 128 bits of a SHA-256 of the canonical writes. */
    static String of(List<TransactWriteItem> items) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        for (TransactWriteItem item : items) {
            Put put = item.put();
            if (put == null) {
                throw new IllegalArgumentException("the certificate store's transactions are Puts: " + item);
            }
            text(sha256, put.tableName());
            text(sha256, put.conditionExpression());
            count(sha256, put.expressionAttributeNames().size());
            new TreeMap<>(put.expressionAttributeNames()).forEach((name, attribute) -> {
                text(sha256, name);
                text(sha256, attribute);
            });
            attributes(sha256, put.expressionAttributeValues());
            attributes(sha256, put.item());
        }
        ByteBuffer digest = ByteBuffer.wrap(sha256.digest());
        // Version 8 (RFC 9562: laid out by its maker) with the standard variant bits.
        long high = (digest.getLong() & ~0xF000L) | 0x8000L;
        long low = (digest.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private static void attributes(MessageDigest sha256, Map<String, AttributeValue> values) {
        count(sha256, values.size());
        new TreeMap<>(values).forEach((name, value) -> {
            text(sha256, name);
            value(sha256, value);
        });
    }

    /** Each value is tagged with its type and each text is length-prefixed, so no two contents share an encoding. */
    private static void value(MessageDigest sha256, AttributeValue value) {
        AttributeValue.Type type = value.type();
        text(sha256, type.name());
        switch (type) {
            case S -> text(sha256, value.s());
            case N -> text(sha256, value.n());
            case BOOL -> text(sha256, value.bool().toString());
            case L -> {
                count(sha256, value.l().size());
                value.l().forEach(element -> value(sha256, element));
            }
            case M -> attributes(sha256, value.m());
            // Types the store does not write today; their SDK rendering is stable, and a new attribute
            // type must never make every transition fail.
            default -> text(sha256, value.toString());
        }
    }

    private static void text(MessageDigest sha256, String text) {
        if (text == null) {
            count(sha256, -1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        count(sha256, bytes.length);
        sha256.update(bytes);
    }

    private static void count(MessageDigest sha256, int n) {
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(n).array());
    }
}
