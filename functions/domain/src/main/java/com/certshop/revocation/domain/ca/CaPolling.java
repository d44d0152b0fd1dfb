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
 * day after hand-over), where an unfinished revocation becomes overdue.
 */
public final class CaPolling {
    private static final Duration MINIMUM_WAIT = Duration.ofSeconds(1);

    private final BusinessCalendar calendar;
    private final int slaBusinessDays;
    private final Duration firstInterval;
    private final double multiplier;
    private final Duration maxInterval;

    public CaPolling(BusinessCalendar calendar, int slaBusinessDays, Duration firstInterval, double multiplier,
            Duration maxInterval) {
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

    /** Wait this many whole seconds before the next poll; {@code overdue} once past the deadline. */
    public record Plan(long waitSeconds, boolean overdue) {
    }
}
