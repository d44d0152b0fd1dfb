package com.certshop.revocation.domain.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.time.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaPollingTest {
    private static final Instant FRIDAY_MORNING = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration HALF_AN_HOUR = Duration.ofMinutes(30);
    private final CaPolling polling = new CaPolling(BusinessCalendar.utc(), 5, Duration.ofMinutes(1), 2.0,
            Duration.ofHours(1), Duration.ofHours(72), HALF_AN_HOUR);

    @Test
    void theSlaEndsWithTheFifthBusinessDayAfterHandOver() {
        // Fri 27 Nov → Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 Dec: overdue from Sat 5 Dec 00:00.
        assertEquals(Instant.parse("2026-12-05T00:00:00Z"), polling.deadline(FRIDAY_MORNING));
    }

    @Test
    void aHolidayInsideTheSlaMovesTheDeadline() {
        CaPolling withHoliday = new CaPolling(new BusinessCalendar(ZoneId.of("UTC"),
                Set.of(LocalDate.parse("2026-12-02"))), 5, Duration.ofMinutes(1), 2.0, Duration.ofHours(1), Duration.ofHours(72),
                HALF_AN_HOUR);
        assertEquals(Instant.parse("2026-12-08T00:00:00Z"), withHoliday.deadline(FRIDAY_MORNING));
    }

    @Test
    void waitsGrowGeometricallyUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(60), polling.backoff(0));
        assertEquals(Duration.ofSeconds(120), polling.backoff(1));
        assertEquals(Duration.ofSeconds(960), polling.backoff(4));
        assertEquals(Duration.ofHours(1), polling.backoff(6));
        assertEquals(Duration.ofHours(1), polling.backoff(10_000));
        assertEquals(FRIDAY_MORNING.plusSeconds(60), polling.nextCheck(FRIDAY_MORNING, 0, FRIDAY_MORNING));
    }

    @Test
    void aCheckIsMovedForwardToLandOnTheDeadlineAndOnTheEndOfTheGrace() {
        Instant deadline = polling.deadline(FRIDAY_MORNING);
        assertEquals(deadline, polling.nextCheck(FRIDAY_MORNING, 20, deadline.minusSeconds(30)));
        assertEquals(deadline.plusSeconds(3600), polling.nextCheck(FRIDAY_MORNING, 20, deadline), "normal pace after it");
        Instant giveUp = polling.giveUpAt(FRIDAY_MORNING);
        assertEquals(deadline.plus(Duration.ofHours(72)), giveUp);
        assertEquals(giveUp, polling.nextCheck(FRIDAY_MORNING, 20, giveUp.minusSeconds(10)));
    }

    @Test
    void aWholeSlaTakesFewChecks() {
        Instant now = FRIDAY_MORNING;
        int checks = 0;
        while (now.isBefore(polling.giveUpAt(FRIDAY_MORNING))) {
            now = polling.nextCheck(FRIDAY_MORNING, checks, now);
            checks++;
        }
        // About 6 checks to reach the hourly pace, then hourly for the ~8 days to the deadline and 3 more.
        assertTrue(checks < 300, "checks: " + checks);
        assertEquals(polling.giveUpAt(FRIDAY_MORNING), now, "a check lands exactly on the end of the grace");
    }

    @Test
    void theHeartbeatOutlastsAnyWaitAndTheTimeoutOutlastsTheWholeWait() {
        assertEquals(Duration.ofHours(6), polling.heartbeat());
        assertEquals(Duration.ofMinutes(10), new CaPolling(BusinessCalendar.utc(), 5, Duration.ofSeconds(1), 1.0,
                Duration.ofSeconds(1), Duration.ofHours(72), HALF_AN_HOUR).heartbeat(), "never shorter than a few missed runs");
        assertEquals(Duration.ofHours(3), polling.longestWait());
        assertEquals(Duration.ofHours(3), polling.retryAfter(Duration.ofDays(1)));
        assertEquals(Duration.ofSeconds(91), polling.retryAfter(Duration.ofMillis(90_001)));
        Duration timeout = polling.timeout(FRIDAY_MORNING, Duration.ofHours(73));
        Instant latestHandOver = FRIDAY_MORNING.plus(Duration.ofHours(73)).plus(Duration.ofMinutes(30));
        assertTrue(FRIDAY_MORNING.plus(timeout).isAfter(polling.giveUpAt(latestHandOver).plus(Duration.ofHours(5))));
    }

    @Test
    void theHandOverIsTriedForItsBudget() {
        assertFalse(polling.handOverOverdue(FRIDAY_MORNING, FRIDAY_MORNING.plus(Duration.ofMinutes(29))));
        assertTrue(polling.handOverOverdue(FRIDAY_MORNING, FRIDAY_MORNING.plus(HALF_AN_HOUR)));
        CaPolling noRetries = new CaPolling(BusinessCalendar.utc(), 5, Duration.ofMinutes(1), 2.0, Duration.ofHours(1),
                Duration.ofHours(72), Duration.ZERO);
        assertTrue(noRetries.handOverOverdue(FRIDAY_MORNING, FRIDAY_MORNING), "a budget of 0: the first try is the only one");
    }

    @Test
    void refusesNonsenseSettings() {
        BusinessCalendar utc = BusinessCalendar.utc();
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ZERO, 2.0, Duration.ofHours(1), Duration.ofHours(72), HALF_AN_HOUR));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ofMinutes(2), 2.0, Duration.ofMinutes(1), Duration.ofHours(72), HALF_AN_HOUR));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ofMinutes(1), 0.5, Duration.ofHours(1), Duration.ofHours(72), HALF_AN_HOUR));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, -1, Duration.ofMinutes(1), 2.0, Duration.ofHours(1), Duration.ofHours(72), HALF_AN_HOUR));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ofMinutes(1), 2.0, Duration.ofHours(1), Duration.ofHours(-1), HALF_AN_HOUR));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ofMinutes(1), 2.0, Duration.ofHours(1), Duration.ofHours(72),
                        Duration.ofSeconds(-1)));
    }
}
