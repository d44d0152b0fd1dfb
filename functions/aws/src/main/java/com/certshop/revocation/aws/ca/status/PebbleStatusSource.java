package com.certshop.revocation.aws.ca.status;

import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.X509Details;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Map;
import java.util.Optional;

/**
 * The status source of Pebble, the local ACME CA, which has no OCSP responder: its management API's
 * {@code GET /cert-status-by-serial/{hex}} answers {@code {"Status": "Valid" | "Revoked", "Reason": 1,
 * "RevokedAt": "2026-11-27 11:15:00.653730939 +0000 UTC"}}, or 404 for a serial it never issued.
 */
public final class PebbleStatusSource implements RevocationStatusSource {
    /** Go's time.String(): the fraction loses trailing zeros, and vanishes when zero. */
    static final DateTimeFormatter GO_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern(" xx")
            .optionalStart().appendLiteral(' ').appendZoneText(TextStyle.SHORT).optionalEnd()
            .toFormatter();

    private final URI management;
    private final HttpClient http;
    private final Clock clock;

    /**
     * @param management the management API's base URL, e.g. {@code https://127.0.0.1:15000}
     * @param http       a client that trusts the management API's TLS certificate
     */
    public PebbleStatusSource(URI management, HttpClient http, Clock clock) {
        this.management = management;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public SerialStatus check(X509Details certificate) {
        URI uri = management.resolve("/cert-status-by-serial/" + certificate.serialNumber());
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CaUnavailableException("Pebble's management API could not be reached: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaUnavailableException("interrupted while asking Pebble", null, e);
        }
        if (response.statusCode() == 404) {
            return new SerialStatus.Unknown();
        }
        if (response.statusCode() != 200) {
            throw new CaUnavailableException("Pebble's management API answered " + response.statusCode(), null, null);
        }
        Map<String, Object> status;
        try {
            status = JSON.std.mapFrom(response.body());
        } catch (IOException e) {
            throw new CaUnavailableException("Pebble answered something other than JSON", null, e);
        }
        if (!"Revoked".equals(status.get("Status"))) {
            return new SerialStatus.Good();
        }
        Integer reason = status.get("Reason") instanceof Number n ? n.intValue() : null;
        return new SerialStatus.Revoked(new RevocationEvidence("Pebble " + uri, revokedAt(status.get("RevokedAt")),
                reason, clock.instant()));
    }

    @Override
    public Optional<String> cannotCheck(X509Details certificate) {
        return Optional.empty();
    }

    static Instant revokedAt(Object text) {
        try {
            return OffsetDateTime.parse(String.valueOf(text), GO_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Pebble's RevokedAt is not a Go time: " + text, e);
        }
    }
}
