package com.certshop.revocation.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The refund attached to one revocation attempt.
 *
 * @param outlook       what the customer was told when applying
 * @param windowEnd     the exclusive end of the refund window
 * @param status        PENDING until the refund check settles it
 * @param dueAt         when the refund check should look at it: the window end while the
 *                      revocation runs (a claim the CA has not decided by then is looked at on
 *                      every run after it), the completion time once the CA is done
 * @param denial        why no refund, when NOT_ELIGIBLE; otherwise null
 * @param settledAt     when it was settled; null while PENDING
 * @param refundReference the ledger's reference, when REFUNDED; otherwise null
 */
public record RefundClaim(
        RefundOutlook outlook,
        Instant windowEnd,
        RefundStatus status,
        Instant dueAt,
        RefundDenial denial,
        Instant settledAt,
        String refundReference) {

    public RefundClaim {
        Objects.requireNonNull(outlook, "outlook");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueAt, "dueAt");
        if ((status == RefundStatus.NOT_ELIGIBLE) != (denial != null)) {
            throw new IllegalArgumentException("a denial reason goes with NOT_ELIGIBLE and only with it");
        }
        if ((status == RefundStatus.PENDING) != (settledAt == null)) {
            throw new IllegalArgumentException("settledAt is set exactly when the claim is settled");
        }
    }

    /** A claim still to be settled, looked at from when the window closes unless the CA finishes first. */
    public static RefundClaim pending(RefundOutlook outlook, Instant windowEnd) {
        return new RefundClaim(outlook, windowEnd, RefundStatus.PENDING, windowEnd, null, null, null);
    }

    /** A claim refused on the spot: the window had already closed when the customer applied. */
    public static RefundClaim refusedAtSubmission(Instant windowEnd, Instant now) {
        return new RefundClaim(RefundOutlook.NOT_ELIGIBLE, windowEnd, RefundStatus.NOT_ELIGIBLE, now,
                RefundDenial.APPLIED_AFTER_WINDOW, now, null);
    }

    public boolean isPending() {
        return status == RefundStatus.PENDING;
    }

    /** Due for settlement at {@code at}: the CA has finished. */
    public RefundClaim dueAt(Instant at) {
        return new RefundClaim(outlook, windowEnd, status, at, denial, settledAt, refundReference);
    }

    public RefundClaim refunded(String reference, Instant at) {
        return new RefundClaim(outlook, windowEnd, RefundStatus.REFUNDED, dueAt, null, at, reference);
    }

    public RefundClaim denied(RefundDenial why, Instant at) {
        return new RefundClaim(outlook, windowEnd, RefundStatus.NOT_ELIGIBLE, dueAt, why, at, null);
    }
}
