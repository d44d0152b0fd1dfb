package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.usecase.SubmitRevocationTest.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.RecordingMailer;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.LapseCause;
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
    void theCaGetsTheRevocationOnceEvenWhenTheStepRunsTwice() {
        Certificate dv = applied(ValidationType.DV);
        RevocationSteps.Progress first = h.steps.submitToCa(step(dv));
        RevocationSteps.Progress again = h.steps.submitToCa(step(dv));

        assertEquals(RevocationSteps.Outcome.PENDING, first.outcome());
        assertEquals(60, first.waitSeconds());
        assertEquals(0, first.polls());
        assertEquals(first, again);
        assertEquals(1, h.ca.requestCalls());
        assertEquals("ca-1", h.reload(dv).revocation().caRequestId());
    }

    @Test
    void aTransientCaErrorWritesNothingAndTheRetrySucceeds() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.failNextRequests(2);
        assertThrows(CaUnavailableException.class, () -> h.steps.submitToCa(step(dv)));
        assertThrows(CaUnavailableException.class, () -> h.steps.submitToCa(step(dv)));
        assertNull(h.reload(dv).revocation().caRequestId());

        assertEquals(RevocationSteps.Outcome.PENDING, h.steps.submitToCa(step(dv)).outcome());
        assertEquals(1, h.ca.distinctRequests());
    }

    @Test
    void pollingBacksOffThenRecordsTheRevocationAtTheCasTime() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv));
        Instant revokedAt = Instant.parse("2026-11-11T08:00:00Z");
        h.ca.answers(new CaStatus.Pending(), null, new CaStatus.Pending(), ScriptedCertificateAuthority.revoked(revokedAt));

        RevocationSteps.Progress p1 = h.steps.pollCa(step(dv), 0);
        assertEquals(new RevocationSteps.Progress(RevocationSteps.Outcome.PENDING, 120, 1, false, false), p1);
        assertThrows(CaUnavailableException.class, () -> h.steps.pollCa(step(dv), p1.polls()));
        RevocationSteps.Progress p2 = h.steps.pollCa(step(dv), p1.polls());
        assertEquals(240, p2.waitSeconds());
        RevocationSteps.Progress done = h.steps.pollCa(step(dv), p2.polls());

        assertEquals(RevocationSteps.Outcome.REVOKED, done.outcome());
        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOKED, after.status());
        assertEquals(revokedAt, after.revocation().revokedAt());
        assertEquals(List.of(Mailer.Notice.REVOKED), h.mailer.notices());
        // Run again (a retried task): same answer, no second notice, no CA call.
        int calls = h.ca.statusCalls();
        assertEquals(RevocationSteps.Outcome.REVOKED, h.steps.pollCa(step(dv), 3).outcome());
        assertEquals(RevocationSteps.Outcome.REVOKED, h.steps.submitToCa(step(dv)).outcome());
        assertEquals(calls, h.ca.statusCalls());
        assertEquals(1, h.mailer.notices().size());
    }

    @Test
    void aCaRejectionFailsTheRevocationAndTellsTheApplicant() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv));
        h.ca.answers(new CaStatus.Rejected("subscriber could not be verified"));

        assertEquals(RevocationSteps.Outcome.FAILED, h.steps.pollCa(step(dv), 0).outcome());
        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOCATION_FAILED, after.status());
        assertTrue(after.revocation().failureReason().contains("subscriber could not be verified"));
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
        assertEquals(RevocationSteps.Outcome.FAILED, h.steps.pollCa(step(dv), 1).outcome());
    }

    @Test
    void aHandOverTheCaRefusesFailsAtOnceWithTheCasOwnWords() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.refuseRequests("urn:ietf:params:acme:error:unauthorized: the account did not order this certificate");

        assertEquals(RevocationSteps.Outcome.FAILED, h.steps.submitToCa(step(dv)).outcome());
        Certificate after = h.reload(dv);
        assertEquals(CertificateStatus.REVOCATION_FAILED, after.status());
        assertEquals("The CA rejected the revocation: urn:ietf:params:acme:error:unauthorized: the account did not"
                + " order this certificate", after.revocation().failureReason());
        assertNull(after.revocation().caRequestId(), "nothing was handed over");
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
        assertEquals(0, h.ca.statusCalls());
    }

    @Test
    void aRevocationWhoseCompletionCouldNeverBeProvenIsNotSentAndTheApplicantIsTold() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.withholdRequests("The revocation was not sent to the CA: it names no OCSP responder.");

        assertEquals(RevocationSteps.Outcome.FAILED, h.steps.submitToCa(step(dv)).outcome());
        assertEquals("The revocation was not sent to the CA: it names no OCSP responder.",
                h.reload(dv).revocation().failureReason());
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), h.mailer.notices());
    }

    @Test
    void aStatusThatCannotBeReadAfterTheHandOverLeavesTheRevocationWithTheCaNotFailed() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv));

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
    void aBusyCasRetryAfterIsWaitedOutAndTheHandOverMadeOnTheNextPoll() {
        Certificate dv = applied(ValidationType.DV);
        h.ca.failNextRequests(1, Duration.ofSeconds(90).plusMillis(1));

        RevocationSteps.Progress deferred = h.steps.submitToCa(step(dv));
        assertEquals(new RevocationSteps.Progress(RevocationSteps.Outcome.PENDING, 91, 0, false, false), deferred,
                "wait what the CA asked, rounded up to whole seconds");
        assertNull(h.reload(dv).revocation().caRequestId());

        h.clock.advance(Duration.ofSeconds(91));
        RevocationSteps.Progress handedOver = h.steps.pollCa(step(dv), deferred.polls());
        assertEquals(RevocationSteps.Outcome.PENDING, handedOver.outcome());
        assertEquals("ca-1", h.reload(dv).revocation().caRequestId());
        assertEquals(h.clock.instant(), h.reload(dv).revocation().submittedToCaAt());
        assertEquals(0, h.ca.statusCalls(), "the status is asked for only after the hand-over");
    }

    @Test
    void aTransientStatusErrorWithoutRetryAfterIsLeftToTheStateMachinesRetry() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv));
        h.ca.answers((CaStatus) null);
        assertThrows(CaUnavailableException.class, () -> h.steps.pollCa(step(dv), 0),
                "without Retry-After the state machine's retry backoff applies");
    }

    @Test
    void aCaThatNeverConfirmsEndsTheWaitAfterThePollsAllowedAndTheApplicantIsTold() {
        RevocationSettings d = RevocationSettings.defaults();
        DomainHarness three = new DomainHarness("2026-11-10T10:00:00Z", new RevocationSettings(d.calendar(),
                d.refundWindowDays(), d.caSlaBusinessDays(), d.confirmationValidity(), d.caFirstPoll(),
                d.caPollMultiplier(), d.caMaxPoll(), 3));
        Certificate dv = three.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED_AT));
        three.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        RevocationSteps.Step step = step(dv);
        RevocationSteps.Progress p = three.steps.submitToCa(step);

        p = three.steps.pollCa(step, p.polls());
        p = three.steps.pollCa(step, p.polls());
        assertEquals(RevocationSteps.Outcome.PENDING, p.outcome());
        assertEquals(RevocationSteps.Outcome.GAVE_UP, three.steps.pollCa(step, p.polls()).outcome());

        assertEquals(3, three.ca.statusCalls(), "the last poll still asks the CA");
        Certificate after = three.reload(dv);
        assertEquals(CertificateStatus.REVOCATION_FAILED, after.status());
        assertTrue(after.revocation().failureReason().startsWith("The CA had not confirmed the revocation after 3 checks"),
                after.revocation().failureReason());
        assertEquals(List.of(Mailer.Notice.REVOCATION_FAILED), three.mailer.notices());
    }

    @Test
    void pastTheSlaTheRevocationIsFlaggedOverdueOnceAndPollingGoesOn() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv));
        // Handed over Tue 10 Nov: the SLA ends with Tue 17 Nov.
        h.clock.set(Instant.parse("2026-11-18T00:00:00Z"));

        RevocationSteps.Progress p = h.steps.pollCa(step(dv), 30);
        assertTrue(p.overdue());
        assertTrue(p.flagOverdue());
        h.steps.flagOverdue(step(dv));
        h.steps.flagOverdue(step(dv));
        RevocationSteps.Progress p2 = h.steps.pollCa(step(dv), p.polls());

        assertTrue(p2.overdue());
        assertFalse(p2.flagOverdue(), "already flagged");
        assertEquals(RevocationSteps.Outcome.PENDING, p2.outcome());
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status());
        assertEquals(Instant.parse("2026-11-18T00:00:00Z"), h.reload(dv).revocation().overdueSince());
        assertEquals(List.of(Mailer.Notice.REVOCATION_OVERDUE), h.mailer.notices());
        assertEquals(1, h.store.events(ACCOUNT_A, dv.id()).stream()
                .filter(e -> e.type() == EventType.REVOCATION_OVERDUE).count());
    }

    @Test
    void justBeforeTheSlaEndsTheNextPollIsTimedForTheDeadline() {
        Certificate dv = applied(ValidationType.DV);
        h.steps.submitToCa(step(dv));
        h.clock.set(Instant.parse("2026-11-17T23:59:00Z"));
        RevocationSteps.Progress p = h.steps.pollCa(step(dv), 30);
        assertFalse(p.overdue());
        assertEquals(60, p.waitSeconds());
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
        assertEquals(ErrorCode.STEP_OUT_OF_ORDER, codeOf(() -> h.steps.submitToCa(step(ov))));
        assertEquals(ErrorCode.STEP_OUT_OF_ORDER, codeOf(() -> h.steps.pollCa(step(ov), 0)));
        assertEquals(ErrorCode.STEP_OUT_OF_ORDER,
                codeOf(() -> h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, ov.id(), 7))));
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.steps.submitToCa(
                new RevocationSteps.Step(ACCOUNT_A, new com.certshop.revocation.domain.model.CertificateId("nope"), 1))));
    }
}
