package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CA that calls back: revocations handed to Pebble over ACME complete when the CA's signed
 * callback names them, with the scheduled CA check switched off, so nothing else could have
 * completed them. Pebble itself has no callbacks; the test sends what such a CA sends, and the
 * service believes only Pebble's own status.
 */
class CaCallbackJourneyIT {
    private static final Duration WITHIN_A_MINUTE = Duration.ofSeconds(60);
    private static Journey journey;
    private static EmulatedStack stack;
    private static Api ca;
    private static CaCallbackSender sender;

    @BeforeAll
    static void start() {
        journey = Journey.withoutScheduledCaCheck("CaAdapter", "acme");
        stack = journey.stack;
        ca = journey.as(null);
        sender = new CaCallbackSender(stack);
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
    }

    /** A DV certificate ordered from Pebble three days ago, applied for now and handed over to Pebble. */
    private static Certificate handedOver() {
        String id = "dv-" + UUID.randomUUID().toString().substring(0, 8);
        String name = id + ".shop.example";
        Instant issued = Instant.now().minus(Duration.ofDays(3));
        Certificate c = stack.data().add(Certificate.issued(new CertificateId(id), TestCertificates.ACCOUNT_A, ValidationType.DV,
                stack.data().order(List.of(name), issued, issued.plus(Duration.ofDays(90))).pemChain(), "admin@" + name,
                "order-" + id, TestCertificates.PRICE));
        assertEquals(202, journey.alice.post("/certificates/" + id + "/revocation", "{\"reason\":\"keyCompromise\"}").status());
        Api.poll(WITHIN_A_MINUTE, () -> revocation(c).get("submittedToCaAt"), at -> at != null);
        return c;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> revocation(Certificate c) {
        return (Map<String, Object>) journey.alice.get("/certificates/" + c.id()).json().get("revocation");
    }

    private static Object status(Certificate c) {
        return journey.alice.get("/certificates/" + c.id()).json().get("status");
    }

    /** The serial number as a CA's tool may write it: lower case, pairs joined by colons. */
    private static String asTheCaWritesIt(Certificate c) {
        return String.join(":", c.x509().serialNumber().toLowerCase(Locale.ROOT).split("(?<=\\G..)"));
    }

    private static Api.Response callBack(String body, Map<String, String> headers) {
        return ca.post(CaCallbackSender.PATH, body, headers);
    }

    @Test
    void aSignedCallbackCompletesTheRevocationAtOnceAtTheCostOfAScheduledCheck() {
        Certificate dv = handedOver();
        assertEquals("REVOKING", status(dv), "no scheduled check runs, so only the callback can complete it");
        String body = "{\"type\":\"certificate.revoked\",\"serialNumber\":\"" + asTheCaWritesIt(dv) + "\"}";
        Map<String, String> delivery = sender.signed(body);

        Api.Response answer = callBack(body, delivery);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(Map.of("serialNumber", dv.x509().serialNumber(), "checked", 1, "revoked", 1, "failed", 0, "pending", 0),
                answer.json());
        assertEquals("REVOKED", status(dv), "recorded before the answer");
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>) revocation(dv).get("caEvidence");
        assertTrue(String.valueOf(evidence.get("source")).contains("/cert-status-by-serial/"), "Pebble's word: " + evidence);
        Api.poll(WITHIN_A_MINUTE, () -> stack.mailbox().messages().stream()
                .anyMatch(m -> m.subject().equals("Certificate " + dv.commonName() + " was revoked")), Boolean.TRUE::equals);
        Api.poll(WITHIN_A_MINUTE, () -> journey.executions.of(dv), List.of("SUCCEEDED")::equals);
        List<String> history = journey.executions.history(dv);
        long transitions = history.stream().filter(type -> type.endsWith("StateEntered")).count();
        long invocations = history.stream().filter(type -> type.equals("TaskScheduled") || type.equals("LambdaFunctionScheduled"))
                .count();
        System.out.printf("DV revocation completed by a CA callback: %d state transitions, %d workflow Lambda invocations%n",
                transitions, invocations);
        assertTrue(transitions <= 10, "state transitions: " + history);
        assertTrue(invocations <= 3, "workflow invocations: " + history);

        Api.Response again = callBack(body, delivery);
        assertEquals(200, again.status(), "a sender's retry of the same delivery");
        assertEquals(0, again.json().get("checked"), "nothing waits any more");
    }

    @Test
    void aCallbackNotSignedWithTheStacksSecretOrSignedLongAgoChangesNothing() {
        Certificate dv = handedOver();
        String body = "{\"serialNumber\":\"" + dv.x509().serialNumber() + "\"}";
        String forgedSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, Object> before = revocation(dv);

        for (Map<String, String> headers : List.of(Map.<String, String>of(),
                CaCallbackSender.signed(body, Instant.now(), forgedSecret),
                sender.signed(body.replace("}", " }")),
                CaCallbackSender.signed(body, Instant.now().minus(Duration.ofMinutes(6)), sender.secret()))) {
            Api.Response answer = callBack(body, headers);
            assertEquals(401, answer.status(), answer.body());
            assertEquals("INVALID_SIGNATURE", answer.errorCode());
        }
        assertEquals(before, revocation(dv));
        assertEquals("REVOKING", status(dv));
    }

    @Test
    void aCallbackWhileTheCaCannotBeAskedIsAnsweredComeBackLaterAndItsRetryCompletesTheRevocation() {
        Certificate dv = handedOver();
        String body = "{\"serialNumber\":\"" + dv.x509().serialNumber() + "\"}";
        stack.data().pauseCa();
        Api.Response answer;
        try {
            answer = callBack(body, sender.signed(body));
        } finally {
            stack.data().resumeCa();
        }
        assertEquals(503, answer.status(), answer.body());
        assertEquals("CA_UNAVAILABLE", answer.errorCode());
        assertNotNull(answer.header("Retry-After"));
        assertEquals("REVOKING", status(dv));

        Api.Response retried = callBack(body, sender.signed(body));
        assertEquals(200, retried.status(), retried.body());
        assertEquals("REVOKED", status(dv));
    }
}
