package com.certshop.revocation.domain.model;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.model.CertificateStatus.AWAITING_CONFIRMATION;
import static com.certshop.revocation.domain.model.CertificateStatus.DELETED;
import static com.certshop.revocation.domain.model.CertificateStatus.ISSUED;
import static com.certshop.revocation.domain.model.CertificateStatus.REVOCATION_FAILED;
import static com.certshop.revocation.domain.model.CertificateStatus.REVOKED;
import static com.certshop.revocation.domain.model.CertificateStatus.REVOKING;
import static com.certshop.revocation.domain.model.CertificateStatus.UPLOADED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.TestCertificates;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LifecycleTest {
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-10T10:00:00Z");
    private static final Instant AFTER_EXPIRY = ISSUED_AT.plus(TestCertificates.VALIDITY).plus(Duration.ofDays(1));
    private static final Actor ALICE = Actor.customer(ACCOUNT_A, "alice");
    private static final Actor APPLICANT = Actor.applicant("admin@c.example.com");
    private static final CaWait WAIT = CaWait.begin("task-token", NOW, NOW.plusSeconds(60));
    private static final RefundClaim CLAIM = RefundClaim.pending(RefundOutlook.ELIGIBLE, Instant.parse("2026-12-03T00:00:00Z"));

    private static RevocationRequest request() {
        return new RevocationRequest(RevocationReason.KEY_COMPROMISE, ALICE, "key-1");
    }

    private static RevocationEvidence evidenceAt(Instant revokedAt) {
        return new RevocationEvidence("simulated CA", revokedAt, 4, revokedAt);
    }

    private static Certificate issued(ValidationType type) {
        return TestCertificates.issued("c", type, ISSUED_AT);
    }

    @Test
    void aLockedDownloadNamesTheDayTheRevocationWasAppliedFor() {
        Certificate applied = Lifecycle.submit(issued(ValidationType.DV), request(), CLAIM,
                Instant.parse("2026-09-03T23:59:59Z")).after();
        DomainException e = assertThrows(DomainException.class, () -> Lifecycle.requireDownloadable(applied));
        assertEquals(ErrorCode.CERTIFICATE_LOCKED, e.code());
        assertEquals("A revocation of this certificate was applied for on 3 Sep 2026 (UTC), so it can no longer be"
                + " viewed or downloaded.", e.getMessage());
    }

    /** The date is written by hand (see Lifecycle.MONTHS); the JDK's English formatter is the reference. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:00:00Z", "2026-02-28T12:00:00Z", "2027-03-31T23:59:59Z",
        "2026-04-09T08:00:00Z", "2026-05-31T00:00:00Z", "2026-06-15T00:00:00Z", "2026-07-04T00:00:00Z",
        "2026-08-31T00:00:00Z", "2026-09-30T00:00:00Z", "2026-10-01T00:00:00Z", "2026-11-11T00:00:00Z",
        "2099-12-31T23:59:59Z"})
    void aLockedDownloadsDateReadsAsTheEnglishFormatterWritesIt(String appliedAt) {
        Instant at = Instant.parse(appliedAt);
        Certificate issuedTheDayBefore = TestCertificates.issued("c", ValidationType.DV, at.minus(Duration.ofDays(1)));
        Certificate applied = Lifecycle.submit(issuedTheDayBefore, request(), CLAIM, at).after();
        String expected = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).format(at.atZone(ZoneOffset.UTC));
        assertTrue(assertThrows(DomainException.class, () -> Lifecycle.requireDownloadable(applied)).getMessage()
                .contains(" on " + expected + " (UTC),"));
    }

    // --- arrows out of ISSUED ---

    @ParameterizedTest
    @EnumSource(value = ValidationType.class, names = {"OV", "EV"})
    void ovAndEvGoToAwaitingConfirmation(ValidationType type) {
        Transition t = Lifecycle.submit(issued(type), request(), CLAIM, NOW);
        assertEquals(AWAITING_CONFIRMATION, t.after().status());
        assertTrue(t.after().revocation().confirmationRequired());
        assertEvent(t, EventType.REVOCATION_REQUESTED, ISSUED, AWAITING_CONFIRMATION, ALICE);
        assertEquals("keyCompromise", t.event().details().get("reason"));
        assertEquals("ELIGIBLE", t.event().details().get("refundOutlook"));
    }

    @Test
    void dvGoesStraightToRevoking() {
        Transition t = Lifecycle.submit(issued(ValidationType.DV), request(), CLAIM, NOW);
        assertEquals(REVOKING, t.after().status());
        Revocation r = t.after().revocation();
        assertFalse(r.confirmationRequired());
        assertEquals(1, r.attempt());
        assertEquals(NOW, r.requestedAt());
        assertEquals("key-1", r.idempotencyKey());
        assertEquals(ISSUED, r.resumeStatus());
        assertEquals(CLAIM, r.refund());
        assertEvent(t, EventType.REVOCATION_REQUESTED, ISSUED, REVOKING, ALICE);
    }

    @Test
    void everyTransitionBumpsTheVersionAndNumbersItsEventWithIt() {
        Certificate c = issued(ValidationType.OV);
        Transition t = Lifecycle.submit(c, request(), CLAIM, NOW);
        assertEquals(c.version() + 1, t.after().version());
        assertEquals(t.after().version(), t.event().sequence());
        assertEquals(c.status(), t.expectedStatus());
        assertEquals(c.version(), t.expectedVersion());
    }

    // --- AWAITING_CONFIRMATION ---

    @Test
    void confirmationSentKeepsTheStatusAndRemembersTheTaskToken() {
        Certificate awaiting = Lifecycle.submit(issued(ValidationType.OV), request(), CLAIM, NOW).after();
        Transition t = Lifecycle.confirmationSent(awaiting, 1, "task-token-1", NOW);
        assertEquals(AWAITING_CONFIRMATION, t.after().status());
        assertEquals("task-token-1", t.after().revocation().taskToken());
        assertEquals(NOW, t.after().revocation().confirmationSentAt());
        assertEvent(t, EventType.CONFIRMATION_SENT, AWAITING_CONFIRMATION, AWAITING_CONFIRMATION, Actor.SYSTEM);
    }

    @Test
    void confirmingHandsTheRevocationOn() {
        Certificate awaiting = Lifecycle.submit(issued(ValidationType.EV), request(), CLAIM, NOW).after();
        Transition t = Lifecycle.confirm(awaiting, 1, APPLICANT, NOW.plusSeconds(60));
        assertEquals(REVOKING, t.after().status());
        assertEquals(NOW.plusSeconds(60), t.after().revocation().confirmedAt());
        assertEvent(t, EventType.REVOCATION_CONFIRMED, AWAITING_CONFIRMATION, REVOKING, APPLICANT);
    }

    @ParameterizedTest
    @EnumSource(LapseCause.class)
    void aLapsedRevocationReturnsTheCertificateToIssuedAndUnlocksIt(LapseCause cause) {
        Certificate awaiting = Lifecycle.submit(issued(ValidationType.OV), request(), CLAIM, NOW).after();
        assertTrue(awaiting.status().locksDownload());
        Transition t = Lifecycle.lapse(awaiting, 1, cause, Actor.SYSTEM, NOW.plusSeconds(5));
        assertEquals(ISSUED, t.after().status());
        assertFalse(t.after().status().locksDownload());
        assertEquals(cause, t.after().revocation().lapseCause());
        assertNull(t.after().revocation().refund(), "nothing to refund for a revocation that never happened");
        assertEvent(t, EventType.REVOCATION_LAPSED, AWAITING_CONFIRMATION, ISSUED, Actor.SYSTEM);
        assertEquals(cause.name(), t.event().details().get("cause"));
    }

    @Test
    void theCustomerMayCancelOnlyWhileNothingHasGoneTowardsTheCa() {
        Certificate awaiting = Lifecycle.submit(issued(ValidationType.OV), request(), CLAIM, NOW).after();
        Transition t = Lifecycle.cancel(awaiting, true, ALICE, NOW);
        assertEquals(ISSUED, t.after().status());
        assertEquals(LapseCause.CANCELLED_BY_CUSTOMER, t.after().revocation().lapseCause());

        Certificate revoking = Lifecycle.confirm(awaiting, 1, APPLICANT, NOW).after();
        assertCode(ErrorCode.ALREADY_WITH_CA, () -> Lifecycle.cancel(revoking, true, ALICE, NOW));
        assertCode(ErrorCode.NO_REVOCATION_TO_CANCEL, () -> Lifecycle.cancel(issued(ValidationType.OV), false, ALICE, NOW));
    }

    @Test
    void aRevocationWhoseWorkflowNeverStartedMayBeCancelledUntilItReachesTheCa() {
        Certificate revoking = Lifecycle.submit(issued(ValidationType.DV), request(), CLAIM, NOW).after();
        Transition t = Lifecycle.cancel(revoking, false, ALICE, NOW);
        assertEquals(ISSUED, t.after().status());
        assertEquals(LapseCause.CANCELLED_BY_CUSTOMER, t.after().revocation().lapseCause());
        assertNull(t.after().revocation().refund(), "nothing to refund for a revocation that never happened");
        assertEquals(EventType.REVOCATION_LAPSED, t.event().type());

        assertCode(ErrorCode.ALREADY_WITH_CA, () -> Lifecycle.cancel(revoking, true, ALICE, NOW));
        Certificate atCa = Lifecycle.sentToCa(revoking, 1, "ca-1", WAIT, NOW).after();
        assertCode(ErrorCode.ALREADY_WITH_CA, () -> Lifecycle.cancel(atCa, false, ALICE, NOW));
    }

    // --- REVOKING ---

    @Test
    void theCaTakesItThenRevokesIt() {
        Certificate revoking = Lifecycle.submit(issued(ValidationType.DV), request(), CLAIM, NOW).after();
        Transition sent = Lifecycle.sentToCa(revoking, 1, "ca-77", WAIT, NOW.plusSeconds(1));
        assertEquals(REVOKING, sent.after().status());
        assertEquals("ca-77", sent.after().revocation().caRequestId());
        assertEvent(sent, EventType.SUBMITTED_TO_CA, REVOKING, REVOKING, Actor.SYSTEM);

        Instant revokedAt = NOW.plus(Duration.ofDays(2));
        RevocationEvidence evidence = new RevocationEvidence("OCSP http://ocsp.example", revokedAt, 1,
                revokedAt.plusSeconds(20));
        Transition done = Lifecycle.revoked(sent.after(), 1, evidence, revokedAt.plusSeconds(30));
        assertEquals(REVOKED, done.after().status());
        assertEquals(revokedAt, done.after().revocation().revokedAt());
        assertEquals(evidence, done.after().revocation().caEvidence(), "the CA's word is kept on the revocation");
        assertEquals(Map.of("attempt", "1", "revokedAt", revokedAt.toString(), "caReason", "keyCompromise",
                "requestedReason", "keyCompromise", "evidence", "OCSP http://ocsp.example",
                "checkedAt", revokedAt.plusSeconds(20).toString()),
                done.event().details());
        assertTrue(done.after().status().locksDownload());
        RefundClaim claim = done.after().revocation().refund();
        assertEquals(RefundStatus.PENDING, claim.status(), "settled by the refund check, not here");
        assertEquals(revokedAt.plusSeconds(30), claim.dueAt(), "due at once");
        assertEvent(done, EventType.REVOKED, REVOKING, REVOKED, Actor.CERTIFICATE_AUTHORITY);
    }

    @Test
    void waitingLongerForTheCaIsAQuietChange() {
        Certificate revoking = Lifecycle.submit(issued(ValidationType.DV), request(), CLAIM, NOW).after();
        CaWait later = WAIT.checked(NOW.plusSeconds(180));
        Transition t = Lifecycle.waitForCa(revoking, 1, later);
        assertEquals(REVOKING, t.after().status());
        assertEquals(later, t.after().revocation().caWait());
        assertEquals(revoking.version() + 1, t.after().version(), "a racer still loses");
        assertTrue(t.auditEvent().isEmpty());
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.waitForCa(revoking, 2, later));
    }

    @Test
    void anOverdueRevocationIsFlaggedAndKeepsRunning() {
        Certificate revoking = Lifecycle.submit(issued(ValidationType.DV), request(), CLAIM, NOW).after();
        Transition t = Lifecycle.overdue(revoking, 1, WAIT, NOW.plus(Duration.ofDays(8)));
        assertEquals(REVOKING, t.after().status());
        assertEquals(NOW.plus(Duration.ofDays(8)), t.after().revocation().overdueSince());
        assertEvent(t, EventType.REVOCATION_OVERDUE, REVOKING, REVOKING, Actor.SYSTEM);
    }

    @Test
    void aCaRejectionFailsTheRevocationAndTheCustomerMayApplyAgain() {
        Certificate revoking = Lifecycle.submit(issued(ValidationType.OV), request(), CLAIM, NOW).after();
        revoking = Lifecycle.confirm(revoking, 1, APPLICANT, NOW).after();
        Transition failed = Lifecycle.failed(revoking, 1, "domain validation failed", NOW.plusSeconds(9));
        assertEquals(REVOCATION_FAILED, failed.after().status());
        assertTrue(failed.after().status().locksDownload(), "it reached the CA: stays locked");
        assertNull(failed.after().revocation().refund());
        assertEvent(failed, EventType.REVOCATION_FAILED, REVOKING, REVOCATION_FAILED, Actor.CERTIFICATE_AUTHORITY);

        Transition again = Lifecycle.submit(failed.after(), request(), CLAIM, NOW.plusSeconds(60));
        assertEquals(AWAITING_CONFIRMATION, again.after().status());
        assertEquals(2, again.after().revocation().attempt());
        Transition lapsed = Lifecycle.lapse(again.after(), 2, LapseCause.CONFIRMATION_TIMED_OUT, Actor.SYSTEM, NOW);
        assertEquals(REVOCATION_FAILED, lapsed.after().status(), "a lapse restores the state before the attempt");
    }

    // --- deletion ---

    @Test
    void revokedAndUploadedCertificatesAreDeletedAsTombstones() {
        Certificate revoked = inState(REVOKED);
        Transition t = Lifecycle.delete(revoked, ALICE, NOW);
        assertEquals(DELETED, t.after().status());
        assertEquals(revoked.revocation(), t.after().revocation(), "the refund claim survives deletion");
        assertEvent(t, EventType.CERTIFICATE_DELETED, REVOKED, DELETED, ALICE);
        assertEquals(DELETED, Lifecycle.delete(inState(UPLOADED), ALICE, NOW).after().status());
    }

    static Stream<Arguments> deleteMatrix() {
        List<Arguments> rows = new ArrayList<>();
        for (boolean expired : new boolean[] {false, true}) {
            rows.add(Arguments.of(Origin.ISSUED, ISSUED, expired, expired ? null : ErrorCode.REVOKE_FIRST));
            rows.add(Arguments.of(Origin.ISSUED, AWAITING_CONFIRMATION, expired, ErrorCode.REVOCATION_IN_PROGRESS));
            rows.add(Arguments.of(Origin.ISSUED, REVOKING, expired, ErrorCode.REVOCATION_IN_PROGRESS));
            rows.add(Arguments.of(Origin.ISSUED, REVOKED, expired, null));
            rows.add(Arguments.of(Origin.ISSUED, REVOCATION_FAILED, expired, expired ? null : ErrorCode.REVOKE_FIRST));
            rows.add(Arguments.of(Origin.ISSUED, DELETED, expired, ErrorCode.CERTIFICATE_NOT_FOUND));
            rows.add(Arguments.of(Origin.UPLOADED, UPLOADED, expired, null));
            rows.add(Arguments.of(Origin.UPLOADED, DELETED, expired, ErrorCode.CERTIFICATE_NOT_FOUND));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} certificate in {1}, expired={2} → {3}")
    @MethodSource("deleteMatrix")
    void deleteMatrix(Origin origin, CertificateStatus status, boolean expired, ErrorCode refusal) {
        Certificate c = origin == Origin.UPLOADED && status == DELETED
                ? Lifecycle.delete(inState(UPLOADED), ALICE, NOW).after()
                : inState(status);
        assertEquals(origin, c.origin());
        Instant when = expired ? AFTER_EXPIRY : NOW;
        if (refusal == null) {
            assertEquals(DELETED, Lifecycle.delete(c, ALICE, when).after().status());
        } else {
            assertCode(refusal, () -> Lifecycle.delete(c, ALICE, when));
        }
    }

    // --- what may not be revoked ---

    @Test
    void uploadedCertificatesCannotBeRevoked() {
        assertCode(ErrorCode.UPLOADED_NOT_REVOCABLE, () -> Lifecycle.submit(inState(UPLOADED), request(), CLAIM, NOW));
    }

    @Test
    void expiredCertificatesCannotBeRevoked() {
        Certificate c = issued(ValidationType.DV);
        assertCode(ErrorCode.CERTIFICATE_EXPIRED, () -> Lifecycle.submit(c, request(), CLAIM, c.notAfter()));
        assertEquals(REVOKING, Lifecycle.submit(c, request(), CLAIM, c.notAfter().minusMillis(1)).after().status());
    }

    @Test
    void revokedInProgressAndDeletedCertificatesCannotBeRevokedAgain() {
        assertCode(ErrorCode.ALREADY_REVOKED, () -> Lifecycle.submit(inState(REVOKED), request(), CLAIM, NOW));
        assertCode(ErrorCode.REVOCATION_IN_PROGRESS,
                () -> Lifecycle.submit(inState(AWAITING_CONFIRMATION), request(), CLAIM, NOW));
        assertCode(ErrorCode.REVOCATION_IN_PROGRESS, () -> Lifecycle.submit(inState(REVOKING), request(), CLAIM, NOW));
        assertCode(ErrorCode.CERTIFICATE_NOT_FOUND, () -> Lifecycle.submit(inState(DELETED), request(), CLAIM, NOW));
    }

    // --- workflow steps arriving out of order ---

    @Test
    void workflowStepsOnlyApplyToTheirOwnStateAndAttempt() {
        Certificate awaiting = inState(AWAITING_CONFIRMATION);
        Certificate revoking = inState(REVOKING);
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.confirm(revoking, 1, APPLICANT, NOW));
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.confirm(awaiting, 2, APPLICANT, NOW));
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.sentToCa(awaiting, 1, "ca", WAIT, NOW));
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.revoked(awaiting, 1, evidenceAt(NOW), NOW));
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.lapse(revoking, 1, LapseCause.REJECTED_BY_APPLICANT,
                APPLICANT, NOW));
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.failed(issued(ValidationType.DV), 1, "x", NOW));
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.refundSettled(issued(ValidationType.DV),
                CLAIM.refunded("r", NOW), NOW));
    }

    @Test
    void aSettledRefundIsRecordedOnceWithoutChangingTheStatus() {
        Certificate revoked = inState(REVOKED);
        RefundClaim settled = revoked.revocation().refund().refunded("refund-1", NOW);
        Transition t = Lifecycle.refundSettled(revoked, settled, NOW);
        assertEquals(REVOKED, t.after().status());
        assertEquals(RefundStatus.REFUNDED, t.after().revocation().refund().status());
        assertEquals("refund-1", t.event().details().get("refundReference"));
        assertEvent(t, EventType.REFUND_SETTLED, REVOKED, REVOKED, Actor.SYSTEM);
        assertCode(ErrorCode.STEP_OUT_OF_ORDER, () -> Lifecycle.refundSettled(t.after(), settled, NOW));
        RefundClaim denied = revoked.revocation().refund().denied(RefundDenial.COMPLETED_AFTER_WINDOW, NOW);
        assertEquals("COMPLETED_AFTER_WINDOW", Lifecycle.refundSettled(revoked, denied, NOW).event().details().get("denial"));
    }

    /** A certificate brought into {@code status} through the lifecycle itself. */
    static Certificate inState(CertificateStatus status) {
        Certificate dv = TestCertificates.issued("c", ValidationType.DV, ISSUED_AT);
        return switch (status) {
            case ISSUED -> dv;
            case UPLOADED -> TestCertificates.uploaded("u", ISSUED_AT);
            case AWAITING_CONFIRMATION -> Lifecycle.submit(issued(ValidationType.OV), request(), CLAIM, NOW).after();
            case REVOKING -> Lifecycle.submit(dv, request(), CLAIM, NOW).after();
            case REVOKED -> Lifecycle.revoked(inState(REVOKING), 1, evidenceAt(NOW), NOW).after();
            case REVOCATION_FAILED -> Lifecycle.failed(inState(REVOKING), 1, "rejected", NOW).after();
            case DELETED -> Lifecycle.delete(inState(REVOKED), ALICE, NOW).after();
        };
    }

    private static void assertEvent(Transition t, EventType type, CertificateStatus from, CertificateStatus to,
            Actor actor) {
        assertEquals(type, t.event().type());
        assertEquals(from, t.event().fromStatus());
        assertEquals(to, t.event().toStatus());
        assertEquals(actor, t.event().actor());
        assertEquals(t.after().id(), t.event().certificateId());
    }

    private static void assertCode(ErrorCode expected, Executable action) {
        assertEquals(expected, assertThrows(DomainException.class, action).code());
    }
}
