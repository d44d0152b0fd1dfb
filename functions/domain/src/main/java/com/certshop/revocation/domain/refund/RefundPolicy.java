package com.certshop.revocation.domain.refund;

import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundDenial;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.time.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The refund promise: a revocation is refunded only if it was applied for and completed by the CA
 * within {@code windowDays} calendar days of issuance. The day of issuance is day 0 and the window
 * ends at the end of day {@code windowDays}, both in the business zone. Because the CA may take up
 * to {@code caSlaBusinessDays} business days, customers are told the latest date on which applying
 * is safe.
 */
public final class RefundPolicy {
    public static final int DEFAULT_WINDOW_DAYS = 30;
    public static final int DEFAULT_CA_SLA_BUSINESS_DAYS = 5;

    private final BusinessCalendar calendar;
    private final int windowDays;
    private final int caSlaBusinessDays;

    public RefundPolicy(BusinessCalendar calendar, int windowDays, int caSlaBusinessDays) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        if (windowDays < 0 || caSlaBusinessDays < 0) {
            throw new IllegalArgumentException("window and SLA must not be negative");
        }
        this.windowDays = windowDays;
        this.caSlaBusinessDays = caSlaBusinessDays;
    }

    /** How many business days the CA may take: the promise shown to customers. */
    public int caSlaBusinessDays() {
        return caSlaBusinessDays;
    }

    public RefundWindow windowFor(Instant issuedAt) {
        LocalDate issueDate = calendar.dateOf(issuedAt);
        LocalDate lastDay = issueDate.plusDays(windowDays);
        return new RefundWindow(issueDate, lastDay, calendar.startOf(lastDay.plusDays(1)),
                latestSafeApplyDate(issueDate, lastDay));
    }

    /**
     * The latest date L with the CA's SLA fitting inside the window: the SLA's last business day
     * after L is no later than the window's last day. Weekends count as L too: applying on a Sunday
     * leaves Monday as the CA's first day, just as applying on the Friday before does.
     */
    private Optional<LocalDate> latestSafeApplyDate(LocalDate issueDate, LocalDate lastDay) {
        for (LocalDate date = lastDay; !date.isBefore(issueDate); date = date.minusDays(1)) {
            if (!calendar.addBusinessDays(date, caSlaBusinessDays).isAfter(lastDay)) {
                return Optional.of(date);
            }
        }
        return Optional.empty();
    }

    /** What applying at {@code now} means for the refund of a certificate issued at {@code issuedAt}. */
    public RefundOutlook outlook(Instant issuedAt, Instant now) {
        RefundWindow window = windowFor(issuedAt);
        if (!window.isOpenAt(now)) {
            return RefundOutlook.NOT_ELIGIBLE;
        }
        LocalDate today = calendar.dateOf(now);
        boolean safe = window.latestSafeApplyDate().map(last -> !today.isAfter(last)).orElse(false);
        return safe ? RefundOutlook.ELIGIBLE : RefundOutlook.AT_RISK;
    }

    /** The claim a revocation applied for at {@code now} carries: pending, or refused on the spot. */
    public RefundClaim claimFor(Instant issuedAt, Instant now) {
        RefundOutlook outlook = outlook(issuedAt, now);
        Instant end = windowFor(issuedAt).end();
        return outlook == RefundOutlook.NOT_ELIGIBLE
                ? RefundClaim.refusedAtSubmission(end, now)
                : RefundClaim.pending(outlook, end);
    }

    /**
     * The settlement decision for a revocation applied for at {@code requestedAt} and completed by
     * the CA at {@code revokedAt} (null while the CA has not finished), against the window end its
     * claim recorded when the customer applied: what the customer was told stands even if the
     * window's length or zone has been reconfigured since. Empty while the CA has not
     * finished, even after the window closed: the CA's own revocation time decides, and the service
     * may learn it later than the CA revoked (a cached OCSP answer, the next check's backoff, a status
     * source that was down), so a revocation the CA completed inside the window is still refunded.
     */
    public static Optional<Decision> decide(Instant end, Instant requestedAt, Instant revokedAt) {
        if (!requestedAt.isBefore(end)) {
            return Optional.of(Decision.denied(RefundDenial.APPLIED_AFTER_WINDOW));
        }
        if (revokedAt == null) {
            return Optional.empty();
        }
        return Optional.of(revokedAt.isBefore(end)
                ? Decision.REFUND
                : Decision.denied(RefundDenial.COMPLETED_AFTER_WINDOW));
    }

    /** Refund, or not and why. */
    public record Decision(boolean refund, RefundDenial denial) {
        static final Decision REFUND = new Decision(true, null);

        static Decision denied(RefundDenial why) {
            return new Decision(false, why);
        }
    }
}
