package com.certshop.revocation.domain.ca;

import java.time.Instant;
import java.util.Objects;

/** What the CA says about a revocation request it accepted. */
public sealed interface CaStatus {

    /** Still being processed. */
    record Pending() implements CaStatus {
    }

    /** Done: the certificate is revoked as of {@code revokedAt}, the CA's own time. */
    record Revoked(Instant revokedAt) implements CaStatus {
        public Revoked {
            Objects.requireNonNull(revokedAt, "revokedAt");
        }
    }

    /** The CA refused to revoke, for the given reason. */
    record Rejected(String reason) implements CaStatus {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
