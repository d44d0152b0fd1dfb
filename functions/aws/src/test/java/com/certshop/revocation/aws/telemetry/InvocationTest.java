package com.certshop.revocation.aws.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.CaWait;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.CertificateAuthority;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationTest {
    private static final Instant ISSUED = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant APPLIED = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void theFunnelIsReadOffTheAuditEventsTheStoreRecorded() throws IOException {
        Certificate issued = TestCertificates.issued("c-1", ValidationType.DV, ISSUED);
        Transition submitted = Lifecycle.submit(issued, new RevocationRequest(RevocationReason.SUPERSEDED,
                Actor.customer(TestCertificates.ACCOUNT_A, "alice@corp.example"), "key-1"),
                RefundClaim.pending(RefundOutlook.ELIGIBLE, ISSUED.plus(Duration.ofDays(31))), APPLIED);
        Certificate revoking = submitted.after();
        Instant handedOver = APPLIED.plusSeconds(5);
        Transition sent = Lifecycle.sentToCa(revoking, 1, "ca-1", CaWait.begin("task", handedOver, handedOver), handedOver);
        Instant revokedAt = APPLIED.plusSeconds(90);
        Transition revoked = Lifecycle.revoked(sent.after(), 1,
                new RevocationEvidence("ocsp", revokedAt, 4, revokedAt), revokedAt);

        Map<String, Object> line;
        try (Invocation invocation = Telemetry.begin("workflow step", "req-1")) {
            Telemetry.committed(submitted);
            Telemetry.committed(sent);
            Telemetry.committed(revoked);
            invocation.silence();
            line = JSON.std.mapFrom(invocation.line(revokedAt));
        }
        assertEquals(1, line.get("RevocationsSubmitted"));
        assertEquals(1, line.get("RevocationsRevoked"));
        assertEquals(90, line.get("TimeToRevoked"), "seconds from the application to REVOKED");
        assertFalse(line.containsKey("SUBMITTED_TO_CA"), "a hand-over is in the trail, not in the funnel");
        assertTrue(Telemetry.current().isEmpty(), "closing the invocation ends it on this thread");
    }

    @Test
    void theLineNamesTheOutcomeAndHashesTheAccount() throws IOException {
        Map<String, Object> refused;
        try (Invocation invocation = Telemetry.begin("request", "req-2")) {
            invocation.field("route", "DELETE /certificates/{id}").account("account-a").field("certificateId", "c-1")
                    .field("ignored", null)
                    .threw(new DomainException(ErrorCode.REVOKE_FIRST, "revoke it first"))
                    .silence();
            refused = JSON.std.mapFrom(invocation.line(Instant.now()));
        }
        assertEquals("request", refused.get("message"));
        assertEquals("req-2", refused.get("requestId"));
        assertEquals("REFUSED", refused.get("outcome"));
        assertEquals("REVOKE_FIRST", refused.get("errorCode"));
        assertEquals("INFO", refused.get("level"));
        assertTrue(refused.get("durationMs") instanceof Number);
        assertFalse(refused.containsKey("exception"), "a refusal is no failure of ours");
        assertFalse(refused.containsKey("ignored"));
        String hash = (String) refused.get("accountHash");
        assertTrue(hash.matches("[0-9a-f]{16}"), hash);
        assertFalse(refused.toString().contains("account-a"));

        Map<String, Object> failed;
        try (Invocation invocation = Telemetry.begin("workflow step", "req-3")) {
            invocation.threw(new IllegalStateException("boom"));
            invocation.silence();
            failed = JSON.std.mapFrom(invocation.line(Instant.now()));
        }
        assertEquals("FAILED", failed.get("outcome"));
        assertEquals("IllegalStateException", failed.get("errorCode"));
        assertEquals("ERROR", failed.get("level"));
        assertTrue(failed.containsKey("exception"));
    }

    @Test
    void aPrimingRunOutsideAnyInvocationPublishesNoMetrics() throws IOException {
        try (Invocation invocation = Telemetry.begin("refund check", null)) {
            invocation.metrics().count(Metric.NeedAttention, 1);
            invocation.silence();
            Map<String, Object> line = JSON.std.mapFrom(invocation.line(Instant.now()));
            assertEquals("snapstart-priming", line.get("requestId"));
            assertFalse(line.containsKey("_aws"));
        }
    }

    @Test
    void everyCaCallCountsAndAFailedHandOverCountsByKind() throws IOException {
        Certificate c = TestCertificates.issued("c-2", ValidationType.DV, ISSUED);
        List<Object> answers = new java.util.ArrayList<>(List.of(new HandOver.Rejected("no"),
                new CaUnavailableException("down"), new CaUnavailableException("later", Duration.ofSeconds(30), null),
                new HandOver.NotSent("no key")));
        CertificateAuthority ca = new ObservedCertificateAuthority(new CertificateAuthority() {
            @Override
            public HandOver requestRevocation(Certificate certificate) {
                Object next = answers.remove(0);
                if (next instanceof CaUnavailableException e) {
                    throw e;
                }
                return (HandOver) next;
            }

            @Override
            public CaStatus status(Certificate certificate) {
                throw new CaUnavailableException("status down");
            }
        });
        Map<String, Object> line;
        try (Invocation invocation = Telemetry.begin("CA check", "req-4")) {
            ca.requestRevocation(c);
            assertThrows(CaUnavailableException.class, () -> ca.requestRevocation(c));
            assertThrows(CaUnavailableException.class, () -> ca.requestRevocation(c));
            ca.requestRevocation(c);
            assertThrows(CaUnavailableException.class, () -> ca.status(c));
            invocation.silence();
            line = JSON.std.mapFrom(invocation.line(Instant.now()));
        }
        assertEquals(5, line.get("CaRequests"));
        assertEquals(3, line.get("CaErrors"));
        assertEquals(1, line.get("CaHandOverRejected"));
        assertEquals(1, line.get("CaHandOverUnavailable"));
        assertEquals(1, line.get("CaHandOverRetryAfter"));
        assertEquals(1, line.get("CaHandOverNotSent"));
    }
}
