package com.certshop.revocation.domain.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundDenial;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RefundStatus;
import com.certshop.revocation.domain.time.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefundPolicyTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final RefundPolicy utc = new RefundPolicy(BusinessCalendar.utc(), 30, 5);
    private final RefundPolicy newYork = new RefundPolicy(new BusinessCalendar(NEW_YORK, Set.of()), 30, 5);

    @Test
    void dayOfIssuanceIsDayZeroAndTheWindowEndsAtTheEndOfDayThirty() {
        RefundWindow window = utc.windowFor(Instant.parse("2026-03-10T12:00:00Z"));
        assertEquals(LocalDate.parse("2026-03-10"), window.issueDate());
        assertEquals(LocalDate.parse("2026-04-09"), window.lastDay());
        assertEquals(Instant.parse("2026-04-10T00:00:00Z"), window.end());
    }

    @Test
    void issuedAt2359InTheBusinessZoneCountsThatLocalDayAsDayZero() {
        // 23:59 on 10 March in New York (EDT, UTC-4) is already 11 March in UTC.
        Instant issued = zonedAt("2026-03-10T23:59", NEW_YORK);
        assertEquals(Instant.parse("2026-03-11T03:59:00Z"), issued);
        RefundWindow window = newYork.windowFor(issued);
        assertEquals(LocalDate.parse("2026-03-10"), window.issueDate());
        assertEquals(zonedAt("2026-04-10T00:00", NEW_YORK), window.end());
        // Under UTC the same instant would be day 0 of a window one day later.
        assertEquals(Instant.parse("2026-04-11T00:00:00Z"), utc.windowFor(issued).end());
    }

    @Test
    void completionExactlyAtTheWindowEndIsTooLateAndOneMillisecondBeforeIsInTime() {
        Instant issued = Instant.parse("2026-03-10T12:00:00Z");
        Instant end = utc.windowFor(issued).end();
        Instant applied = end.minus(Duration.ofDays(10));
        assertEquals(Optional.of(new RefundPolicy.Decision(false, RefundDenial.COMPLETED_AFTER_WINDOW)),
                RefundPolicy.decide(end, applied, end));
        assertEquals(Optional.of(new RefundPolicy.Decision(true, null)),
                RefundPolicy.decide(end, applied, end.minusMillis(1)));
    }

    @Test
    void applyingAtTheWindowEndIsTooLateEvenIfTheCaWereInstant() {
        Instant issued = Instant.parse("2026-03-10T12:00:00Z");
        Instant end = utc.windowFor(issued).end();
        assertEquals(RefundDenial.APPLIED_AFTER_WINDOW, RefundPolicy.decide(end, end, end).orElseThrow().denial());
        assertTrue(RefundPolicy.decide(end, end.minusMillis(1), end.minusMillis(1)).orElseThrow().refund());
    }

    @Test
    void anUnfinishedRevocationIsUndecidedUntilTheCaFinishesItEvenAfterTheWindowClosed() {
        Instant issued = Instant.parse("2026-03-10T12:00:00Z");
        Instant end = utc.windowFor(issued).end();
        Instant applied = end.minus(Duration.ofDays(2));
        assertEquals(Optional.empty(), RefundPolicy.decide(end, applied, null));
        assertTrue(RefundPolicy.decide(end, applied, end.minusSeconds(1800)).orElseThrow().refund(),
                "the CA's revocation time decides, not when the service learns it");
    }

    @Test
    void theWindowCrossesAMonthEndAndADaylightSavingChange() {
        // Issued 15 October 2026 (EDT); the window ends at the start of 15 November (EST): the
        // clocks went back on 1 November, so the window is 31 days and one hour long in UTC terms.
        Instant issued = zonedAt("2026-10-15T09:30", NEW_YORK);
        RefundWindow window = newYork.windowFor(issued);
        assertEquals(LocalDate.parse("2026-11-14"), window.lastDay());
        assertEquals(Instant.parse("2026-11-15T05:00:00Z"), window.end());
        Instant startOfDayZero = Instant.parse("2026-10-15T04:00:00Z");
        assertEquals(Duration.ofDays(31).plusHours(1), Duration.between(startOfDayZero, window.end()));
    }

    @Test
    void theWindowCrossesTheSpringDaylightSavingChangeAndFebruary() {
        RefundPolicy berlin = new RefundPolicy(new BusinessCalendar(ZoneId.of("Europe/Berlin"), Set.of()), 30, 5);
        RefundWindow window = berlin.windowFor(Instant.parse("2028-02-10T10:00:00Z"));
        assertEquals(LocalDate.parse("2028-03-11"), window.lastDay());    // 2028 is a leap year
        RefundWindow overDst = berlin.windowFor(Instant.parse("2026-03-05T10:00:00Z"));
        assertEquals(Instant.parse("2026-04-04T22:00:00Z"), overDst.end()); // midnight CEST, UTC+2
        assertEquals(LocalDate.parse("2026-03-02"), utc.windowFor(Instant.parse("2026-01-31T10:00:00Z")).lastDay());
    }

    @Test
    void latestSafeDateLeavesTheCaFiveBusinessDaysEvenOverAWeekendAndAHoliday() {
        // Issued Wed 4 Nov 2026: the last day of the window is Fri 4 Dec.
        Instant issued = Instant.parse("2026-11-04T15:00:00Z");
        assertEquals(LocalDate.parse("2026-12-04"), utc.windowFor(issued).lastDay());
        // No holiday: applying on Sun 29 Nov leaves Mon 30 - Fri 4.
        assertEquals(Optional.of(LocalDate.parse("2026-11-29")), utc.windowFor(issued).latestSafeApplyDate());
        // A holiday on Wed 2 Dec takes a day out: the CA needs Fri 27 and Mon 30 - Fri 4 minus the
        // Wednesday, so applying must happen by Thu 26 Nov.
        RefundPolicy withHoliday = new RefundPolicy(
                new BusinessCalendar(ZoneId.of("UTC"), Set.of(LocalDate.parse("2026-12-02"))), 30, 5);
        assertEquals(Optional.of(LocalDate.parse("2026-11-26")), withHoliday.windowFor(issued).latestSafeApplyDate());
    }

    @Test
    void outlookTurnsAtRiskTheDayAfterTheLatestSafeDateAndNotEligibleAtTheEnd() {
        Instant issued = Instant.parse("2026-11-04T15:00:00Z");
        RefundWindow window = utc.windowFor(issued);
        assertEquals(RefundOutlook.ELIGIBLE, utc.outlook(issued, issued));
        assertEquals(RefundOutlook.ELIGIBLE, utc.outlook(issued, Instant.parse("2026-11-29T23:59:59.999Z")));
        assertEquals(RefundOutlook.AT_RISK, utc.outlook(issued, Instant.parse("2026-11-30T00:00:00Z")));
        assertEquals(RefundOutlook.AT_RISK, utc.outlook(issued, window.end().minusMillis(1)));
        assertEquals(RefundOutlook.NOT_ELIGIBLE, utc.outlook(issued, window.end()));
    }

    @Test
    void aWindowShorterThanTheSlaHasNoSafeDateAndIsAlwaysAtRisk() {
        RefundPolicy shortWindow = new RefundPolicy(BusinessCalendar.utc(), 2, 5);
        Instant issued = Instant.parse("2026-11-04T15:00:00Z");
        assertEquals(Optional.empty(), shortWindow.windowFor(issued).latestSafeApplyDate());
        assertEquals(RefundOutlook.AT_RISK, shortWindow.outlook(issued, issued));
    }

    @Test
    void windowLengthAndSlaAreConfigurable() {
        RefundPolicy fortnight = new RefundPolicy(BusinessCalendar.utc(), 14, 2);
        Instant issued = Instant.parse("2026-11-04T15:00:00Z");
        RefundWindow window = fortnight.windowFor(issued);
        assertEquals(LocalDate.parse("2026-11-18"), window.lastDay());
        assertEquals(Optional.of(LocalDate.parse("2026-11-16")), window.latestSafeApplyDate());
        assertThrows(IllegalArgumentException.class, () -> new RefundPolicy(BusinessCalendar.utc(), -1, 5));
    }

    @Test
    void theClaimCarriesTheOutlookOrIsRefusedOnTheSpotAfterTheWindow() {
        Instant issued = Instant.parse("2026-11-04T15:00:00Z");
        Instant end = utc.windowFor(issued).end();
        RefundClaim pending = utc.claimFor(issued, issued.plus(Duration.ofDays(3)));
        assertEquals(RefundStatus.PENDING, pending.status());
        assertEquals(RefundOutlook.ELIGIBLE, pending.outlook());
        assertEquals(end, pending.dueAt());
        RefundClaim late = utc.claimFor(issued, end);
        assertEquals(RefundStatus.NOT_ELIGIBLE, late.status());
        assertEquals(RefundDenial.APPLIED_AFTER_WINDOW, late.denial());
    }

    /**
     * Over two years of issuance instants, seven hours apart, in a zone with DST and holidays: the
     * window always ends at local midnight starting day 31, and the latest safe date is exactly
     * the last date whose SLA still fits inside the window.
     */
    @Test
    void windowAndSafeDateHoldForEveryIssuanceOverTwoYears() {
        BusinessCalendar calendar = new BusinessCalendar(NEW_YORK,
                Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-07-05"), LocalDate.parse("2027-11-25")));
        RefundPolicy policy = new RefundPolicy(calendar, 30, 5);
        for (Instant issued = Instant.parse("2026-01-01T00:00:00Z"); issued.isBefore(Instant.parse("2028-01-01T00:00:00Z"));
                issued = issued.plus(Duration.ofHours(7))) {
            RefundWindow window = policy.windowFor(issued);
            LocalDate issueDate = issued.atZone(NEW_YORK).toLocalDate();
            assertEquals(issueDate.plusDays(31).atStartOfDay(NEW_YORK).toInstant(), window.end());
            assertTrue(window.isOpenAt(window.end().minusMillis(1)));
            assertFalse(window.isOpenAt(window.end()));
            LocalDate safe = window.latestSafeApplyDate().orElseThrow();
            assertFalse(calendar.addBusinessDays(safe, 5).isAfter(window.lastDay()), "SLA fits");
            assertTrue(calendar.addBusinessDays(safe.plusDays(1), 5).isAfter(window.lastDay()), "latest such date");
            assertEquals(RefundOutlook.ELIGIBLE, policy.outlook(issued, calendar.startOf(safe.plusDays(1)).minusMillis(1)));
            assertEquals(RefundOutlook.AT_RISK, policy.outlook(issued, calendar.startOf(safe.plusDays(1))));
        }
    }

    private static Instant zonedAt(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
