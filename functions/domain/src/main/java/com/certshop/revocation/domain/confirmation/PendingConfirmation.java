package com.certshop.revocation.domain.confirmation;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.CertificateId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the store keeps for one confirmation link: the token's digest, the revocation attempt it
 * confirms, when it expires (the store may also delete it after that), and when it was used and
 * for which answer: the same answer again may finish what a first try began and could not end.
 */
public record PendingConfirmation(
        TokenDigest digest,
        AccountId accountId,
        CertificateId certificateId,
        int attempt,
        Instant expiresAt,
        Instant usedAt,
        Answer answer) {

    /** The applicant's two answers. */
    public enum Answer { CONFIRM, REJECT }

    public PendingConfirmation {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A link as issued: not used yet. */
    public PendingConfirmation(TokenDigest digest, AccountId accountId, CertificateId certificateId, int attempt,
            Instant expiresAt) {
        this(digest, accountId, certificateId, attempt, expiresAt, null, null);
    }

    /** Expired from {@code expiresAt} on. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean isUsed() {
        return usedAt != null;
    }
}
