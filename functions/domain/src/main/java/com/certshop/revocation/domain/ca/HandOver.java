package com.certshop.revocation.domain.ca;

import java.util.Objects;

/** How the CA answered the hand-over of a revocation. */
public sealed interface HandOver {

    /**
     * The CA took the request (or had already revoked the certificate: a repeated request after a
     * lost answer is the same request). Completion is still to be proven by the CA's status.
     *
     * @param reference the CA's reference for the request, shown in the audit trail
     */
    record Accepted(String reference) implements HandOver {
        public Accepted {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * Not sent: this service could not prove the revocation complete for this certificate (its CA
     * publishes no status we can read), and revoking without proof would leave it unknowable.
     */
    record NotSent(String why) implements HandOver {
        public NotSent {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The CA refused the request for good; {@code detail} is the CA's own explanation. */
    record Rejected(String detail) implements HandOver {
        public Rejected {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
