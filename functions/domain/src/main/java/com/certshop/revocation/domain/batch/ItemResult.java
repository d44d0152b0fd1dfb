package com.certshop.revocation.domain.batch;

import java.util.Objects;

/**
 * How applying one item of a batch went: ACCEPTED, CONFIRMATION_NEEDED (with the attempt it
 * started), or REFUSED with the error a single revocation would have got.
 *
 * @param certificateId the id as the customer gave it (bounded for display)
 * @param attempt       the revocation attempt the batch started; 0 when refused
 */
public record ItemResult(String certificateId, ItemOutcome outcome, int attempt, String errorCode, String message) {
    public ItemResult {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == ItemOutcome.REFUSED && errorCode == null) {
            throw new IllegalArgumentException("a refusal names its error code");
        }
    }

    public static ItemResult applied(String certificateId, boolean confirmationNeeded, int attempt) {
        return new ItemResult(certificateId, confirmationNeeded ? ItemOutcome.CONFIRMATION_NEEDED : ItemOutcome.ACCEPTED,
                attempt, null, null);
    }

    public static ItemResult refused(String certificateId, String errorCode, String message) {
        return new ItemResult(certificateId, ItemOutcome.REFUSED, 0, errorCode, message);
    }
}
