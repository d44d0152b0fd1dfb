package com.certshop.revocation.domain.model;

import java.util.Objects;

/**
 * A customer's application to revoke: the reason, who asked, the client's Idempotency-Key (or
 * null) and the bulk revocation it is part of (or null).
 */
public record RevocationRequest(RevocationReason reason, Actor requestedBy, String idempotencyKey, String batchId) {
    public RevocationRequest {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }

    /** An application of its own, not part of a batch. */
    public RevocationRequest(RevocationReason reason, Actor requestedBy, String idempotencyKey) {
        this(reason, requestedBy, idempotencyKey, null);
    }
}
