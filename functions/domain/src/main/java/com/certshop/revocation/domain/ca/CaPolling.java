package com.certshop.revocation.domain.ca;

import com.certshop.revocation.domain.time.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When to ask the CA again, and how long to wait for it at all. The interval grows geometrically
 * from {@code firstInterval} up to {@code maxInterval}, because most revocations finish quickly and
 * a few take days, and every check is a CA call. A check is moved forward so that one lands exactly
 * at the SLA deadline (the end of the {@code slaBusinessDays}-th business day after hand-over),
 * where an unfinished revocation becomes overdue, and one at the end of the {@code grace} after it,
 * where the service stops waiting: a CA that never answers must end in a failure someone sees.
 *
 * <p>The workflow execution waits on a task token meanwhile; the scheduled CA check sends a
 * heartbeat after every check, so the execution's heartbeat limit ({@link #heartbeat()}, six times
 * the longest interval, at least ten minutes) only ends a wait that nothing has looked at for that long. No single wait
 * is longer than half of it ({@link #longestWait()}), not even one the CA asked for with Retry-After.
 */
public final class CaPolling {
    private static final Duration MINIMUM_WAIT = Duration.ofSeconds(1);
    /** Checks that may be missed (a sweep that failed or fell behind) before the execution's heartbeat limit ends its wait. */
    private static final int HEARTBEAT_INTERVALS = 6;
    /**
     * The heartbeat limit is never shorter than this, however short the intervals: the scheduled
     * check runs once a minute on AWS (every second or two locally), and a run that falls behind
     * or fails must not end a wait that the next runs would keep alive.
     */
    private static final Duration MINIMUM_HEARTBEAT = Duration.ofMinutes(10);

    private final BusinessCalendar calendar;
    private final int slaBusinessDays;
    private final Duration firstInterval;
    private final double multiplier;
    private final Duration maxInterval;
    private final Duration grace;
    private final Duration handOverBudget;

    /**
     * @param grace          how long past the SLA deadline the service still waits for the CA
     * @param handOverBudget how long, from the first try, a hand-over the CA cannot take (it is
     *                       unavailable) is tried again before the revocation fails: long enough
     *                       for a CA's restart or a network blip
     */
    public CaPolling(BusinessCalendar calendar, int slaBusinessDays, Duration firstInterval, double multiplier,
            Duration maxInterval, Duration grace, Duration handOverBudget) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        if (slaBusinessDays < 0) {
            throw new IllegalArgumentException("SLA must not be negative");
        }
        if (firstInterval.compareTo(MINIMUM_WAIT) < 0 || maxInterval.compareTo(firstInterval) < 0 || multiplier < 1) {
            throw new IllegalArgumentException("need 1s <= firstInterval <= maxInterval and multiplier >= 1");
        }
        if (grace.isNegative() || handOverBudget.isNegative()) {
            throw new IllegalArgumentException("the grace after the SLA and the hand-over budget must not be negative");
        }
        this.slaBusinessDays = slaBusinessDays;
        this.firstInterval = firstInterval;
        this.multiplier = multiplier;
        this.maxInterval = maxInterval;
        this.grace = grace;
        this.handOverBudget = handOverBudget;
    }

    /** The instant from which a revocation handed to the CA at {@code submittedAt} is overdue. */
    public Instant deadline(Instant submittedAt) {
        return calendar.endOfBusinessDays(submittedAt, slaBusinessDays);
    }

    /** The instant from which the service stops waiting for a revocation handed over at {@code submittedAt}. */
    public Instant giveUpAt(Instant submittedAt) {
        return deadline(submittedAt).plus(grace);
    }

    /**
     * When to check next, after {@code checksSoFar} checks (0 right after hand-over) of a request
     * handed over at {@code submittedAt}: the backoff, moved forward to land on the deadline or on
     * the end of the grace when one of them comes first.
     */
    public Instant nextCheck(Instant submittedAt, int checksSoFar, Instant now) {
        Instant next = now.plus(backoff(checksSoFar));
        for (Instant landmark : new Instant[] {deadline(submittedAt), giveUpAt(submittedAt)}) {
            if (now.isBefore(landmark) && landmark.isBefore(next)) {
                next = landmark;
            }
        }
        return next;
    }

    /** The wait after {@code checksSoFar} checks: {@code firstInterval × multiplier^checks}, at most {@code maxInterval}. */
    public Duration backoff(int checksSoFar) {
        double seconds = firstInterval.getSeconds() * Math.pow(multiplier, Math.max(0, checksSoFar));
        return seconds >= maxInterval.getSeconds() ? maxInterval : Duration.ofSeconds((long) Math.ceil(seconds));
    }

    /** The wait the CA asked for, at least a second and at most {@link #longestWait()}. */
    public Duration retryAfter(Duration asked) {
        Duration atLeast = asked.compareTo(MINIMUM_WAIT) < 0 ? MINIMUM_WAIT : asked;
        Duration wholeSeconds = Duration.ofSeconds((atLeast.toMillis() + 999) / 1000);
        return wholeSeconds.compareTo(longestWait()) > 0 ? longestWait() : wholeSeconds;
    }

    /** The longest wait between two checks: half the heartbeat limit, so a wait never outlasts the execution's patience. */
    public Duration longestWait() {
        return heartbeat().dividedBy(2);
    }

    /** The waiting execution's heartbeat limit: it ends a wait that no check has touched for this long. */
    public Duration heartbeat() {
        Duration intervals = maxInterval.multipliedBy(HEARTBEAT_INTERVALS);
        return intervals.compareTo(MINIMUM_HEARTBEAT) < 0 ? MINIMUM_HEARTBEAT : intervals;
    }

    /** Whether a hand-over first tried at {@code since} has had all the time it gets. */
    public boolean handOverOverdue(Instant since, Instant now) {
        return !now.isBefore(since.plus(handOverBudget));
    }

    /**
     * The waiting execution's timeout, a backstop behind the checks' own limits, for a run that
     * starts at {@code startedAt} and may first wait up to {@code confirmationWait} for the
     * applicant: the hand-over budget, the SLA's calendar span, the grace and one heartbeat more.
     */
    public Duration timeout(Instant startedAt, Duration confirmationWait) {
        Instant handOver = startedAt.plus(confirmationWait).plus(handOverBudget);
        return Duration.between(startedAt, giveUpAt(handOver)).plus(heartbeat());
    }
}
