package com.certshop.revocation.aws.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The document CloudWatch Logs extracts metrics from, exactly as the EMF specification reads it. */
class EmbeddedMetricsTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void theAwsObjectNamesEachMetricWithItsUnitAndTheValuesAreMembersOfTheEvent() throws IOException {
        EmbeddedMetrics metrics = new EmbeddedMetrics();
        metrics.count(Metric.RevocationsRevoked, 1);
        metrics.count(Metric.RevocationsRevoked, 2);
        metrics.observe(Metric.TimeToRevoked, 12.5);
        metrics.observe(Metric.TimeToRevoked, 30);
        metrics.count(Metric.ClientErrors, 1, Map.of("errorCode", "REVOKE_FIRST"));

        Map<String, Object> event = JSON.std.mapFrom(JSON.std.asString(metrics.members("CertShop/prod", AT)));

        assertEquals(Map.of("Timestamp", AT.toEpochMilli(), "CloudWatchMetrics", List.of(
                Map.of("Namespace", "CertShop/prod", "Dimensions", List.of(List.of()), "Metrics", List.of(
                        Map.of("Name", "RevocationsRevoked", "Unit", "Count"),
                        Map.of("Name", "TimeToRevoked", "Unit", "Seconds"))),
                Map.of("Namespace", "CertShop/prod", "Dimensions", List.of(List.of("errorCode")), "Metrics", List.of(
                        Map.of("Name", "ClientErrors", "Unit", "Count"))))), event.get("_aws"));
        assertEquals(3, event.get("RevocationsRevoked"), "counts in one event add up");
        assertEquals(List.of(12.5, 30), event.get("TimeToRevoked"), "observations stay apart, as an EMF array");
        assertEquals(1, event.get("ClientErrors"));
        assertEquals("REVOKE_FIRST", event.get("errorCode"), "a dimension's value is a member of the event");
    }

    @Test
    void oneEventHoldsOneValuePerDimensionAndEachMetricItsOwnUnit() {
        EmbeddedMetrics metrics = new EmbeddedMetrics();
        metrics.count(Metric.ClientErrors, 1, Map.of("errorCode", "REVOKE_FIRST"));
        assertThrows(IllegalArgumentException.class,
                () -> metrics.count(Metric.ServerErrors, 1, Map.of("errorCode", "INTERNAL_ERROR")));
        assertThrows(IllegalArgumentException.class, () -> metrics.count(Metric.TimeToRevoked, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.observe(Metric.RevocationsRevoked, 1));
    }
}
