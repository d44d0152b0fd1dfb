package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Journeys that hinge on time passing: a confirmation link nobody answers, and a refund window
 * that closes during the test. The window ends at local midnight in the business zone, so the
 * stack runs in a zone whose midnight falls half a minute after it starts (offsets may be given
 * to the second); certificates issued 31 local days earlier see their window close then.
 */
class TimeSensitiveJourneysIT {
    private static final Duration WORKFLOW = Duration.ofSeconds(90);
    private static Journey journey;
    private static EmulatedStack stack;
    private static Api alice;
    private static Executions executions;
    private static Instant windowEnd;
    private static ZoneOffset zone;

    @BeforeAll
    static void start() {
        windowEnd = Instant.now().plusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        int offset = (int) Math.floorMod(-windowEnd.getEpochSecond(), 86_400L);
        zone = ZoneOffset.ofTotalSeconds(offset > 64_800 ? offset - 86_400 : offset);
        journey = Journey.start("BusinessTimeZone", zone.getId(), "CaPollMaxSeconds", 2,
                "ConfirmationValiditySeconds", 3, "ConfirmationGraceSeconds", 2);
        stack = journey.stack;
        alice = journey.alice;
        executions = journey.executions;
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
    }

    /** A certificate whose refund window closes at {@link #windowEnd}: issued at noon, 31 local days before. */
    private static Certificate closingSoon(ValidationType type) {
        LocalDate issueDay = windowEnd.atOffset(zone).toLocalDate().minusDays(31);
        Instant issued = issueDay.atTime(12, 0).toInstant(zone);
        String id = "win-" + UUID.randomUUID().toString().substring(0, 8);
        return stack.data().add(TestCertificates.issued(id, TestCertificates.ACCOUNT_A, type, issued, issued.plus(Duration.ofDays(397))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> revocation(Certificate c) {
        return (Map<String, Object>) alice.get("/certificates/" + c.id()).json().get("revocation");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> refund(Certificate c) {
        return (Map<String, Object>) revocation(c).get("refund");
    }

    @Test
    void aConfirmationNobodyGivesLapsesAndUnlocksTheCertificate() {
        Certificate ov = stack.data().add(TestCertificates.issued("lapse-" + UUID.randomUUID().toString().substring(0, 8),
                ValidationType.OV, Instant.now().minus(Duration.ofDays(2))));
        assertEquals(202, alice.post("/certificates/" + ov.id() + "/revocation", "{\"reason\":\"superseded\"}").status());
        Api.poll(WORKFLOW, () -> stack.mailbox().messages().stream()
                .anyMatch(m -> m.subject().equals("Confirm the revocation of " + ov.commonName())), Boolean::booleanValue);

        Api.poll(WORKFLOW, () -> alice.get("/certificates/" + ov.id()).json().get("status"), "ISSUED"::equals);
        assertEquals("CONFIRMATION_TIMED_OUT", revocation(ov).get("lapseCause"));
        assertEquals(200, alice.get("/certificates/" + ov.id() + "/download").status());
        assertTrue(stack.mailbox().messages().stream()
                .anyMatch(m -> m.subject().equals("Revocation of " + ov.commonName() + " was not carried out")));
        Api.poll(WORKFLOW, () -> executions.of(ov), e -> e.equals(List.of("SUCCEEDED")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyARevocationCompletedBeforeTheWindowClosesIsRefundedAndOnlyOnce() {
        Certificate inTime = closingSoon(ValidationType.DV);
        Certificate late = closingSoon(ValidationType.DV);
        // The CA finishes the second one 10 seconds after the window has closed.
        long lateDelay = Duration.between(Instant.now(), windowEnd).toSeconds() + 10;
        stack.data().scriptCa(late.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ofSeconds(lateDelay)));

        Map<String, Object> outlook = (Map<String, Object>) alice.get("/certificates/" + inTime.id()).json().get("refundWindow");
        assertEquals(windowEnd.toString(), outlook.get("endsAt"));
        Api.Response applied = alice.post("/certificates/" + inTime.id() + "/revocation", "{\"reason\":\"superseded\"}");
        assertEquals("AT_RISK", applied.json().get("refundOutlook"), "fewer than 5 business days are left");
        assertEquals("REFUND_AT_RISK", ((Map<String, Object>) applied.json().get("warning")).get("code"));
        alice.post("/certificates/" + late.id() + "/revocation", "{\"reason\":\"superseded\"}");

        Api.poll(WORKFLOW, () -> alice.get("/certificates/" + inTime.id()).json().get("status"), "REVOKED"::equals);
        Api.poll(WORKFLOW, () -> alice.get("/certificates/" + late.id()).json().get("status"), "REVOKED"::equals);
        assertTrue(Instant.parse(revocation(inTime).get("revokedAt").toString()).isBefore(windowEnd));
        assertTrue(!Instant.parse(revocation(late).get("revokedAt").toString()).isBefore(windowEnd));

        stack.runRefundCheck();
        stack.runRefundCheck();
        assertEquals("REFUNDED", refund(inTime).get("status"));
        assertEquals("NOT_ELIGIBLE", refund(late).get("status"));
        assertEquals("COMPLETED_AFTER_WINDOW", refund(late).get("denial"));
        assertEquals(1L, stack.mailbox().messages().stream()
                .filter(m -> m.subject().equals("Refund decision for " + inTime.commonName())).count());
    }
}
