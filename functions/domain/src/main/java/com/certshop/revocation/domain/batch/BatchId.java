package com.certshop.revocation.domain.batch;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * A bulk revocation's id. It is derived from the account and the request's Idempotency-Key, so a
 * retried request names the same batch and can never apply twice; the hash keeps the key itself
 * out of URLs and execution names.
 */
public record BatchId(String value) {
    private static final Pattern FORMAT = Pattern.compile("b-[a-z2-7]{32}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    public BatchId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            // A malformed id names no batch: answer exactly as for a missing one.
            throw new DomainException(ErrorCode.BATCH_NOT_FOUND, "No such batch.");
        }
    }

    /** The batch a request with this Idempotency-Key makes in this account. */
    public static BatchId derive(AccountId account, String idempotencyKey) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256")
                    .digest((account.value() + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        // 160 bits of the digest as 32 base32 characters (RFC 4648 alphabet, lower case).
        StringBuilder id = new StringBuilder("b-");
        for (int bit = 0; bit < 160; bit += 5) {
            int index = bit / 8;
            int word = (digest[index] & 0xff) << 8 | (digest[index + 1] & 0xff);
            id.append(BASE32[word >>> (11 - bit % 8) & 31]);
        }
        return new BatchId(id.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
