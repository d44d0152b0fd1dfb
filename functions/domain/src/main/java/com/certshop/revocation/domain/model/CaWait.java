package com.certshop.revocation.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The workflow execution waiting for the CA, and when the scheduled CA check looks at the
 * revocation next. The execution only keeps time; the revocation's state is the truth, and the
 * check completes the execution's task token once the CA has answered.
 *
 * @param taskToken   the waiting execution's task token (the newest one, if the hand-over step ran twice)
 * @param since       when the hand-over was first tried: the hand-over's retries are counted from here
 * @param nextCheckAt when the next check is due
 * @param checks      how many times the CA has been asked so far (its status, or for the hand-over while it was unavailable)
 */
public record CaWait(String taskToken, Instant since, Instant nextCheckAt, int checks) {

    public CaWait {
        Objects.requireNonNull(taskToken, "taskToken");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(nextCheckAt, "nextCheckAt");
        if (checks < 0) {
            throw new IllegalArgumentException("checks count from 0");
        }
    }

    /** A wait that begins now, with its first check at {@code firstCheckAt}. */
    public static CaWait begin(String taskToken, Instant now, Instant firstCheckAt) {
        return new CaWait(taskToken, now, firstCheckAt, 0);
    }

    /** One more check made; the next one at {@code nextCheckAt}. */
    public CaWait checked(Instant nextCheck) {
        return new CaWait(taskToken, since, nextCheck, checks + 1);
    }

    /** The next check moved to {@code sooner}, with the count of checks so far, so the backoff goes on from it. */
    public CaWait dueBy(Instant sooner) {
        return new CaWait(taskToken, since, sooner, checks);
    }

    /** A repeated hand-over step waits under a new token; its schedule stays. */
    public CaWait withToken(String newToken) {
        return new CaWait(newToken, since, nextCheckAt, checks);
    }

    public boolean dueAt(Instant now) {
        return !nextCheckAt.isAfter(now);
    }
}
