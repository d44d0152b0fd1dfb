package com.certshop.revocation.aws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.RevocationSettings;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsFromEnvironmentTest {
    static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("BUSINESS_TIME_ZONE", "Europe/Berlin");
        env.put("HOLIDAYS", "2026-12-25,2026-12-26");
        env.put("REFUND_WINDOW_DAYS", "30");
        env.put("CA_SLA_BUSINESS_DAYS", "5");
        env.put("CONFIRMATION_VALIDITY_SECONDS", "259200");
        env.put("CA_POLL_FIRST_SECONDS", "60");
        env.put("CA_POLL_MULTIPLIER", "2");
        env.put("CA_POLL_MAX_SECONDS", "3600");
        env.put("CA_GRACE_HOURS", "48");
        env.put("CA_HAND_OVER_BUDGET_SECONDS", "900");
        return env;
    }

    @Test
    void readsEveryBusinessSetting() {
        RevocationSettings s = SettingsFromEnvironment.read(new Environment(complete()));
        assertEquals(ZoneId.of("Europe/Berlin"), s.calendar().zone());
        assertTrue(!s.calendar().isBusinessDay(LocalDate.parse("2026-12-25")));
        assertEquals(30, s.refundWindowDays());
        assertEquals(5, s.caSlaBusinessDays());
        assertEquals(Duration.ofHours(72), s.confirmationValidity());
        assertEquals(Duration.ofHours(1), s.caMaxPoll());
        assertEquals(Duration.ofHours(48), s.caGrace());
        assertEquals(Duration.ofMinutes(15), s.caHandOverBudget());
    }

    @Test
    void aMissingOrMalformedSettingFailsAtStartWithItsName() {
        Map<String, String> env = complete();
        env.remove("REFUND_WINDOW_DAYS");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> SettingsFromEnvironment.read(new Environment(env)));
        assertTrue(missing.getMessage().contains("REFUND_WINDOW_DAYS"));

        env.put("REFUND_WINDOW_DAYS", "thirty");
        assertTrue(assertThrows(IllegalStateException.class, () -> SettingsFromEnvironment.read(new Environment(env)))
                .getMessage().contains("thirty"));
        env.put("REFUND_WINDOW_DAYS", "30");
        env.put("BUSINESS_TIME_ZONE", "Mars/Olympus");
        assertTrue(assertThrows(IllegalStateException.class, () -> SettingsFromEnvironment.read(new Environment(env)))
                .getMessage().contains("BUSINESS_TIME_ZONE"));
    }

    @Test
    void anAbsurdSettingFailsAtStartWithItsNameAndRange() {
        Map<String, String> env = complete();
        env.put("CA_SLA_BUSINESS_DAYS", "2147483647");
        assertEquals("Environment variable CA_SLA_BUSINESS_DAYS is 2147483647; it must be between 0 and 60"
                + " (template.yaml's MinValue and MaxValue for it).", assertThrows(IllegalStateException.class,
                () -> SettingsFromEnvironment.read(new Environment(env))).getMessage());
        env.put("CA_SLA_BUSINESS_DAYS", "5");
        env.put("CA_POLL_MULTIPLIER", "0.5");
        assertTrue(assertThrows(IllegalStateException.class, () -> SettingsFromEnvironment.read(new Environment(env)))
                .getMessage().contains("CA_POLL_MULTIPLIER is 0.5; it must be between 1 and 10"));
        env.put("CA_POLL_MULTIPLIER", "NaN");
        assertTrue(assertThrows(IllegalStateException.class, () -> SettingsFromEnvironment.read(new Environment(env)))
                .getMessage().contains("CA_POLL_MULTIPLIER is NaN"));
    }
}
