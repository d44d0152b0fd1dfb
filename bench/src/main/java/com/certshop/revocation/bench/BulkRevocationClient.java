package com.certshop.revocation.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The customer's side of a bulk revocation through the HTTP API: submit a selector, read a batch's report. */
final class BulkRevocationClient {
    private static final int RETRIES_AFTER_503 = 10;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final String token;

    BulkRevocationClient(URI api, String token) {
        this.api = api;
        this.token = token;
    }

    /** What the API answered to one selector request. */
    record Submitted(String batchId, int requested, boolean moreMatching) {
    }

    /** POST /revocations with a domain selector; a 202 is required. */
    Submitted revokeDomain(String domain, String idempotencyKey) {
        String body = "{\"reason\":\"keyCompromise\",\"selector\":{\"domain\":\"" + domain + "\"}}";
        Map<String, Object> answer = send(request("/revocations").header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(body)), 202);
        return new Submitted(String.valueOf(answer.get("batchId")), ((Number) answer.get("requested")).intValue(),
                Boolean.TRUE.equals(answer.get("moreMatching")));
    }

    /** The totals of GET /revocations/{batchId}: how many items have each outcome (QUEUED, ACCEPTED, REVOKED...). */
    @SuppressWarnings("unchecked")
    Map<String, Object> totals(String batchId) {
        return (Map<String, Object>) send(request("/revocations/" + batchId).GET(), 200).get("totals");
    }

    private HttpRequest.Builder request(String path) {
        // A report of 1,000 items reads each certificate: give it time on a busy emulator.
        return HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token);
    }

    /**
     * Sends, and sends again after a 503 as the API asks (a POST with the same Idempotency-Key is
     * applied once): on a busy emulator a request can outlast the functions' 8 s SDK timeout.
     */
    private Map<String, Object> send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int retry = 1; response.statusCode() == 503 && retry <= RETRIES_AFTER_503; retry++) {
                System.out.println("scale run: 503 from " + response.request().uri() + ", retry " + retry);
                Thread.sleep(RETRY_AFTER.toMillis());
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException("expected " + expected + " from " + response.request().uri() + ", got "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.std.mapFrom(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
