package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_B;
import static com.certshop.revocation.domain.usecase.SubmitRevocationTest.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.Mailer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancelRevocationTest {
    private static final Actor ALICE = Actor.customer(ACCOUNT_A, "alice");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final Certificate ov = h.add(TestCertificates.issued("ov1", ValidationType.OV,
            Instant.parse("2026-11-02T10:00:00Z")));
    private final RevocationSteps.Step step = new RevocationSteps.Step(ACCOUNT_A, ov.id(), 1);

    private void apply() {
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ov.id(), "superseded", ALICE, null));
    }

    @Test
    void cancellingAfterTheMailEndsTheWaitingWorkflowAndUnlocksTheCertificate() {
        apply();
        h.steps.requestConfirmation(step, "task-token-1");

        CertificateView view = h.cancel.cancel(ACCOUNT_A, ov.id(), ALICE);

        assertEquals(CertificateStatus.ISSUED, view.certificate().status());
        assertFalse(view.downloadLocked());
        assertEquals(List.of("task-token-1:CANCELLED_BY_CUSTOMER"), h.workflow.confirmationsRefused());
        assertEquals(List.of(Mailer.Notice.REVOCATION_LAPSED), h.mailer.notices());
    }

    @Test
    void cancellingBeforeTheMailMakesTheConfirmationStepEndTheWorkflowWithoutMailing() {
        apply();
        h.cancel.cancel(ACCOUNT_A, ov.id(), ALICE);
        assertTrue(h.workflow.confirmationsRefused().isEmpty(), "no task token yet");

        h.steps.requestConfirmation(step, "task-token-late");

        assertEquals(List.of("task-token-late:CANCELLED_BY_CUSTOMER"), h.workflow.confirmationsRefused());
        assertTrue(h.mailer.sent().stream().noneMatch(s -> s.isConfirmationRequest()));
        assertTrue(h.confirmations.all().isEmpty());
    }

    @Test
    void onlyARevocationAwaitingConfirmationCanBeCancelled() {
        assertEquals(ErrorCode.NO_REVOCATION_TO_CANCEL, codeOf(() -> h.cancel.cancel(ACCOUNT_A, ov.id(), ALICE)));
        apply();
        h.steps.requestConfirmation(step, "task-token-1");
        h.confirm.confirm(h.mailer.lastConfirmationToken());
        assertEquals(ErrorCode.ALREADY_WITH_CA, codeOf(() -> h.cancel.cancel(ACCOUNT_A, ov.id(), ALICE)));
        assertEquals(CertificateStatus.REVOKING, h.reload(ov).status());
    }

    @Test
    void aRevocationWhoseWorkflowNeverStartedCanBeCancelledAndNothingReachesTheCa() {
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.workflow.failNextStarts(1);
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", ALICE, null));
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status());

        CertificateView view = h.cancel.cancel(ACCOUNT_A, dv.id(), ALICE);

        assertEquals(CertificateStatus.ISSUED, view.certificate().status());
        assertFalse(view.downloadLocked());
        assertEquals(List.of(Mailer.Notice.REVOCATION_LAPSED), h.mailer.notices());
        h.clock.advance(java.time.Duration.ofHours(1));
        assertEquals(new SweepStuckRevocations.Report(0, List.of()), h.sweep.run(), "nothing left to start");
        assertTrue(h.workflow.runs().isEmpty());
        assertEquals(0, h.ca.requestCalls());
    }

    @Test
    void aRunThatBeginsAfterItsRevocationWasCancelledEndsAsLapsedAndAsksTheCaNothing() {
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.workflow.failNextStarts(1); // the run's start is still on its way while the customer cancels
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", ALICE, null));
        h.cancel.cancel(ACCOUNT_A, dv.id(), ALICE);

        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1), "token-1");
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", ALICE, null));
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1), "token-1-again");

        assertEquals(List.of("token-1:LAPSED", "token-1-again:LAPSED"), h.workflow.caWaitSignals(),
                "the run ends as lapsed, not as a CA failure; even once the customer applied again");
        assertEquals(0, h.ca.requestCalls());
        assertEquals(2, h.reload(dv).revocation().attempt());
    }

    @Test
    void aRevocationWhoseWorkflowRunsIsWithTheCa() {
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", ALICE, null));
        assertEquals(ErrorCode.ALREADY_WITH_CA, codeOf(() -> h.cancel.cancel(ACCOUNT_A, dv.id(), ALICE)));
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status());
    }

    @Test
    void anotherAccountCannotCancel() {
        apply();
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND,
                codeOf(() -> h.cancel.cancel(ACCOUNT_B, ov.id(), Actor.customer(ACCOUNT_B, "mallory"))));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, h.reload(ov).status());
    }
}
