package com.certshop.revocation.aws.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLineTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUb3\nQ==\n-----END CERTIFICATE-----";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2NvdW50LWEifQ.c2lnbmF0dXJl";
    private static final String TOKEN = "q3Yz0bW4c5mX7o2f8Jp1r9dKs6tLv0uAe3gHi5jNk7Q";

    @Test
    void aLineIsOneJsonObjectWithRfc3339TimestampAndTheLevelLambdaFiltersOn() throws IOException {
        String line = LogLine.render(AT, LogLine.Level.INFO, Map.of("requestId", "r-1", "durationMs", 12), null);
        assertFalse(line.contains("\n"), line);
        Map<String, Object> fields = JSON.std.mapFrom(line);
        assertEquals("2026-11-27T10:15:30.123Z", fields.get("timestamp"));
        assertEquals("INFO", fields.get("level"));
        assertEquals("r-1", fields.get("requestId"));
        assertEquals(12, fields.get("durationMs"));
    }

    @Test
    void anExceptionIsOneFieldOfTheSameLineWithItsStackTrace() throws IOException {
        IllegalStateException error = new IllegalStateException("store broke", new RuntimeException("underneath"));
        String line = LogLine.render(AT, LogLine.Level.ERROR, Map.of("requestId", "r-2"), error);
        assertFalse(line.contains("\n"), "the stack trace's line breaks are escaped, so it stays one event");
        Map<String, Object> exception = cast(JSON.std.mapFrom(line).get("exception"));
        assertEquals("java.lang.IllegalStateException", exception.get("type"));
        assertEquals("store broke", exception.get("message"));
        String trace = (String) exception.get("stackTrace");
        assertTrue(trace.contains("at com.certshop.revocation.aws.telemetry.LogLineTest"), trace);
        assertTrue(trace.contains("Caused by: java.lang.RuntimeException: underneath"), trace);
    }

    @Test
    void noPemKeyJwtBearerOrConfirmationTokenLeavesInAnyFieldOrExceptionText() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("note", "downloaded " + PEM);
        fields.put("nested", Map.of("headers", List.of("Authorization: Bearer " + JWT)));
        fields.put("link", "https://api.example/revocations/confirm?token=" + TOKEN + "&answer=confirm");
        String line = LogLine.render(AT, LogLine.Level.ERROR, fields,
                new IllegalArgumentException("could not parse " + KEY + " for taskToken=" + TOKEN + " and " + JWT));
        for (String secret : List.of("BEGIN CERTIFICATE", "MIIBszCCAVmgAwIBAgIUb3", "PRIVATE KEY", "MIGHAgEAMBMGByqGSM49",
                JWT, "eyJzdWIiOiJhY2NvdW50LWEifQ", TOKEN)) {
            assertFalse(line.contains(secret), secret + " in " + line);
        }
        assertTrue(line.contains("token=[removed]&answer=confirm"), line);
        assertTrue(line.contains("Bearer [removed]"), line);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
