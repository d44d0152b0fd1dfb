package com.certshop.revocation.domain.model;

import java.util.Optional;

/**
 * A change of a certificate from the state {@code before} to {@code after}, with the audit event
 * that records it. A store applies it only if the stored certificate still has
 * {@code before.status()} and {@code before.version()}, writing both items atomically.
 *
 * @param event the audit event, or null for a quiet change that the trail need not show (the
 *              next CA check's time); the version still counts up, so a racer still loses
 */
public record Transition(Certificate before, Certificate after, AuditEvent event) {

    public Optional<AuditEvent> auditEvent() {
        return Optional.ofNullable(event);
    }

    public CertificateStatus expectedStatus() {
        return before.status();
    }

    public long expectedVersion() {
        return before.version();
    }
}
