package com.certshop.revocation.domain.ca;

import java.time.Instant;
import java.util.Objects;

/** What the CA says about a revocation it accepted. */
public sealed interface CaStatus {

    /** Still being processed. */
    record Pending() implements CaStatus {
    }

    /** Done: the CA's status source reports the certificate revoked, with the evidence. */
    record Revoked(RevocationEvidence evidence) implements CaStatus {
        public Revoked {
            Objects.requireNonNull(evidence, "evidence");
        }

        public Instant revokedAt() {
            return evidence.revokedAt();
        }
    }

    /** The CA refused to revoke, for the given reason. */
    record Rejected(String reason) implements CaStatus {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
