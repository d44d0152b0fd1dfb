package com.certshop.revocation.domain.model;

/**
 * The lifecycle states (README, "The lifecycle"). Expiry is not a status: it follows from the clock and
 * {@code notAfter}. {@link #DELETED} is a tombstone: the customer no longer sees the certificate,
 * but its audit trail and any refund still owed survive the deletion.
 */
public enum CertificateStatus {
    ISSUED,
    UPLOADED,
    AWAITING_CONFIRMATION,
    REVOKING,
    REVOKED,
    REVOCATION_FAILED,
    DELETED;

    /** A revocation is under way: neither lapsed nor finished. */
    public boolean revocationInProgress() {
        return this == AWAITING_CONFIRMATION || this == REVOKING;
    }

    /**
     * Once a revocation has been submitted the key material must not leave the service again;
     * only a lapsed revocation (which restores ISSUED) lifts the lock.
     */
    public boolean locksDownload() {
        return this == AWAITING_CONFIRMATION || this == REVOKING || this == REVOKED || this == REVOCATION_FAILED;
    }

    /** Statuses a customer may list by; a tombstone is never shown. */
    public boolean visibleToCustomer() {
        return this != DELETED;
    }
}
