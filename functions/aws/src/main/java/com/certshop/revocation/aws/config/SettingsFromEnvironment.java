package com.certshop.revocation.aws.config;

import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.time.BusinessCalendar;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/** The business settings (README, "Refund rules") as template.yaml passes them to the functions. */
public final class SettingsFromEnvironment {
    public static final String BUSINESS_TIME_ZONE = "BUSINESS_TIME_ZONE";
    public static final String HOLIDAYS = "HOLIDAYS";
    public static final String REFUND_WINDOW_DAYS = "REFUND_WINDOW_DAYS";
    public static final String CA_SLA_BUSINESS_DAYS = "CA_SLA_BUSINESS_DAYS";
    public static final String CONFIRMATION_VALIDITY_SECONDS = "CONFIRMATION_VALIDITY_SECONDS";
    public static final String CA_POLL_FIRST_SECONDS = "CA_POLL_FIRST_SECONDS";
    public static final String CA_POLL_MULTIPLIER = "CA_POLL_MULTIPLIER";
    public static final String CA_POLL_MAX_SECONDS = "CA_POLL_MAX_SECONDS";
    public static final String CA_GRACE_HOURS = "CA_GRACE_HOURS";
    public static final String CA_HAND_OVER_BUDGET_SECONDS = "CA_HAND_OVER_BUDGET_SECONDS";

    private SettingsFromEnvironment() {
    }

    public static RevocationSettings read(Environment env) {
        ZoneId zone;
        try {
            zone = ZoneId.of(env.require(BUSINESS_TIME_ZONE));
        } catch (DateTimeException e) {
            throw new IllegalStateException(BUSINESS_TIME_ZONE + " must be a time zone id such as UTC or Europe/Berlin", e);
        }
        // HOLIDAYS may legitimately be empty, but it is always set so that no function silently
        // runs with a different calendar from the others.
        String holidays = env.optional(HOLIDAYS).orElse("");
        return new RevocationSettings(
                new BusinessCalendar(zone, BusinessCalendar.parseHolidays(holidays)),
                env.requireInt(REFUND_WINDOW_DAYS),
                env.requireInt(CA_SLA_BUSINESS_DAYS),
                Duration.ofSeconds(env.requireInt(CONFIRMATION_VALIDITY_SECONDS)),
                Duration.ofSeconds(env.requireInt(CA_POLL_FIRST_SECONDS)),
                env.requireDouble(CA_POLL_MULTIPLIER),
                Duration.ofSeconds(env.requireInt(CA_POLL_MAX_SECONDS)),
                Duration.ofHours(env.requireInt(CA_GRACE_HOURS)),
                Duration.ofSeconds(env.requireInt(CA_HAND_OVER_BUDGET_SECONDS)));
    }
}
