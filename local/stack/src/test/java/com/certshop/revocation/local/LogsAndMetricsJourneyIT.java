package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What an operator reads: one journey through every kind of path (a listing, a download, a
 * refusal, malformed input, a DV revocation refunded, an OV revocation confirmed through the
 * mailed link, a CA rejection, a stored item that cannot be read) with the real function jars on
 * the local stack, and then the functions' own output: one JSON line per request and step with
 * the documented fields, its metrics in Embedded Metric Format, and no credential anywhere.
 */
class LogsAndMetricsJourneyIT {
    private static final Duration WORKFLOW = Duration.ofSeconds(60);
    private static final Set<String> OUTCOMES = Set.of("OK", "REFUSED", "FAILED");

    private static FunctionOutput output;
    private static Journey journey;
    private static Instant started;
    private static String aliceToken;
    private static List<String> confirmationTokens = new ArrayList<>();
    private static String downloadedPem;
    private static Certificate dv;
    private static Certificate ov;
    private static Certificate rejected;
    private static Certificate downloaded;
    private static List<Map<String, Object>> lines;

    @BeforeAll
    static void journey() {
        started = Instant.now();
        output = FunctionOutput.capture();
        try {
            journey = Journey.start("CaPollMaxSeconds", 1);
            EmulatedStack stack = journey.stack;
            aliceToken = stack.issueToken(TestCertificates.ACCOUNT_A.value(), "alice@corp.example");
            Api alice = journey.as(aliceToken);
            Api anonymous = journey.as(null);
            dv = issued(stack, ValidationType.DV);
            ov = issued(stack, ValidationType.OV);
            rejected = issued(stack, ValidationType.DV);
            downloaded = issued(stack, ValidationType.DV);

            assertEquals(200, alice.get("/certificates").status());
            Api.Response pem = alice.get("/certificates/" + downloaded.id() + "/download");
            assertEquals(200, pem.status());
            downloadedPem = pem.body();
            assertEquals("REVOKE_FIRST", alice.delete("/certificates/" + downloaded.id()).errorCode());
            assertEquals("INVALID_JSON", alice.post("/certificates/" + dv.id() + "/revocation", "{\"reason\":").errorCode());

            assertEquals(202, alice.post("/certificates/" + dv.id() + "/revocation", "{\"reason\":\"keyCompromise\"}").status());
            stack.data().scriptCa(rejected.id(),
                    SimulatedCertificateAuthority.Script.rejectAfter(Duration.ofSeconds(1), "serial not found"));
            assertEquals(202, alice.post("/certificates/" + rejected.id() + "/revocation", "{\"reason\":\"superseded\"}").status());
            assertEquals(202, alice.post("/certificates/" + ov.id() + "/revocation", "{\"reason\":\"superseded\"}").status());
            String link = journey.confirmationLink(ov, WORKFLOW);
            confirmationTokens.add(Journey.tokenOf(link));
            assertEquals(200, anonymous.get(link.substring(link.indexOf("/revocations"))).status());
            assertEquals(200, anonymous.postForm("/revocations/confirm", "token=" + Journey.tokenOf(link) + "&answer=confirm")
                    .status());

            Api.poll(WORKFLOW, () -> status(alice, dv) + status(alice, ov) + status(alice, rejected),
                    "REVOKEDREVOKEDREVOCATION_FAILED"::equals);
            stack.runRefundCheck();

            // A stored item that no version of the code wrote: the request fails with a code of its own.
            try (DynamoDbClient dynamo = EmulatedStack.client(DynamoDbClient.builder(), stack.motoEndpoint())) {
                UnreadableItem.make(dynamo, stack.tableName(), downloaded);
            }
            assertEquals("CERTIFICATE_UNREADABLE", alice.get("/certificates/" + downloaded.id()).errorCode());
            // The CA check's line for the revocations it completed is written once its run ends.
            Api.poll(WORKFLOW, () -> output.logLines().stream().filter(l -> "CA check".equals(l.get("message")))
                    .mapToInt(l -> ((Number) l.get("revoked")).intValue()).sum(), revoked -> revoked >= 2);
        } finally {
            if (journey != null) {
                journey.close();
            }
            output.close();
        }
        lines = output.logLines();
        System.out.println("logs and metrics journey: " + lines.size() + " structured lines, "
                + lines.stream().filter(l -> l.containsKey("_aws")).count() + " with embedded metrics");
    }

    @AfterAll
    static void stop() {
        if (output != null) {
            output.close();
        }
    }

    private static Certificate issued(EmulatedStack stack, ValidationType type) {
        String id = type.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return stack.data().add(TestCertificates.issued(id, type, Instant.now().minus(Duration.ofDays(3))));
    }

