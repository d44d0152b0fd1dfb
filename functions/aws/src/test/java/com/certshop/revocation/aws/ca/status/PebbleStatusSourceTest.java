package com.certshop.revocation.aws.ca.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PebbleStatusSourceTest {
    @Test
    void readsGoTimeWhichDropsTrailingZerosOfTheFractionAndTheFractionItselfWhenZero() {
        assertEquals(Instant.parse("2026-11-27T11:15:00.653730939Z"),
                PebbleStatusSource.revokedAt("2026-11-27 11:15:00.653730939 +0000 UTC"));
        assertEquals(Instant.parse("2026-11-27T11:15:00.650Z"), PebbleStatusSource.revokedAt("2026-11-27 11:15:00.65 +0000 UTC"));
        assertEquals(Instant.parse("2026-11-27T10:15:00Z"), PebbleStatusSource.revokedAt("2026-11-27 11:15:00 +0100 CET"));
    }
}
