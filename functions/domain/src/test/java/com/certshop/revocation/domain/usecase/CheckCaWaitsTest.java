package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.Mailer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduled CA check: the only poller, paced and bounded, completing the waiting runs' tokens. */
class CheckCaWaitsTest {
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T10:00:00Z");
    /** Tue 10 Nov: the 5-business-day SLA ends with Tue 17 Nov. */
    private static final Instant HANDED_OVER = Instant.parse("2026-11-10T10:00:00Z");
    private final DomainHarness h = new DomainHarness(HANDED_OVER.toString());

    /** A DV revocation handed to the CA now, its run waiting on {@code token-{id}}. */
    private Certificate handedOver(String id) {
        return h.handedOver(id, ISSUED_AT);
    }

    private CheckCaWaits.Report run() {
        return h.caChecks.run(() -> true);
    }

    @Test
    void checksBackOffThenTheRevocationIsRecordedAndTheRunEnded() {
        Certificate dv = handedOver("dv1");
        Instant revokedAt = Instant.parse("2026-11-10T10:05:00Z");
        h.ca.answers(new CaStatus.Pending(), new CaStatus.Pending(), ScriptedCertificateAuthority.revoked(revokedAt));

        assertEquals(new CheckCaWaits.Report(0, 0, 0, 0, 0, 0), run(), "nothing due before the first interval");
        h.clock.advance(Duration.ofSeconds(60));
        assertEquals(new CheckCaWaits.Report(1, 0, 0, 1, 0, 0), run());
        assertEquals(h.clock.instant().plusSeconds(120), h.reload(dv).revocation().caWait().nextCheckAt(), "doubled");
        h.clock.advance(Duration.ofSeconds(120));
        run();
        assertEquals(h.clock.instant().plusSeconds(240), h.reload(dv).revocation().caWait().nextCheckAt());
        h.clock.advance(Duration.ofSeconds(240));
        assertEquals(new CheckCaWaits.Report(1, 1, 0, 0, 0, 0), run());

        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOKED, after.status());
        assertEquals(revokedAt, after.revocation().revokedAt());
        assertEquals(List.of(Mailer.Notice.REVOKED), h.mailer.notices());
        assertEquals(List.of("token-dv1:HEARTBEAT", "token-dv1:HEARTBEAT", "token-dv1:REVOKED"), h.workflow.caWaitSignals());
        assertEquals(List.of(EventType.CERTIFICATE_ADDED, EventType.REVOCATION_REQUESTED, EventType.SUBMITTED_TO_CA,
                EventType.REVOKED), h.store.events(ACCOUNT_A, dv.id()).stream().map(e -> e.type()).toList(),
                "rescheduling leaves no trace in the trail");
        h.clock.advance(Duration.ofHours(2));
        assertEquals(new CheckCaWaits.Report(0, 0, 0, 0, 0, 0), run(), "a finished revocation is no longer checked");
    }

    @Test
    void aRunThatCannotTellTheWaitingRunLeavesTheRevocationDueAndTheNextRunTellsItAndRecordsTheEnding() {
        Certificate dv = handedOver("dv1");
        h.ca.answers(ScriptedCertificateAuthority.revoked(Instant.parse("2026-11-10T10:00:30Z")));
        h.clock.advance(Duration.ofSeconds(60));
        h.workflow.failNextSignals(1);

        assertEquals(new CheckCaWaits.Report(0, 0, 0, 0, 1, 0), run());
        assertEquals(List.of("dv1:IllegalStateException"), h.skipped.skipped(), "reported for an operator, with the item");
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status(), "not recorded while the run is not told");
        assertEquals(List.of(), h.mailer.notices());
        assertEquals(new CheckCaWaits.Report(1, 1, 0, 0, 0, 0), run(), "still due, so the next run takes it");
        assertEquals(CertificateStatus.REVOKED, h.reload(dv).status());
        assertEquals(List.of(Mailer.Notice.REVOKED), h.mailer.notices());
        assertEquals(List.of("token-dv1:REVOKED"), h.workflow.caWaitSignals());
    }

    /** The state machine's retry of the hand-over step records its token after the check read the revocation. */
    private void retriedHandOverStepRecordsItsTokenBeforeTheChecksWrite(Certificate c) {
        h.store.beforeNextApply(() -> h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, c.id(), 1),
                "token-" + c.id() + "-retried"));
    }

    @Test
    void aRunThatStartedWaitingUnderANewerTokenWhileTheCheckAskedTheCaIsToldToo() {
        Certificate dv = handedOver("dv1");
        h.ca.answers(ScriptedCertificateAuthority.revoked(Instant.parse("2026-11-10T10:00:30Z")));
        h.clock.advance(Duration.ofSeconds(60));
        retriedHandOverStepRecordsItsTokenBeforeTheChecksWrite(dv);

        assertEquals(1, run().revoked());
        assertEquals(List.of("token-dv1:REVOKED", "token-dv1-retried:REVOKED"), h.workflow.caWaitSignals());
    }

    @Test
    void aPendingAnswerKeepsTheNewerTokenARetriedHandOverStepRecordedWhileTheCheckAskedTheCa() {
        Certificate dv = handedOver("dv1");
        h.ca.answers(new CaStatus.Pending(), ScriptedCertificateAuthority.revoked(Instant.parse("2026-11-10T10:01:30Z")));
        h.clock.advance(Duration.ofSeconds(60));
        retriedHandOverStepRecordsItsTokenBeforeTheChecksWrite(dv);

        assertEquals(1, run().pending());
        assertEquals("token-dv1-retried", h.reload(dv).revocation().caWait().taskToken(), "the waiting run's token stays");
        assertEquals(1, h.reload(dv).revocation().caWait().checks());
        assertEquals(List.of("token-dv1-retried:HEARTBEAT"), h.workflow.caWaitSignals(), "the heartbeat reaches the waiting run");
        h.clock.advance(Duration.ofSeconds(120));
        assertEquals(1, run().revoked());
        assertEquals("token-dv1-retried:REVOKED", h.workflow.caWaitSignals().get(1), "so does the ending");
    }

    @Test
    void aStatusUnreadableKeepsTheNewerTokenARetriedHandOverStepRecordedWhileTheCheckAskedTheCa() {
        Certificate dv = handedOver("dv1");
        h.ca.answers((CaStatus) null);
        h.clock.advance(Duration.ofSeconds(60));
        retriedHandOverStepRecordsItsTokenBeforeTheChecksWrite(dv);

        assertEquals(1, run().checked());
        assertEquals("token-dv1-retried", h.reload(dv).revocation().caWait().taskToken());
        assertEquals(List.of("token-dv1-retried:HEARTBEAT"), h.workflow.caWaitSignals());
    }

    @Test
    void aHandOverRetriedByTheCheckKeepsTheNewerTokenARetriedHandOverStepRecordedMeanwhile() {
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED_AT));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.ca.failNextRequests(2);
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1), "token-dv1");
        h.clock.set(h.reload(dv).revocation().caWait().nextCheckAt());
        // Recorded directly: the step itself would hand over again, and this is about the check's hand-over.
        h.store.beforeNextApply(() -> h.store.apply(Lifecycle.waitForCa(h.reload(dv), 1,
                h.reload(dv).revocation().caWait().withToken("token-dv1-retried"))));

        run();
        assertEquals("token-dv1-retried", h.reload(dv).revocation().caWait().taskToken(), "still unavailable");
        h.clock.set(h.reload(dv).revocation().caWait().nextCheckAt());
        h.store.beforeNextApply(() -> h.store.apply(Lifecycle.waitForCa(h.reload(dv), 1,
                h.reload(dv).revocation().caWait().withToken("token-dv1-third"))));

        run();
        Certificate accepted = h.reload(dv);
        assertEquals("ca-1", accepted.revocation().caRequestId());
        assertEquals("token-dv1-third", accepted.revocation().caWait().taskToken(), "the hand-over keeps the newest token");
    }

    @Test
    void onlyDueRevocationsAreChecked() {
        handedOver("dv1");
        h.clock.advance(Duration.ofSeconds(30));
        Certificate later = handedOver("dv2");
        h.clock.advance(Duration.ofSeconds(30));

        assertEquals(1, run().checked());
        assertEquals(1, h.ca.statusCalls());
        assertEquals(0, h.reload(later).revocation().caWait().checks());
    }

    @Test
    void aRunChecksAtMostItsMaximumAndTheNextRunTakesTheRest() {
        handedOver("dv1");
        handedOver("dv2");
        handedOver("dv3");
        h.clock.advance(Duration.ofMinutes(1));
        CheckCaWaits bounded = h.caChecks(2, Duration.ZERO);

        assertEquals(2, bounded.run(() -> true).checked());
        assertEquals(1, bounded.run(() -> true).checked(), "the one left is still due; the others are not yet");
    }

    @Test
    void caCallsArePacedAndARunStopsWhenItsTimeIsShort() {
        handedOver("dv1");
        handedOver("dv2");
        handedOver("dv3");
        h.clock.advance(Duration.ofMinutes(1));
        Instant start = h.clock.instant();
        int[] budget = {2};

        CheckCaWaits.Report report = h.caChecks(10, Duration.ofMillis(500)).run(() -> budget[0]-- > 0);
        assertEquals(2, report.checked());
        assertEquals(1, report.left());
        assertEquals(start.plusMillis(500), h.clock.instant(), "the second call waited out the spacing");
    }

    @Test
    void atTheSlaDeadlineTheRevocationIsFlaggedOverdueOnceAndTheChecksGoOn() {
        Certificate dv = handedOver("dv1");
        h.clock.set(Instant.parse("2026-11-18T00:00:00Z"));
        run();
        h.clock.advance(Duration.ofHours(2));
        run();

        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOKING, after.status());
        assertEquals(Instant.parse("2026-11-18T00:00:00Z"), after.revocation().overdueSince());
        assertEquals(List.of(Mailer.Notice.REVOCATION_OVERDUE), h.mailer.notices());
        assertEquals(1, h.store.events(ACCOUNT_A, dv.id()).stream()
                .filter(e -> e.type() == EventType.REVOCATION_OVERDUE).count());
    }

    @Test
    void aCheckJustBeforeTheDeadlineSchedulesTheNextOneAtIt() {
        Certificate dv = handedOver("dv1");
        h.clock.set(Instant.parse("2026-11-17T23:59:00Z"));
        run();
        assertEquals(Instant.parse("2026-11-18T00:00:00Z"), h.reload(dv).revocation().caWait().nextCheckAt());
    }

    @Test
    void theWaitEndsAtTheEndOfTheGraceAfterTheDeadlineAndTheApplicantIsTold() {
        Certificate dv = handedOver("dv1");
        h.clock.set(Instant.parse("2026-11-20T23:59:00Z"));
        run();
        assertEquals(Instant.parse("2026-11-21T00:00:00Z"), h.reload(dv).revocation().caWait().nextCheckAt(),
                "a check lands on the end of the 72 hours of grace");
        h.clock.set(Instant.parse("2026-11-21T00:00:00Z"));
        assertEquals(1, run().failed());

        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOCATION_FAILED, after.status());
        assertTrue(after.revocation().failureReason().startsWith("The CA had not confirmed the revocation after 2 checks"),
                after.revocation().failureReason());
        assertEquals(List.of(Mailer.Notice.REVOCATION_OVERDUE, Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
        assertEquals("token-dv1:GAVE_UP", h.workflow.caWaitSignals().get(h.workflow.caWaitSignals().size() - 1));
    }

    @Test
    void aCaRejectionFailsTheRevocationAndEndsTheRun() {
        Certificate dv = handedOver("dv1");
        h.ca.answers(new CaStatus.Rejected("subscriber could not be verified"));
        h.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, run().failed());
        assertTrue(h.reload(dv).revocation().failureReason().contains("subscriber could not be verified"));
        assertEquals(List.of("token-dv1:FAILED"), h.workflow.caWaitSignals());
    }

    @Test
    void aCaThatIsDownIsAskedAgainLaterAndARetryAfterIsHonouredExactly() {
        Certificate dv = handedOver("dv1");
        h.ca.answers(null, new CaStatus.Pending());
        h.clock.advance(Duration.ofMinutes(1));
        assertEquals(1, run().pending());
        assertEquals(h.clock.instant().plusSeconds(60), h.reload(dv).revocation().caWait().nextCheckAt(), "backoff");
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status());

        Certificate busy = h.add(TestCertificates.issued("dv2", ValidationType.DV, ISSUED_AT));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, busy.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.ca.failNextRequests(1, Duration.ofSeconds(90).plusMillis(1));
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, busy.id(), 1), "token-dv2");
        assertNull(h.reload(busy).revocation().caRequestId());
        assertEquals(h.clock.instant().plusSeconds(91), h.reload(busy).revocation().caWait().nextCheckAt(),
                "what the CA asked, rounded up to whole seconds");
        h.clock.advance(Duration.ofSeconds(91));
        run();
        assertEquals("ca-2", h.reload(busy).revocation().caRequestId());
    }

    @Test
    void aCaThatAsksToSlowDownIsAskedNothingMoreThisRun() {
        Certificate first = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED_AT));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, first.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.ca.failNextRequests(1, Duration.ofSeconds(30));
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, first.id(), 1), "token-dv1");
        handedOver("dv2");
        h.ca.failNextRequests(1, Duration.ofSeconds(30));
        h.clock.advance(Duration.ofMinutes(1));

        CheckCaWaits.Report report = run();
        assertEquals(1, report.checked());
        assertEquals(1, report.left());
    }

    @Test
    void aHandOverTheCaCannotTakeForHalfAnHourFailsTheRevocation() {
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED_AT));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.ca.failNextRequests(100);
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1), "token-dv1");
        for (int i = 0; i < 40 && h.reload(dv).status() == CertificateStatus.REVOKING; i++) {
            h.clock.set(h.reload(dv).revocation().caWait().nextCheckAt());
            run();
        }
        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOCATION_FAILED, after.status());
        assertTrue(after.revocation().failureReason().startsWith("The CA could not take the revocation since"));
        assertTrue(!h.clock.instant().isBefore(HANDED_OVER.plus(Duration.ofMinutes(30))));
        assertEquals("token-dv1:FAILED", h.workflow.caWaitSignals().get(h.workflow.caWaitSignals().size() - 1));
        assertTrue(h.workflow.caWaitSignals().contains("token-dv1:HEARTBEAT"), "each retry keeps the run waiting");
    }

    @Test
    void aStatusUnreadableAtTheEndOfTheGraceEndsTheRunButNotTheRevocation() {
        Certificate dv = handedOver("dv1");
        h.ca.answers((CaStatus) null);
        h.clock.set(Instant.parse("2026-11-21T00:00:00Z"));
        run();
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status(), "the CA has it: it must not fail");
        assertEquals("token-dv1:FAILURE", h.workflow.caWaitSignals().get(h.workflow.caWaitSignals().size() - 1));
        assertEquals(h.clock.instant().plus(Duration.ofHours(3)), h.reload(dv).revocation().caWait().nextCheckAt());
    }

    @Test
    void theTokenOfARunThatHasEndedIsIgnoredAndTheRevocationStillCompletes() {
        Certificate dv = handedOver("dv1");
        h.workflow.endWaitOf("token-dv1");
        h.ca.answers(ScriptedCertificateAuthority.revoked(HANDED_OVER));
        h.clock.advance(Duration.ofMinutes(1));

        assertEquals(new CheckCaWaits.Report(1, 1, 0, 0, 0, 0), run());
        assertEquals(CertificateStatus.REVOKED, h.reload(dv).status());
        assertEquals(List.of(), h.workflow.caWaitSignals());
    }

    @Test
    void oneBadItemDoesNotStopTheRun() {
        Certificate broken = handedOver("dv1");
        handedOver("dv2");
        h.store.corrupt(ACCOUNT_A, broken.id());
        h.ca.answers(ScriptedCertificateAuthority.revoked(HANDED_OVER));
        h.clock.advance(Duration.ofMinutes(1));

        CheckCaWaits.Report report = run();
        assertEquals(1, report.errors());
        assertEquals(1, report.revoked());
    }
}
