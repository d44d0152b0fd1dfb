package com.certshop.revocation.aws.ca.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUnauthorizedException;
import org.shredzone.acme4j.toolbox.JSON;

/** Each ACME problem a revokeCert can meet, and what it means for the revocation. */
class AcmeProblemsTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Problem problem(String type, int status, String detail) {
        try {
            return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\"}"), new URL("https://ca.example/acme/revoke-cert"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void alreadyRevokedIsDoneAnIdempotentRetryAfterALostAnswer() {
        HandOver outcome = AcmeProblems.handOver(new AcmeServerException(problem("alreadyRevoked", 400,
                "Certificate has already been revoked.")), Optional.empty(), "revokeCert of serial 0A", CLOCK);
        assertEquals(new HandOver.Accepted("revokeCert of serial 0A"), outcome);
    }

    @ParameterizedTest
    @ValueSource(strings = {"badRevocationReason", "malformed"})
    void refusalsAreRejectionsThatKeepTheCasDetail(String type) {
        HandOver outcome = AcmeProblems.handOver(new AcmeServerException(problem(type, 400, "Invalid revocation reason: 7")),
                Optional.empty(), "ref", CLOCK);
        assertEquals(new HandOver.Rejected(type + ": Invalid revocation reason: 7"), outcome);
    }

    @Test
    void anAccountThatDidNotOrderTheCertificateIsRefused() {
        HandOver outcome = AcmeProblems.handOver(new AcmeUnauthorizedException(problem("unauthorized", 403,
                "The certificate being revoked is not associated with account 1")), Optional.empty(), "ref", CLOCK);
        assertEquals(new HandOver.Rejected("unauthorized: The certificate being revoked is not associated with account 1"),
                outcome);
    }

    @Test
    void rateLimitedIsTransientAndCarriesTheCasRetryAfter() {
        AcmeRateLimitedException limited = new AcmeRateLimitedException(problem("rateLimited", 429, "too many"),
                NOW.plusSeconds(3600), List.of());
        CaUnavailableException e = assertThrows(CaUnavailableException.class,
                () -> AcmeProblems.handOver(limited, Optional.empty(), "ref", CLOCK));
        assertEquals(Optional.of(Duration.ofHours(1)), e.retryAfter());
        assertTrue(e.getMessage().contains("rateLimited: too many"), e.getMessage());
    }

    @Test
    void aBusyServersRetryAfterHeaderIsHonouredForAnyTransientProblem() {
        CaUnavailableException e = assertThrows(CaUnavailableException.class, () -> AcmeProblems.handOver(
                new AcmeServerException(problem("serverInternal", 503, "maintenance")), Optional.of(NOW.plusSeconds(120)),
                "ref", CLOCK));
        assertEquals(Optional.of(Duration.ofMinutes(2)), e.retryAfter());
    }

    @Test
    void anUnknownProblemWithoutAStatusIsAskedAgainNotTakenAsARefusal() throws IOException {
        Problem bare = new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:somethingNew\"}"),
                new URL("https://ca.example/acme/revoke-cert"));
        assertThrows(CaUnavailableException.class,
                () -> AcmeProblems.handOver(new AcmeServerException(bare), Optional.empty(), "ref", CLOCK));
    }

    @Test
    void serverErrorsUnknownFiveHundredsAndTheNetworkAreTransientWithoutRetryAfter() {
        List<AcmeException> transients = List.of(
                new AcmeServerException(problem("serverInternal", 500, "oops")),
                new AcmeServerException(problem("somethingNew", 503, "maintenance")),
                new AcmeException("HTTP 502"),
                new AcmeNetworkException(new IOException("Connection refused")));
        for (AcmeException problem : transients) {
            CaUnavailableException e = assertThrows(CaUnavailableException.class,
                    () -> AcmeProblems.handOver(problem, Optional.empty(), "ref", CLOCK), problem.toString());
            assertEquals(Optional.empty(), e.retryAfter());
        }
    }

    @Test
    void anUnknownClientErrorIsARefusalNotAnEndlessRetry() {
        assertEquals(new HandOver.Rejected("rejectedIdentifier: no"), AcmeProblems.handOver(
                new AcmeServerException(problem("rejectedIdentifier", 400, "no")), Optional.empty(), "ref", CLOCK));
    }
}
