package com.certshop.revocation.domain.model;

import java.util.Objects;

/** A customer's application to revoke: the reason, who asked, and the client's Idempotency-Key (or null). */
public record RevocationRequest(RevocationReason reason, Actor requestedBy, String idempotencyKey) {
    public RevocationRequest {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
