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
                env.requireInt(SettingBounds.REFUND_WINDOW_DAYS),
                env.requireInt(SettingBounds.CA_SLA_BUSINESS_DAYS),
                Duration.ofSeconds(env.requireInt(SettingBounds.CONFIRMATION_VALIDITY_SECONDS)),
                Duration.ofSeconds(env.requireInt(SettingBounds.CA_POLL_FIRST_SECONDS)),
                env.requireDouble(SettingBounds.CA_POLL_MULTIPLIER),
                Duration.ofSeconds(env.requireInt(SettingBounds.CA_POLL_MAX_SECONDS)),
                Duration.ofHours(env.requireInt(SettingBounds.CA_GRACE_HOURS)),
                Duration.ofSeconds(env.requireInt(SettingBounds.CA_HAND_OVER_BUDGET_SECONDS)));
    }
}
