package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.usecase.SubmitRevocationTest.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.RecordingMailer;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.CaWait;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.Mailer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workflow's tasks, each safe to run again. */
class RevocationStepsTest {
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");

    private Certificate applied(ValidationType type) {
        Certificate c = h.add(TestCertificates.issued(type.name().toLowerCase() + "1", type, ISSUED_AT));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, c.id(), "keyCompromise",
                Actor.customer(ACCOUNT_A, "alice"), null));
        return c;
    }

    private static RevocationSteps.Step step(Certificate c) {
        return new RevocationSteps.Step(ACCOUNT_A, c.id(), 1);
    }

    @Test
    void theConfirmationMailCarriesATokenOfWhichOnlyTheDigestIsStored() {
        Certificate ov = applied(ValidationType.OV);
        h.steps.requestConfirmation(step(ov), "task-token-1");

        RecordingMailer.Sent mail = h.mailer.sent().get(0);
        assertTrue(mail.isConfirmationRequest());
        assertEquals("admin@ov1.example.com", mail.to());
        assertEquals(h.clock.instant().plus(Duration.ofHours(72)), mail.expiresAt());
        var stored = h.confirmations.all().get(0);
        assertEquals(new ConfirmationToken(mail.token()).digest(), stored.digest());
        assertNotEquals(mail.token(), stored.digest().hex());
        assertEquals(1, stored.attempt());
        assertEquals("task-token-1", h.reload(ov).revocation().taskToken());
        assertEquals(EventType.CONFIRMATION_SENT, h.store.events(ACCOUNT_A, ov.id()).get(2).type());
    }

    @Test
    void aConfirmationTimeoutLapsesTheRevocationOnce() {
        Certificate ov = applied(ValidationType.OV);
        h.steps.requestConfirmation(step(ov), "task-token-1");
        h.clock.advance(Duration.ofHours(73));

        h.steps.lapse(step(ov), LapseCause.CONFIRMATION_TIMED_OUT);
        h.steps.lapse(step(ov), LapseCause.CONFIRMATION_TIMED_OUT);

        Certificate after = h.reload(ov);
        assertEquals(CertificateStatus.ISSUED, after.status());
        assertEquals(LapseCause.CONFIRMATION_TIMED_OUT, after.revocation().lapseCause());
        assertEquals(List.of(Mailer.Notice.REVOCATION_LAPSED), h.mailer.notices());
        assertEquals(ov.pemBundle(), h.queries.download(ACCOUNT_A, ov.id()).pem());
    }

    @Test
    void theCaGetsTheRevocationOnceAndTheNewestTokenWaits() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv), "token-1");
        h.steps.submitToCa(step(dv), "token-2");

        assertEquals(1, h.ca.requestCalls());
        Certificate after = h.reload(dv);
        assertEquals("ca-1", after.revocation().caRequestId());
        assertEquals(new CaWait("token-2", h.clock.instant(), h.clock.instant().plusSeconds(60), 0),
                after.revocation().caWait(), "first check after the first interval, under the newest token");
        assertEquals(1, h.store.events(ACCOUNT_A, dv.id()).stream()
                .filter(e -> e.type() == EventType.SUBMITTED_TO_CA).count(), "the new token is no event");
        assertEquals(List.of(), h.workflow.caWaitSignals(), "the run waits");
    }

    @Test
    void aRepeatedHandOverStepWhoseAttemptEndsWhileItRunsTellsItsRunTheEnding() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv), "token-1");
        // The CA check records the revocation after the repeated step read it, before the step records its token.
        h.store.beforeNextApply(() -> h.store.apply(Lifecycle.revoked(h.reload(dv), 1,
                new RevocationEvidence("scripted CA", h.clock.instant(), null, h.clock.instant()), h.clock.instant())));

        h.steps.submitToCa(step(dv), "token-2");
        assertEquals(CertificateStatus.REVOKED, h.reload(dv).status());
        assertEquals(List.of("token-2:REVOKED"), h.workflow.caWaitSignals(), "the run waiting on the newer token ends");
    }

    @Test
    void aCaThatCannotBeReachedAtHandOverIsLeftToTheScheduledCheck() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.failNextRequests(1);
        h.steps.submitToCa(step(dv), "token-1");

        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOKING, after.status());
        assertNull(after.revocation().caRequestId());
        assertEquals(h.clock.instant().plusSeconds(60), after.revocation().caWait().nextCheckAt());
        assertEquals(List.of(), h.mailer.notices());

        h.clock.advance(Duration.ofSeconds(60));
        h.caChecks.run(() -> true);
        assertEquals("ca-1", h.reload(dv).revocation().caRequestId(), "the check handed it over");
    }

    @Test
    void aHandOverTheCaRefusesFailsAtOnceWithTheCasOwnWords() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.refuseRequests("urn:ietf:params:acme:error:unauthorized: the account did not order this certificate");

        h.steps.submitToCa(step(dv), "token-1");
        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOCATION_FAILED, after.status());
        assertEquals("The CA rejected the revocation: urn:ietf:params:acme:error:unauthorized: the account did not"
                + " order this certificate", after.revocation().failureReason());
        assertNull(after.revocation().caRequestId(), "nothing was handed over");
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
        assertEquals(List.of("token-1:FAILED"), h.workflow.caWaitSignals());
        assertEquals(0, h.ca.statusCalls());
    }

    @Test
    void aRevocationWhoseCompletionCouldNeverBeProvenIsNotSentAndTheApplicantIsTold() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.withholdRequests("The revocation was not sent to the CA: it names no OCSP responder.");

        h.steps.submitToCa(step(dv), "token-1");
        assertEquals("The revocation was not sent to the CA: it names no OCSP responder.",
                h.reload(dv).revocation().failureReason());
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
        assertEquals(List.of("token-1:FAILED"), h.workflow.caWaitSignals());
    }

    @Test
    void aHandOverStepForAnAttemptThatHasEndedEndsTheWaitAsTheAttemptEnded() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.refuseRequests("no");
        h.steps.submitToCa(step(dv), "token-1");
        h.steps.submitToCa(step(dv), "token-2");
        assertEquals(List.of("token-1:FAILED", "token-2:FAILED"), h.workflow.caWaitSignals());
        assertEquals(1, h.ca.requestCalls());
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
    }

    /** A DV revocation the CA refused (its run told FAILED under token-1), then applied for again: attempt 2. */
    private Certificate failedThenAppliedAgain() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.refuseRequests("no");
        h.steps.submitToCa(step(dv), "token-1");
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "keyCompromise", Actor.customer(ACCOUNT_A, "alice"), null));
        return dv;
    }

    @Test
    void aHandOverStepRepeatedAfterItsAttemptFailedAndTheCustomerAppliedAgainStillEndsItsRunAsFailed() {
        Certificate dv = failedThenAppliedAgain();

        h.steps.submitToCa(step(dv), "token-1-repeated");
        assertEquals(List.of("token-1:FAILED", "token-1-repeated:FAILED"), h.workflow.caWaitSignals(),
                "from the trail: the attempt the repeated step asks about failed, it did not lapse");
    }

    @Test
    void aStepAboutAttemptZeroIsRefusedAndSignalsNothingEvenWhenTheCertificateHasAttempts() {
        Certificate dv = failedThenAppliedAgain();

        DomainException refused = assertThrows(DomainException.class,
                () -> h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 0), "priming-token"));
        assertEquals(ErrorCode.STEP_OUT_OF_ORDER, refused.code());
        assertEquals(List.of("token-1:FAILED"), h.workflow.caWaitSignals(), "SnapStart's priming signals nothing");
    }

    @Test
    void aStatusThatCannotBeReadAfterTheHandOverLeavesTheRevocationWithTheCaNotFailed() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv), "token-1");

        h.steps.fail(step(dv), "The CA could not take the revocation (CaUnavailableException): OCSP unreachable");

        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOKING, after.status(), "the CA has it: no failure, the key stays locked");
        assertNull(after.revocation().failureReason());
        assertTrue(after.revocation().refundClaim().isPresent(), "the refund claim survives");
        List<com.certshop.revocation.domain.model.AuditEvent> events = h.store.events(ACCOUNT_A, dv.id());
        assertEquals(EventType.CA_STATUS_UNKNOWN, events.get(events.size() - 1).type());
        assertEquals(List.of(), h.mailer.notices());
    }

    @Test
    void aCaStepThatFailsBeforeTheHandOverFailsTheRevocation() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.fail(step(dv), "The CA could not take the revocation (CaUnavailableException): timed out");
        assertEquals(CertificateStatus.REVOCATION_FAILED, h.reload(dv).status());
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
    }

    @Test
    void whenTheCaCannotBeReachedAfterRetriesTheRevocationFails() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.fail(step(dv), "CA unreachable after retries");
        h.steps.fail(step(dv), "CA unreachable after retries");
        assertEquals(CertificateStatus.REVOCATION_FAILED, h.reload(dv).status());
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
    }

    @Test
    void stepsForAnotherAttemptOrAStateTheyDoNotApplyToAreRefused() {
        Certificate ov = applied(ValidationType.OV);
        assertEquals(ErrorCode.STEP_OUT_OF_ORDER, codeOf(() -> h.steps.submitToCa(step(ov), "t")));
        assertEquals(ErrorCode.STEP_OUT_OF_ORDER,
                codeOf(() -> h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, ov.id(), 7), "t")));
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.steps.submitToCa(
                new RevocationSteps.Step(ACCOUNT_A, new com.certshop.revocation.domain.model.CertificateId("nope"), 1), "t")));
    }
}
