package com.certshop.revocation.domain.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate THANKSGIVING = LocalDate.parse("2026-11-26");
    private static final LocalDate CHRISTMAS = LocalDate.parse("2026-12-25");
    private static final LocalDate NEW_YEAR = LocalDate.parse("2027-01-01");
    private final BusinessCalendar calendar = new BusinessCalendar(NEW_YORK, Set.of(THANKSGIVING, CHRISTMAS, NEW_YEAR));

    @Test
    void weekendsAndHolidaysAreNotBusinessDays() {
        assertTrue(calendar.isBusinessDay(LocalDate.parse("2026-11-27")));   // Friday
        assertFalse(calendar.isBusinessDay(LocalDate.parse("2026-11-28")));  // Saturday
        assertFalse(calendar.isBusinessDay(LocalDate.parse("2026-11-29")));  // Sunday
        assertFalse(calendar.isBusinessDay(THANKSGIVING));                   // Thursday, holiday
    }

    @Test
    void addingBusinessDaysSkipsWeekendsAndHolidays() {
        LocalDate wednesday = LocalDate.parse("2026-11-25");
        assertEquals(wednesday, calendar.addBusinessDays(wednesday, 0));
        assertEquals(LocalDate.parse("2026-11-27"), calendar.addBusinessDays(wednesday, 1)); // over Thanksgiving
        assertEquals(LocalDate.parse("2026-12-03"), calendar.addBusinessDays(wednesday, 5)); // and a weekend
        LocalDate friday = LocalDate.parse("2026-12-18");
        assertEquals(LocalDate.parse("2026-12-28"), calendar.addBusinessDays(friday, 5));    // Christmas inside
        assertThrows(IllegalArgumentException.class, () -> calendar.addBusinessDays(friday, -1));
    }

    @Test
    void countsTheBusinessDaysThatHaveElapsed() {
        assertEquals(1, calendar.businessDaysBetween(LocalDate.parse("2026-11-27"), LocalDate.parse("2026-11-30")));
        assertEquals(0, calendar.businessDaysBetween(LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-29")));
        assertEquals(0, calendar.businessDaysBetween(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-11-30")));
        assertEquals(0, calendar.businessDaysBetween(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-11-30")));
        assertEquals(3, calendar.businessDaysBetween(LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-30"))); // Wed, Fri, Mon
    }

    @Test
    void instantsCountInTheBusinessZone() {
        // 03:00 UTC on Friday the 27th is still Thursday the 26th (Thanksgiving) in New York.
        Instant lateThursdayInNewYork = Instant.parse("2026-11-27T03:00:00Z");
        assertEquals(THANKSGIVING, calendar.dateOf(lateThursdayInNewYork));
        assertEquals(1, calendar.businessDaysBetween(lateThursdayInNewYork, Instant.parse("2026-11-27T15:00:00Z")));
        assertEquals(Instant.parse("2026-11-27T05:00:00Z"), calendar.startOf(LocalDate.parse("2026-11-27")));
        // Five business days from Thanksgiving: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 → ends at the start of Fri 4.
        assertEquals(Instant.parse("2026-12-04T05:00:00Z"), calendar.endOfBusinessDays(lateThursdayInNewYork, 5));
    }

    @Test
    void readsAHolidayList() {
        assertEquals(Set.of(CHRISTMAS, NEW_YEAR), BusinessCalendar.parseHolidays(" 2026-12-25, 2027-01-01 "));
        assertEquals(Set.of(CHRISTMAS, NEW_YEAR), BusinessCalendar.parseHolidays("2026-12-25 2027-01-01"));
        assertEquals(Set.of(), BusinessCalendar.parseHolidays(""));
        assertEquals(Set.of(), BusinessCalendar.parseHolidays(null));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.parseHolidays("25/12/2026"));
    }

    /**
     * Properties checked over every start date of three years and every n up to 15: adding n
     * business days lands on a business day exactly n business days later, and on the first such day.
     */
    @Test
    void addAndCountAgreeOnEveryDateOfThreeYears() {
        for (LocalDate start = LocalDate.parse("2026-01-01"); start.isBefore(LocalDate.parse("2029-01-01"));
                start = start.plusDays(1)) {
            LocalDate previous = start;
            for (int n = 1; n <= 15; n++) {
                LocalDate end = calendar.addBusinessDays(start, n);
                assertTrue(calendar.isBusinessDay(end), () -> "not a business day: " + end);
                assertTrue(end.isAfter(previous), "adding more days must land later");
                assertEquals(n, calendar.businessDaysBetween(start, end), () -> "count from " + end);
                assertEquals(n - 1, calendar.businessDaysBetween(start, end.minusDays(1)), "first such day");
                previous = end;
            }
        }
    }

    @Test
    void utcIsTheDefault() {
        BusinessCalendar utc = BusinessCalendar.utc();
        assertEquals(ZoneId.of("UTC"), utc.zone());
        assertEquals(LocalDate.parse("2026-11-27"), utc.dateOf(Instant.parse("2026-11-27T03:00:00Z")));
    }
}
