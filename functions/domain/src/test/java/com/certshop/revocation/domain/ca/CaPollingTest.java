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
    private final CaPolling polling = new CaPolling(BusinessCalendar.utc(), 5, Duration.ofMinutes(1), 2.0,
            Duration.ofHours(1), 300);

    @Test
    void theSlaEndsWithTheFifthBusinessDayAfterHandOver() {
        // Fri 27 Nov → Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 Dec: overdue from Sat 5 Dec 00:00.
        assertEquals(Instant.parse("2026-12-05T00:00:00Z"), polling.deadline(FRIDAY_MORNING));
    }

    @Test
    void aHolidayInsideTheSlaMovesTheDeadline() {
        CaPolling withHoliday = new CaPolling(new BusinessCalendar(ZoneId.of("UTC"),
                Set.of(LocalDate.parse("2026-12-02"))), 5, Duration.ofMinutes(1), 2.0, Duration.ofHours(1), 300);
        assertEquals(Instant.parse("2026-12-08T00:00:00Z"), withHoliday.deadline(FRIDAY_MORNING));
    }

    @Test
    void waitsGrowGeometricallyUpToTheMaximum() {
        assertEquals(60, polling.plan(FRIDAY_MORNING, 0, FRIDAY_MORNING).waitSeconds());
        assertEquals(120, polling.plan(FRIDAY_MORNING, 1, FRIDAY_MORNING).waitSeconds());
        assertEquals(960, polling.plan(FRIDAY_MORNING, 4, FRIDAY_MORNING).waitSeconds());
        assertEquals(3600, polling.plan(FRIDAY_MORNING, 6, FRIDAY_MORNING).waitSeconds());
        assertEquals(3600, polling.plan(FRIDAY_MORNING, 10_000, FRIDAY_MORNING).waitSeconds());
    }

    @Test
    void aWaitIsCutShortSoThatAPollLandsAtTheDeadline() {
        Instant deadline = polling.deadline(FRIDAY_MORNING);
        CaPolling.Plan justBefore = polling.plan(FRIDAY_MORNING, 20, deadline.minusSeconds(30));
        assertEquals(30, justBefore.waitSeconds());
        assertFalse(justBefore.overdue());
        CaPolling.Plan subSecond = polling.plan(FRIDAY_MORNING, 20, deadline.minusMillis(200));
        assertEquals(1, subSecond.waitSeconds());
    }

    @Test
    void fromTheDeadlineOnTheRevocationIsOverdueAndPollingContinuesAtTheNormalPace() {
        Instant deadline = polling.deadline(FRIDAY_MORNING);
        CaPolling.Plan atDeadline = polling.plan(FRIDAY_MORNING, 20, deadline);
        assertTrue(atDeadline.overdue());
        assertEquals(3600, atDeadline.waitSeconds());
    }

    @Test
    void aWholeSlaTakesFewPolls() {
        Instant now = FRIDAY_MORNING;
        int polls = 0;
        while (!polling.plan(FRIDAY_MORNING, polls, now).overdue()) {
            now = now.plusSeconds(polling.plan(FRIDAY_MORNING, polls, now).waitSeconds());
            polls++;
        }
        // About 6 polls to reach the hourly pace, then hourly for the ~8 days to the deadline.
        assertTrue(polls < 200, "polls: " + polls);
        assertTrue(!now.isBefore(polling.deadline(FRIDAY_MORNING)));
        assertEquals(polling.deadline(FRIDAY_MORNING), now, "a poll lands exactly on the deadline");
    }

    @Test
    void thePollsAllowedAreCounted() {
        assertFalse(polling.exhausted(299));
        assertTrue(polling.exhausted(300));
    }

    @Test
    void refusesNonsenseSettings() {
        BusinessCalendar utc = BusinessCalendar.utc();
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ZERO, 2.0, Duration.ofHours(1), 300));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ofMinutes(2), 2.0, Duration.ofMinutes(1), 300));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ofMinutes(1), 0.5, Duration.ofHours(1), 300));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, -1, Duration.ofMinutes(1), 2.0, Duration.ofHours(1), 300));
        assertThrows(IllegalArgumentException.class,
                () -> new CaPolling(utc, 5, Duration.ofMinutes(1), 2.0, Duration.ofHours(1), 0));
    }
}
