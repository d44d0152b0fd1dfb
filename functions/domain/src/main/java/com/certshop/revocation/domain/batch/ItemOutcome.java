package com.certshop.revocation.domain.batch;

/** Where one certificate of a bulk revocation stands. */
public enum ItemOutcome {
    /** Not applied yet: the batch is still working through its certificates. */
    QUEUED,
    /** Refused by the single-revocation rules; the item carries the error code a single request would get. */
    REFUSED,
    /** Applied; the applicant's e-mail confirmation is awaited (OV and EV). */
    CONFIRMATION_NEEDED,
    /** Applied and under way with the CA. */
    ACCEPTED,
    REVOKED,
    /** The revocation was applied but did not complete (the CA refused it, or it could not reach the CA). */
    FAILED,
    /** The applicant rejected it, or did not answer in time, or the customer withdrew it. */
    LAPSED
}
