package com.certshop.revocation.domain.confirmation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a confirmation token, as lowercase hex: what the store keeps and looks up by.
 * Someone who reads the table cannot turn a digest back into a working link. A plain hash is
 * enough (no salt or slow hash) because the token has 256 bits of entropy, not a password's.
 */
public record TokenDigest(String hex) {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

    public TokenDigest {
        if (hex == null || !FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
    }

    public static TokenDigest of(ConfirmationToken token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.value().getBytes(StandardCharsets.US_ASCII));
            return new TokenDigest(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
