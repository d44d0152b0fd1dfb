package com.certshop.revocation.domain.refund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The refund window of one certificate.
 *
 * @param issueDate           day 0, the issuance date in the business zone
 * @param lastDay             the last calendar day inside the window
 * @param end                 the exclusive end: the first instant of the day after {@code lastDay}
 * @param latestSafeApplyDate the last date on which applying still leaves the CA its full SLA
 *                            inside the window; empty if no date of the window does
 */
public record RefundWindow(LocalDate issueDate, LocalDate lastDay, Instant end, Optional<LocalDate> latestSafeApplyDate) {

    /** True while the window is open at {@code now}. */
    public boolean isOpenAt(Instant now) {
        return now.isBefore(end);
    }
}
