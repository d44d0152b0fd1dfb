package com.certshop.revocation.aws.ca.status;

import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.X509Details;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the CA publishes whether a certificate is revoked. A revocation is complete only when this
 * says so: a 200 to revokeCert means the CA took the request, not that relying parties can see it.
 */
public interface RevocationStatusSource {

    /**
     * @throws CaUnavailableException when the source cannot answer now
     */
    SerialStatus check(X509Details certificate);

    /**
     * Why this source could never report on {@code certificate} (say it names no OCSP responder),
     * or empty when it can. Asked before the hand-over: a revocation we could not prove complete
     * is not sent at all.
     */
    Optional<String> cannotCheck(X509Details certificate);

    /** What the source says about one certificate. */
    sealed interface SerialStatus {
        /** Not revoked (yet). */
        record Good() implements SerialStatus {
        }

        /** The source does not know the certificate. */
        record Unknown() implements SerialStatus {
        }

        /** Revoked, with what the source said, to keep as evidence. */
        record Revoked(RevocationEvidence evidence) implements SerialStatus {
            public Revoked {
                Objects.requireNonNull(evidence, "evidence");
            }
        }
    }
}
