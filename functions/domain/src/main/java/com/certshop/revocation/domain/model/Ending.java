package com.certshop.revocation.domain.model;

/** How a revocation attempt ended. */
public enum Ending {
    /** The CA's status source says the certificate is revoked. */
    REVOKED,
    /** The CA refused it, could not take it, or never confirmed it. */
    FAILED,
    /** The applicant rejected it or did not answer in time, or the customer withdrew it. */
    LAPSED
}
