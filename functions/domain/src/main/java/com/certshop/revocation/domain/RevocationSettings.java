package com.certshop.revocation.domain;

import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.confirmation.ConfirmationTokens;
import com.certshop.revocation.domain.refund.RefundPolicy;
import com.certshop.revocation.domain.time.BusinessCalendar;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/**
 * The numbers the business may tune, in one place. Adapters read them from configuration; the
 * defaults are the promises the README states (30-day refund window, 5-business-day CA SLA, links
 * valid 72 hours).
 *
 * @param confirmationValidity how long a confirmation link works; the workflow's wait for the
 *                             answer must outlast it, so that an answer given in time always finds
 *                             the workflow still waiting
 * @param caGrace              how long after the CA's SLA deadline the service still waits for
 *                             the CA before it fails the revocation as never confirmed
 * @param caHandOverBudget     how long a hand-over the CA cannot take (it is unavailable) is tried
 *                             again, from the first try, before the revocation fails
 */
public record RevocationSettings(
        BusinessCalendar calendar,
        int refundWindowDays,
        int caSlaBusinessDays,
        Duration confirmationValidity,
        Duration caFirstPoll,
        double caPollMultiplier,
        Duration caMaxPoll,
        Duration caGrace,
        Duration caHandOverBudget) {

    public RevocationSettings {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(confirmationValidity, "confirmationValidity");
        Objects.requireNonNull(caFirstPoll, "caFirstPoll");
        Objects.requireNonNull(caMaxPoll, "caMaxPoll");
        Objects.requireNonNull(caGrace, "caGrace");
        Objects.requireNonNull(caHandOverBudget, "caHandOverBudget");
    }

    /**
     * UTC, no holidays, a 30-day window, a 5-business-day CA SLA, links valid 72 hours, CA checks
     * from 1 minute apart to 1 hour apart, 72 hours of grace after the SLA, and half an hour for a
     * hand-over the CA cannot take at once.
     */
    public static RevocationSettings defaults() {
        return new RevocationSettings(BusinessCalendar.utc(), RefundPolicy.DEFAULT_WINDOW_DAYS,
                RefundPolicy.DEFAULT_CA_SLA_BUSINESS_DAYS, Duration.ofHours(72), Duration.ofMinutes(1), 2.0,
                Duration.ofHours(1), Duration.ofHours(72), Duration.ofMinutes(30));
    }

    public RefundPolicy refundPolicy() {
        return new RefundPolicy(calendar, refundWindowDays, caSlaBusinessDays);
    }

    public CaPolling caPolling() {
        return new CaPolling(calendar, caSlaBusinessDays, caFirstPoll, caPollMultiplier, caMaxPoll, caGrace, caHandOverBudget);
    }

    public ConfirmationTokens confirmationTokens(SecureRandom random) {
        return new ConfirmationTokens(random, confirmationValidity);
    }
}
