package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.local.pebble.AcmeOrdering;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Journeys with the real local CA: certificates really ordered from Pebble over ACME, revoked
 * through RFC 8555 revokeCert by the workflow, and REVOKED only once Pebble's own status says so.
 */
class AcmeJourneysIT {
    /** ACME revokes at once; a DV revocation must finish well inside this. */
    private static final Duration WITHIN_A_MINUTE = Duration.ofSeconds(60);
    private static Journey journey;
    private static EmulatedStack stack;
    private static Api alice;
    private static Api anonymous;

    @BeforeAll
    static void start() {
        // The first status check comes 3 s after the hand-over: time for a journey to take the CA down between them.
        journey = Journey.start("CaAdapter", "acme", "CaPollFirstSeconds", 3, "CaPollMaxSeconds", 3,
                "ConfirmationValiditySeconds", 60, "ConfirmationGraceSeconds", 2);
        stack = journey.stack;
        alice = journey.alice;
        anonymous = journey.as(null);
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
    }

    private record Bought(Certificate certificate, AcmeOrdering.Ordered ordered) {
        String path() {
            return "/certificates/" + certificate.id();
        }
    }

    /** A certificate the shop ordered from Pebble three days ago, as the order system hands it over. */
    private static Bought bought(ValidationType type) {
        String id = type.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String name = id + ".shop.example";
        Instant issued = Instant.now().minus(Duration.ofDays(3));
        AcmeOrdering.Ordered ordered = stack.data().order(List.of(name, "www." + name), issued,
                issued.plus(Duration.ofDays(90)));
        Certificate certificate = stack.data().add(Certificate.issued(new CertificateId(id), TestCertificates.ACCOUNT_A,
                type, ordered.pemChain(), "admin@" + name, "order-" + id, TestCertificates.PRICE));
        return new Bought(certificate, ordered);
    }

    private static Map<String, Object> view(Bought b) {
        return alice.get(b.path()).json();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> revocation(Bought b) {
        return (Map<String, Object>) view(b).get("revocation");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evidence(Bought b) {
        return (Map<String, Object>) revocation(b).get("caEvidence");
    }

    private static void awaitRevoked(Bought b) {
        Api.poll(WITHIN_A_MINUTE, () -> view(b).get("status"), "REVOKED"::equals);
    }

    /** What Pebble itself says about the certificate, from its management API. */
    private static Map<String, Object> atPebble(Bought b) {
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(stack.data().caTls()).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(stack.data().caManagement()
                    .resolve("/cert-status-by-serial/" + b.certificate().x509().serialNumber())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.std.mapFrom(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aDvRevocationIsCompleteWhenPebbleSaysSoWithItsTimeAndTheChosenReason() {
        Bought b = bought(ValidationType.DV);
        Instant applied = Instant.now();
        assertEquals(202, alice.post(b.path() + "/revocation", "{\"reason\":\"keyCompromise\"}").status());

        awaitRevoked(b);

        Map<String, Object> atPebble = atPebble(b);
        assertEquals("Revoked", atPebble.get("Status"));
        assertEquals(1, ((Number) atPebble.get("Reason")).intValue());
        Map<String, Object> evidence = evidence(b);
        assertEquals("keyCompromise", evidence.get("reason"));
        assertTrue(String.valueOf(evidence.get("source")).endsWith("/cert-status-by-serial/"
                + b.certificate().x509().serialNumber()), evidence.toString());
        Instant revokedAt = Instant.parse(String.valueOf(revocation(b).get("revokedAt")));
        assertEquals(revokedAt.toString(), evidence.get("revokedAt"), "the CA's own revocation time");
        assertTrue(!revokedAt.isBefore(applied.minusSeconds(1)) && revokedAt.isBefore(Instant.now()), revokedAt.toString());
    }

    @Test
    void anOvRevocationGoesToTheCaOnceTheApplicantConfirmsByMail() {
        Bought b = bought(ValidationType.OV);
        assertEquals("AWAITING_CONFIRMATION", alice.post(b.path() + "/revocation", "{\"reason\":\"superseded\"}").json()
                .get("status"));
        String link = journey.confirmationLink(b.certificate(), WITHIN_A_MINUTE);
        assertEquals("Valid", atPebble(b).get("Status"), "nothing reaches the CA before the confirmation");

        Api.Response answer = anonymous.postForm("/revocations/confirm", "token=" + Journey.tokenOf(link) + "&answer=confirm");
        assertEquals(200, answer.status(), answer.body());

        awaitRevoked(b);
        assertEquals(RevocationReason.SUPERSEDED.code(), ((Number) atPebble(b).get("Reason")).intValue());
        assertEquals("superseded", evidence(b).get("reason"));
    }

    @Test
    void aCaDownAtTheHandOverIsRetriedAndTheRevocationCompletesOnceItIsBack() {
        Bought b = bought(ValidationType.DV);
        stack.data().pauseCa();
        try {
            assertEquals(202, alice.post(b.path() + "/revocation", "{\"reason\":\"cessationOfOperation\"}").status());
            awaitCheckWhileCaDown(b);
            assertEquals("REVOKING", view(b).get("status"));
        } finally {
            stack.data().resumeCa();
        }
        awaitRevoked(b);
        assertEquals("cessationOfOperation", evidence(b).get("reason"));
        Api.poll(WITHIN_A_MINUTE, () -> journey.executions.of(b.certificate()), e -> e.equals(List.of("SUCCEEDED")));
    }

    @Test
    void aCaDownAfterTakingTheRevocationIsAskedAgainUntilItsStatusProvesItDone() {
        Bought b = bought(ValidationType.DV);
        assertEquals(202, alice.post(b.path() + "/revocation", "{\"reason\":\"affiliationChanged\"}").status());
        Api.poll(WITHIN_A_MINUTE, () -> revocation(b).get("submittedToCaAt"), at -> at != null);
        stack.data().pauseCa();
        try {
            awaitCheckWhileCaDown(b);
            assertEquals("REVOKING", view(b).get("status"), "revoked at the CA, but not proven yet");
        } finally {
            stack.data().resumeCa();
        }
        awaitRevoked(b);
        assertEquals("affiliationChanged", evidence(b).get("reason"));
        Api.poll(WITHIN_A_MINUTE, () -> journey.executions.of(b.certificate()), e -> e.equals(List.of("SUCCEEDED")));
    }

    /** Until the scheduled CA check has asked the CA (down since the call) about the certificate's revocation. */
    private static void awaitCheckWhileCaDown(Bought b) {
        int before = stack.data().caChecks(b.certificate());
        Api.poll(WITHIN_A_MINUTE, () -> stack.data().caChecks(b.certificate()), checks -> checks > before);
    }

    @Test
    void aCertificateItsKeyHolderRevokedAtTheCaFirstIsStillRevokedWithoutError() {
        Bought b = bought(ValidationType.DV);
        stack.data().revokeAsKeyHolder(b.ordered(), RevocationReason.KEY_COMPROMISE.code());

        assertEquals(202, alice.post(b.path() + "/revocation", "{\"reason\":\"superseded\"}").status());

        awaitRevoked(b);
        assertEquals("keyCompromise", evidence(b).get("reason"), "the reason the CA recorded stands");
        Api.poll(WITHIN_A_MINUTE, () -> journey.executions.of(b.certificate()), e -> e.equals(List.of("SUCCEEDED")));
    }
}
