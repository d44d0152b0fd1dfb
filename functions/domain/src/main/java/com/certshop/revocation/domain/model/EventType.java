package com.certshop.revocation.domain.model;

/** What happened to a certificate, as listed in its audit trail. */
public enum EventType {
    CERTIFICATE_ADDED,
    REVOCATION_REQUESTED,
    CONFIRMATION_SENT,
    REVOCATION_CONFIRMED,
    REVOCATION_LAPSED,
    SUBMITTED_TO_CA,
    REVOCATION_OVERDUE,
    CA_STATUS_UNKNOWN,
    REVOKED,
    REVOCATION_FAILED,
    REFUND_SETTLED,
    CERTIFICATE_DELETED
}
