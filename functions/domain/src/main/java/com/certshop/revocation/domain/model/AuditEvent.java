package com.certshop.revocation.domain.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a certificate's audit trail: who did what, when, from which state to which.
 *
 * @param sequence the certificate's version after the transition, so events sort in the order
 *                 they happened and a lost race can never write a second event with the same number
 * @param details  small facts about the event (reason, attempt, CA reference, refund outcome)
 */
public record AuditEvent(
        CertificateId certificateId,
        long sequence,
        Instant at,
        Actor actor,
        EventType type,
        CertificateStatus fromStatus,
        CertificateStatus toStatus,
        Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(toStatus, "toStatus");
        details = Map.copyOf(details);
    }

    /** The first event of every certificate, written with it. */
    public static AuditEvent added(Certificate certificate, Actor actor, Instant at) {
        return new AuditEvent(certificate.id(), certificate.version(), at, actor, EventType.CERTIFICATE_ADDED,
                null, certificate.status(), Map.of("origin", certificate.origin().name()));
    }
}
