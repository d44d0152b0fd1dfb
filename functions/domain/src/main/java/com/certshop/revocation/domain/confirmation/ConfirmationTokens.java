package com.certshop.revocation.domain.confirmation;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** Issues single-use confirmation tokens that expire after a fixed validity. */
public final class ConfirmationTokens {
    private final SecureRandom random;
    private final Duration validity;

    public ConfirmationTokens(SecureRandom random, Duration validity) {
        this.random = Objects.requireNonNull(random, "random");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        this.validity = validity;
    }

    public Issued issue(Instant now) {
        return issueExpiringAt(now.plus(validity));
    }

    /** A token that expires at {@code expiresAt}, for a link mailed after the wait it answers began. */
    public Issued issueExpiringAt(Instant expiresAt) {
        byte[] bytes = new byte[ConfirmationToken.BYTES];
        random.nextBytes(bytes);
        ConfirmationToken token = new ConfirmationToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        return new Issued(token, token.digest(), expiresAt);
    }

    public Duration validity() {
        return validity;
    }

    /** A token as handed out: the secret for the e-mail, the digest for the store, and its expiry. */
    public record Issued(ConfirmationToken token, TokenDigest digest, Instant expiresAt) {
    }
}
