package com.certshop.revocation.aws.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.UnreadableCertificateException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an operator reads about an item a scheduled run skipped: one JSON line of its own, beside the run's. */
class SkippedItemLogTest {

    @Test
    void anItemThatFailedIsOneErrorLineWithTheRunsRequestIdTheItemAndTheStackTrace() throws IOException {
        Certificate item = TestCertificates.issued("dv1", ValidationType.DV, Instant.parse("2026-11-01T00:00:00Z"));
        List<String> lines = printed(() -> {
            try (Invocation run = Telemetry.begin("CA check", "req-7")) {
                new SkippedItemLog("CA check: item skipped").skipped(Optional.of(item), new IllegalStateException("Step Functions is throttling"));
                run.silence();
            }
        });

        assertEquals(1, lines.size(), "the skipped item's line; the run itself was silenced here");
        Map<String, Object> line = JSON.std.mapFrom(lines.get(0));
        assertEquals("ERROR", line.get("level"));
        assertEquals("CA check: item skipped", line.get("message"));
        assertEquals("req-7", line.get("requestId"));
        assertEquals("FAILED", line.get("outcome"));
        assertEquals("dv1", line.get("certificateId"));
        assertEquals(Invocation.hash(item.accountId().value()), line.get("accountHash"));
        assertFalse(lines.get(0).contains(item.accountId().value()), "the account only hashed");
        assertEquals("IllegalStateException", line.get("errorCode"));
        @SuppressWarnings("unchecked")
        Map<String, Object> exception = (Map<String, Object>) line.get("exception");
        assertEquals("Step Functions is throttling", exception.get("message"));
        assertTrue(exception.get("stackTrace").toString().contains("SkippedItemLogTest"));
    }

    @Test
    void anItemThatCannotBeReadHasACodeOfItsOwnAndNoItemFields() throws IOException {
        List<String> lines = printed(() -> new SkippedItemLog("refund check: item skipped").skipped(Optional.empty(),
                new UnreadableCertificateException("CERT#a#dv0", new IllegalArgumentException("no status"))));

        Map<String, Object> line = JSON.std.mapFrom(lines.get(0));
        assertEquals("refund check: item skipped", line.get("message"));
        assertEquals("CERTIFICATE_UNREADABLE", line.get("errorCode"));
        assertFalse(line.containsKey("certificateId"));
        assertFalse(line.containsKey("accountHash"));
    }

    private static List<String> printed(Runnable action) {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(console);
        }
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
