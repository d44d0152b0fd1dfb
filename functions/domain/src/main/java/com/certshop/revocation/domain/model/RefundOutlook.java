package com.certshop.revocation.domain.model;

/** What a customer can expect, refund-wise, from a revocation applied for at a given moment. */
public enum RefundOutlook {
    /** Applied with at least the CA's SLA of business days left in the window. */
    ELIGIBLE,
    /** Inside the window, but with fewer business days left than the CA may take. */
    AT_RISK,
    /** The window has closed. */
    NOT_ELIGIBLE
}