    private static String status(Api alice, Certificate c) {
        return String.valueOf(alice.get("/certificates/" + c.id()).json().get("status"));
    }

    private static List<Map<String, Object>> lines(Predicate<Map<String, Object>> which) {
        return lines.stream().filter(which).toList();
    }

    private static Map<String, Object> requestLine(String route, Certificate c, int status) {
        List<Map<String, Object>> found = lines(l -> "request".equals(l.get("message")) && route.equals(l.get("route"))
                && c.id().value().equals(l.get("certificateId")) && Integer.valueOf(status).equals(l.get("status")));
        assertEquals(1, found.size(), route + " " + c.id() + " " + status + ": " + found);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    @Test
    void everyRequestAndStepWritesOneLineWithTheDocumentedFields() {
        for (Map<String, Object> line : lines) {
            String message = (String) line.get("message");
            if (message.endsWith(": item skipped")) {
                // An item a scheduled run left for its next run: a line of its own, beside the run's.
                assertEquals("ERROR", line.get("level"), line.toString());
                assertEquals("FAILED", line.get("outcome"), line.toString());
                assertNotNull(line.get("errorCode"), line.toString());
                assertNotNull(line.get("exception"), line.toString());
                continue;
            }
            assertTrue(Set.of("request", "workflow step", "CA check", "refund check").contains(message), line.toString());
            Instant at = Instant.parse((String) line.get("timestamp"));
            assertFalse(at.isBefore(started), line.toString());
            assertTrue(Set.of("INFO", "ERROR").contains(line.get("level")), line.toString());
            assertNotNull(line.get("requestId"), line.toString());
            assertTrue(OUTCOMES.contains(line.get("outcome")), line.toString());
            assertTrue(line.get("durationMs") instanceof Number, line.toString());
            assertEquals(!"OK".equals(line.get("outcome")), line.containsKey("errorCode"), line.toString());
            if ("request".equals(message)) {
                assertNotNull(line.get("route"), line.toString());
                assertTrue(line.get("status") instanceof Number, line.toString());
            }
            if (line.containsKey("accountHash")) {
                assertTrue(((String) line.get("accountHash")).matches("[0-9a-f]{16}"), line.toString());
            }
        }

        Map<String, Object> submitted = requestLine("POST /certificates/{id}/revocation", dv, 202);
        assertEquals("OK", submitted.get("outcome"));
        assertEquals("INFO", submitted.get("level"));
        assertEquals(1, submitted.get("RevocationsSubmitted"));
        assertEquals(requestLine("GET /certificates/{id}/download", downloaded, 200).get("accountHash"),
                submitted.get("accountHash"), "one account, one hash");

        Map<String, Object> refused = requestLine("DELETE /certificates/{id}", downloaded, 409);
        assertEquals("REFUSED", refused.get("outcome"));
        assertEquals("REVOKE_FIRST", refused.get("errorCode"));
        assertEquals(1, refused.get("ClientErrors"));
        assertEquals("INVALID_JSON", requestLine("POST /certificates/{id}/revocation", dv, 400).get("errorCode"));
        assertEquals("OK", lines(l -> "POST /revocations/confirm".equals(l.get("route"))).get(0).get("outcome"));

        assertEquals(1, lines(l -> "workflow step".equals(l.get("message")) && "requestConfirmation".equals(l.get("step"))
                && ov.id().value().equals(l.get("certificateId")) && "OK".equals(l.get("outcome"))).size());
        assertTrue(lines(l -> "workflow step".equals(l.get("message")) && "submitToCa".equals(l.get("step"))
                && dv.id().value().equals(l.get("certificateId"))).size() >= 1);
        Map<String, Object> refundCheck = lines(l -> "refund check".equals(l.get("message"))
                && !"snapstart-priming".equals(l.get("requestId"))).get(0);
        assertTrue(((Number) refundCheck.get("refunded")).intValue() >= 1, refundCheck.toString());
        assertEquals(List.of(), refundCheck.get("needAttention"));
        assertEquals(0, refundCheck.get("NeedAttention"));
    }

    @Test
    void aFailureIsOneErrorEventWithItsStackTraceInAField() {
        Map<String, Object> failed = requestLine("GET /certificates/{id}", downloaded, 500);
        assertEquals("ERROR", failed.get("level"));
        assertEquals("FAILED", failed.get("outcome"));
        assertEquals("CERTIFICATE_UNREADABLE", failed.get("errorCode"));
        assertEquals(1, failed.get("ServerErrors"));
        Map<String, Object> exception = cast(failed.get("exception"));
        assertEquals("com.certshop.revocation.domain.port.UnreadableCertificateException", exception.get("type"));
        String trace = (String) exception.get("stackTrace");
        assertTrue(trace.contains("\n\tat com.certshop.revocation."), trace);
        assertFalse(output.text().contains("\tat com.certshop.revocation.http.ApiHandler"),
                "no stack trace line of its own outside the event");
    }

    @Test
    void theMetricsAreEmbeddedMetricFormatAndFollowTheFunnel() {
        Map<String, Double> totals = new java.util.TreeMap<>();
        List<Object> timesToRevoked = new ArrayList<>();
        Set<String> namespaces = new java.util.TreeSet<>();
        for (Map<String, Object> line : lines(l -> l.containsKey("_aws"))) {
            Map<String, Object> aws = cast(line.get("_aws"));
            long timestamp = ((Number) aws.get("Timestamp")).longValue();
            assertTrue(timestamp >= started.toEpochMilli() && timestamp <= Instant.now().toEpochMilli(), line.toString());
            List<Map<String, Object>> directives = cast(aws.get("CloudWatchMetrics"));
            assertFalse(directives.isEmpty(), line.toString());
            for (Map<String, Object> directive : directives) {
                assertEquals(Set.of("Namespace", "Dimensions", "Metrics"), directive.keySet(), line.toString());
                namespaces.add((String) directive.get("Namespace"));
                for (List<String> dimensionSet : LogsAndMetricsJourneyIT.<List<List<String>>>cast(directive.get("Dimensions"))) {
                    dimensionSet.forEach(d -> assertTrue(line.get(d) instanceof String, d + " has its value in " + line));
                }
                for (Map<String, Object> metric : LogsAndMetricsJourneyIT.<List<Map<String, Object>>>cast(directive.get("Metrics"))) {
                    String name = (String) metric.get("Name");
                    assertTrue(Set.of("Count", "Seconds").contains(metric.get("Unit")), line.toString());
                    Object value = line.get(name);
                    List<Object> values = value instanceof List<?> list ? cast(list) : List.of(value);
                    values.forEach(v -> assertTrue(v instanceof Number, name + " is a number in " + line));
                    values.forEach(v -> totals.merge(name, ((Number) v).doubleValue(), Double::sum));
                    if (name.equals("TimeToRevoked")) {
                        timesToRevoked.addAll(values);
                    }
                }
            }
        }
        assertEquals(1, namespaces.size(), namespaces.toString());
        assertTrue(namespaces.iterator().next().startsWith("CertShop/"), namespaces.toString());
        System.out.println("embedded metrics of the journey: " + totals);
        assertEquals(3.0, totals.get("RevocationsSubmitted"), totals.toString());
        assertEquals(1.0, totals.get("RevocationsConfirmed"), totals.toString());
        assertEquals(2.0, totals.get("RevocationsRevoked"), totals.toString());
        assertEquals(1.0, totals.get("RevocationsRejectedByCa"), totals.toString());
        assertTrue(totals.getOrDefault("RefundsSettled", 0.0) >= 1, totals.toString());
        assertEquals(2, timesToRevoked.size());
        timesToRevoked.forEach(t -> assertTrue(((Number) t).doubleValue() > 0 && ((Number) t).doubleValue() < 120, t.toString()));
        assertTrue(totals.get("CaRequests") >= 3, totals.toString());
        assertTrue(totals.get("ClientErrors") >= 2, totals.toString());
        assertEquals(1.0, totals.get("ServerErrors"), totals.toString());
    }

    @Test
    void noTokenJwtPemOrAccountIsInAnythingTheFunctionsWrote() {
        String all = output.text();
        assertFalse(all.contains(aliceToken), "the bearer JWT");
        assertFalse(all.contains(aliceToken.substring(aliceToken.lastIndexOf('.') + 1)), "the JWT's signature");
        confirmationTokens.forEach(token -> assertFalse(all.contains(token), "a confirmation token"));
        assertFalse(all.contains("-----BEGIN"), "a PEM");
        String body = downloadedPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(all.contains(body), "the downloaded certificate");
        assertFalse(all.contains("PRIVATE KEY"), "a private key");
        // The account is a field only as its hash. An exception may name a stored item's key, which
        // holds the account: that key is what an operator needs to repair the item.
        lines.forEach(line -> line.forEach((name, value) -> assertTrue(name.equals("exception")
                || !String.valueOf(value).contains(TestCertificates.ACCOUNT_A.value()), "the account is hashed: " + line)));
        lines.forEach(line -> assertFalse(line.containsKey("taskToken"), "no task token: " + line));
    }
}
