package com.certshop.revocation.domain.ca;

import com.certshop.revocation.domain.time.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When to ask the CA again. The interval grows geometrically from {@code firstInterval} up to
 * {@code maxInterval}, because most revocations finish quickly and a few take days; Standard
 * Workflows bill per state transition, so each poll saved is money. The wait is cut short so that
 * a poll lands exactly at the SLA deadline (the end of the {@code slaBusinessDays}-th business
 * day after hand-over), where an unfinished revocation becomes overdue. After {@code maxPolls}
 * polls the wait ends: every poll adds events to the execution's history, which Step Functions
 * caps at 25,000, and a CA that never answers must end in a failure someone sees, not in an
 * execution that dies where no Catch can help.
 */
public final class CaPolling {
    private static final Duration MINIMUM_WAIT = Duration.ofSeconds(1);

    private final BusinessCalendar calendar;
    private final int slaBusinessDays;
    private final Duration firstInterval;
    private final double multiplier;
    private final Duration maxInterval;
    private final int maxPolls;

    public CaPolling(BusinessCalendar calendar, int slaBusinessDays, Duration firstInterval, double multiplier,
            Duration maxInterval, int maxPolls) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        if (slaBusinessDays < 0) {
            throw new IllegalArgumentException("SLA must not be negative");
        }
        if (firstInterval.compareTo(MINIMUM_WAIT) < 0 || maxInterval.compareTo(firstInterval) < 0 || multiplier < 1) {
            throw new IllegalArgumentException("need 1s <= firstInterval <= maxInterval and multiplier >= 1");
        }
        this.slaBusinessDays = slaBusinessDays;
        this.firstInterval = firstInterval;
        this.multiplier = multiplier;
        this.maxInterval = maxInterval;
        if (maxPolls < 1) {
            throw new IllegalArgumentException("need at least one poll");
        }
        this.maxPolls = maxPolls;
    }

    /** The instant from which a revocation handed to the CA at {@code submittedAt} is overdue. */
    public Instant deadline(Instant submittedAt) {
        return calendar.endOfBusinessDays(submittedAt, slaBusinessDays);
    }

    /** The plan after {@code pollsSoFar} polls (0 right after hand-over) of a request handed over at {@code submittedAt}. */
    public Plan plan(Instant submittedAt, int pollsSoFar, Instant now) {
        Instant deadline = deadline(submittedAt);
        double seconds = firstInterval.getSeconds() * Math.pow(multiplier, Math.max(0, pollsSoFar));
        Duration wait = seconds >= maxInterval.getSeconds() ? maxInterval : Duration.ofSeconds((long) Math.ceil(seconds));
        boolean overdue = !now.isBefore(deadline);
        if (!overdue) {
            Duration untilDeadline = Duration.between(now, deadline);
            if (untilDeadline.compareTo(wait) < 0) {
                wait = untilDeadline;
            }
        }
        long waitSeconds = Math.max(MINIMUM_WAIT.getSeconds(), (wait.toMillis() + 999) / 1000);
        return new Plan(waitSeconds, overdue);
    }

    /** True once {@code pollsSoFar} polls have spent the polls allowed: time to stop waiting. */
    public boolean exhausted(int pollsSoFar) {
        return pollsSoFar >= maxPolls;
    }

    /** Wait this many whole seconds before the next poll; {@code overdue} once past the deadline. */
    public record Plan(long waitSeconds, boolean overdue) {
    }
}
