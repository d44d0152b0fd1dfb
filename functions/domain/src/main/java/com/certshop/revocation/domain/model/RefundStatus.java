package com.certshop.revocation.domain.model;

/** Where a revocation's refund claim stands. Only the scheduled refund check settles a PENDING claim. */
public enum RefundStatus {
    PENDING,
    REFUNDED,
    NOT_ELIGIBLE
}
