package com.certshop.revocation.aws.dynamodb;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a listing's resume position into the opaque {@code nextToken} customers get. AES-GCM both
 * hides the DynamoDB key (customers cannot see or build one) and authenticates it; the account and
 * the filters are bound in as associated data, so a token from another account or another listing
 * does not open. Any failure to open reads as INVALID_PAGE_TOKEN.
 */
public final class PageTokens {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<String> secret;
    private final SecureRandom random;
    private SecretKeySpec key;

    private PageTokens(Supplier<String> secret, SecureRandom random) {
        this.secret = secret;
        this.random = random;
    }

    /** Derives the key from a configured secret of any length (a generated password, say). */
    public static PageTokens fromSecret(String secret, SecureRandom random) {
        PageTokens tokens = new PageTokens(() -> secret, random);
        tokens.key();
        return tokens;
    }

    /**
     * As {@link #fromSecret(String, SecureRandom)}, but the secret is asked for when the first token
     * is sealed or opened, and only the key derived from it is kept. The list function reads its
     * secret from Secrets Manager there: with SnapStart that is after the restore, so neither the
     * secret nor the key is in the snapshot. A failed read is tried again on the next use.
     */
    public static PageTokens onFirstUse(Supplier<String> secret, SecureRandom random) {
        return new PageTokens(secret, random);
    }

    private synchronized SecretKeySpec key() {
        if (key == null) {
            String value = secret.get();
            if (value.length() < 16) {
                throw new IllegalStateException("the page token secret must be at least 16 characters");
            }
            try {
                key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)),
                        "AES");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is part of every Java platform", e);
            }
        }
        return key;
    }

    /** A token that resumes after the item whose key attributes are {@code position}. */
    public String seal(AccountId account, String listing, List<String> position) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = String.join("\n", position).getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, account, listing);
            byte[] sealed = cipher.doFinal(plain);
            return ENCODER.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** The position sealed into {@code token}, if it was made by this service for this account and listing. */
    public List<String> open(String token, AccountId account, String listing) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length <= NONCE_BYTES) {
                throw invalid();
            }
            byte[] nonce = java.util.Arrays.copyOf(bytes, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, account, listing);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return List.of(new String(plain, StandardCharsets.UTF_8).split("\n", -1));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw invalid();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, AccountId account, String listing) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((account.value() + "\n" + listing).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.INVALID_PAGE_TOKEN,
                "This nextToken is not valid for this listing. Start again without nextToken.");
    }
}
