package com.certshop.revocation.domain.ca;

import java.time.Instant;
import java.util.Objects;

/**
 * The CA's own word that a certificate is revoked, as a status source reported it: the proof a
 * revocation is complete, kept on the revocation for the customer and an auditor.
 *
 * @param source     where the status came from, e.g. {@code OCSP http://ocsp.example/} or {@code simulated CA}
 * @param revokedAt  the revocation time the CA reports
 * @param reasonCode the RFC 5280 CRLReason code the CA reports, or null when it reports none
 * @param checkedAt  when we asked
 */
public record RevocationEvidence(String source, Instant revokedAt, Integer reasonCode, Instant checkedAt) {
    /** RFC 5280 §5.3.1 names, indexed by code; 7 is unassigned. */
    private static final String[] CRL_REASONS = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
        "superseded", "cessationOfOperation", "certificateHold", null, "removeFromCRL", "privilegeWithdrawn",
        "aACompromise"};

    public RevocationEvidence {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** The RFC 5280 name of the reason the CA reports, e.g. {@code keyCompromise}; none reported reads as unspecified. */
    public String reasonName() {
        int code = reasonCode == null ? 0 : reasonCode;
        return code >= 0 && code < CRL_REASONS.length && CRL_REASONS[code] != null ? CRL_REASONS[code]
                : "reason " + code;
    }
}
