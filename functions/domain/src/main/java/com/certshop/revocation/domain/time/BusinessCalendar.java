package com.certshop.revocation.domain.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Business days in the configured business time zone: Monday to Friday, minus a holiday list.
 * Instants are turned into dates in that zone, so "the day" of an event is the customer-facing
 * day, not the UTC one.
 */
public final class BusinessCalendar {
    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(ZoneId zone, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidays = Set.copyOf(holidays);
    }

    /** UTC, no holidays: the default when nothing is configured. */
    public static BusinessCalendar utc() {
        return new BusinessCalendar(ZoneId.of("UTC"), Set.of());
    }

    /**
     * Reads a holiday list written as ISO dates separated by commas or white space, e.g.
     * {@code "2026-12-25, 2027-01-01"}. Blank means none.
     */
    public static Set<LocalDate> parseHolidays(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        try {
            return Arrays.stream(text.trim().split("[,\\s]+"))
                    .map(LocalDate::parse)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("holidays must be ISO dates (yyyy-mm-dd) separated by commas: " + text, e);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** The calendar date of an instant in the business zone. */
    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The first instant of a date in the business zone (a DST gap at midnight moves it forward). */
    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    /**
     * The {@code n}-th business day strictly after {@code start}; {@code start} itself for n = 0.
     * Something handed over on {@code start} and taking n business days is done by the end of it.
     */
    public LocalDate addBusinessDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        LocalDate date = start;
        int remaining = n;
        while (remaining > 0) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                remaining--;
            }
        }
        return date;
    }

    /**
     * How many business days lie after {@code from} up to and including {@code to}: the business
     * days that have elapsed. Zero when {@code to} is not after {@code from}.
     */
    public int businessDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate date = from.plusDays(1); !date.isAfter(to); date = date.plusDays(1)) {
            if (isBusinessDay(date)) {
                count++;
            }
        }
        return count;
    }

    /** {@link #businessDaysBetween(LocalDate, LocalDate)} for the business-zone dates of two instants. */
    public int businessDaysBetween(Instant from, Instant to) {
        return businessDaysBetween(dateOf(from), dateOf(to));
    }

    /**
     * The exclusive end of a period of {@code n} business days that starts at {@code start}: the
     * start of the day after the n-th business day following the start's date.
     */
    public Instant endOfBusinessDays(Instant start, int n) {
        return startOf(addBusinessDays(dateOf(start), n).plusDays(1));
    }
}
