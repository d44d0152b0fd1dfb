package com.certshop.revocation.domain.model;

/** Why a revocation ended before it reached the CA, returning the certificate to its earlier state. */
public enum LapseCause {
    /** The applicant never answered the confirmation e-mail in time. */
    CONFIRMATION_TIMED_OUT,
    /** The applicant followed the e-mail link and rejected the revocation. */
    REJECTED_BY_APPLICANT,
    /** The customer withdrew the request before confirmation. */
    CANCELLED_BY_CUSTOMER,
    /** The confirmation e-mail could not be sent, even after retries. */
    CONFIRMATION_NOT_SENT
}
