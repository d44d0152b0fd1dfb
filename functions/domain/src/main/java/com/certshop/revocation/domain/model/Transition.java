package com.certshop.revocation.domain.model;

/**
 * A change of a certificate from the state {@code before} to {@code after}, with the audit event
 * that records it. A store applies it only if the stored certificate still has
 * {@code before.status()} and {@code before.version()}, writing both items atomically.
 */
public record Transition(Certificate before, Certificate after, AuditEvent event) {

    public CertificateStatus expectedStatus() {
        return before.status();
    }

    public long expectedVersion() {
        return before.version();
    }
}
