package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.usecase.SubmitRevocationTest.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The applicant's side: the e-mail link, its page, and the single confirm-or-reject answer. */
class ConfirmRevocationTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final Certificate ev = h.add(TestCertificates.issued("ev1", ValidationType.EV,
            Instant.parse("2026-11-02T10:00:00Z")));
    private final RevocationSteps.Step step = new RevocationSteps.Step(ACCOUNT_A, ev.id(), 1);
    private String token;

    @BeforeEach
    void applyAndMailTheApplicant() {
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ev.id(), "keyCompromise",
                Actor.customer(ACCOUNT_A, "alice"), null));
        h.steps.requestConfirmation(step, "task-token-1");
        token = h.mailer.lastConfirmationToken();
    }

    @Test
    void openingTheLinkShowsTheRevocationAndChangesNothing() {
        long version = h.reload(ev).version();
        ConfirmRevocation.Preview preview = h.confirm.preview(token);
        h.confirm.preview(token);

        assertEquals(ConfirmRevocation.LinkState.OPEN, preview.state());
        assertEquals("ev1.example.com", preview.certificate().commonName());
        assertEquals("keyCompromise", preview.certificate().revocation().reason().rfcName());
        assertEquals(h.clock.instant().plus(Duration.ofHours(72)), preview.expiresAt());
        assertEquals(version, h.reload(ev).version());
        assertTrue(h.workflow.confirmationsGiven().isEmpty());
        assertTrue(h.workflow.confirmationsRefused().isEmpty());
    }

    @Test
    void confirmingHandsTheRevocationToTheCa() {
        Certificate after = h.confirm.confirm(token);

        assertEquals(CertificateStatus.REVOKING, after.status());
        assertEquals(List.of("task-token-1"), h.workflow.confirmationsGiven());
        var confirmed = h.store.events(ACCOUNT_A, ev.id()).get(3);
        assertEquals(EventType.REVOCATION_CONFIRMED, confirmed.type());
        assertEquals(Actor.applicant("admin@ev1.example.com"), confirmed.actor());
    }

    @Test
    void aLinkTakesOneAnswer() {
        h.confirm.confirm(token);
        assertEquals(ErrorCode.CONFIRMATION_ALREADY_USED, codeOf(() -> h.confirm.reject(token)));
        assertEquals(ConfirmRevocation.LinkState.ALREADY_USED, h.confirm.preview(token).state());
        long version = h.reload(ev).version();

        // The same answer again (a double click, a retry after a lost response) changes nothing.
        assertEquals(CertificateStatus.REVOKING, h.confirm.confirm(token).status());
        assertEquals(version, h.reload(ev).version());
    }

    @Test
    void anAnswerLostToAStoreOutageAfterTheLinkWasSpentIsFinishedByTheSameAnswerAgain() {
        h.store.beforeNextApply(() -> {
            throw new IllegalStateException("DynamoDB did not answer");
        });
        assertThrows(IllegalStateException.class, () -> h.confirm.confirm(token));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, h.reload(ev).status(), "the link is spent, the answer not recorded");

        assertEquals(CertificateStatus.REVOKING, h.confirm.confirm(token).status());
        assertEquals(List.of("task-token-1"), h.workflow.confirmationsGiven());
    }

    @Test
    void aWorkflowNotToldOfTheAnswerIsToldWhenTheSameAnswerComesAgain() {
        h.workflow.failNextSignals(1);
        assertThrows(IllegalStateException.class, () -> h.confirm.confirm(token));
        assertEquals(CertificateStatus.REVOKING, h.reload(ev).status(), "recorded, but the waiting run was not told");

        h.confirm.confirm(token);
        assertEquals(List.of("task-token-1"), h.workflow.confirmationsGiven());
    }

    @Test
    void aRejectionRepeatedMailsTheApplicantOnce() {
        h.confirm.reject(token);
        h.confirm.reject(token);
        assertEquals(1, h.mailer.notices().stream().filter(n -> n == Mailer.Notice.REVOCATION_LAPSED).count());
        assertEquals(ErrorCode.CONFIRMATION_ALREADY_USED, codeOf(() -> h.confirm.confirm(token)));
    }

    @Test
    void aLinkExpiresAfterItsValidity() {
        h.clock.advance(Duration.ofHours(72).minusMillis(1));
        assertEquals(ConfirmRevocation.LinkState.OPEN, h.confirm.preview(token).state());
        h.clock.advance(Duration.ofMillis(1));

        assertEquals(ConfirmRevocation.LinkState.EXPIRED, h.confirm.preview(token).state());
        assertEquals(ErrorCode.CONFIRMATION_EXPIRED, codeOf(() -> h.confirm.confirm(token)));
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, h.reload(ev).status());
        assertTrue(h.workflow.confirmationsGiven().isEmpty());
    }

    @Test
    void confirmingOneMillisecondBeforeExpiryWorks() {
        h.clock.advance(Duration.ofHours(72).minusMillis(1));
        assertEquals(CertificateStatus.REVOKING, h.confirm.confirm(token).status());
    }

    @Test
    void rejectingLapsesTheRevocationAndUnlocksTheCertificate() {
        Certificate after = h.confirm.reject(token);

        assertEquals(CertificateStatus.ISSUED, after.status());
        assertEquals(LapseCause.REJECTED_BY_APPLICANT, after.revocation().lapseCause());
        assertEquals(List.of("task-token-1:REJECTED_BY_APPLICANT"), h.workflow.confirmationsRefused());
        assertEquals(List.of(Mailer.Notice.REVOCATION_LAPSED), h.mailer.notices());
        assertEquals(ev.pemBundle(), h.queries.download(ACCOUNT_A, ev.id()).pem());
    }

    @Test
    void aCancelledRevocationCanNoLongerBeConfirmed() {
        h.cancel.cancel(ACCOUNT_A, ev.id(), Actor.customer(ACCOUNT_A, "alice"));
        assertEquals(ConfirmRevocation.LinkState.WITHDRAWN, h.confirm.preview(token).state());
        assertEquals(ErrorCode.CONFIRMATION_WITHDRAWN, codeOf(() -> h.confirm.confirm(token)));
        assertEquals(CertificateStatus.ISSUED, h.reload(ev).status());
    }

    @Test
    void aLinkFromAnEarlierAttemptCannotConfirmALaterOne() {
        h.clock.advance(Duration.ofHours(80));
        h.steps.lapse(step, LapseCause.CONFIRMATION_TIMED_OUT);
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ev.id(), "superseded",
                Actor.customer(ACCOUNT_A, "alice"), null));
        h.steps.requestConfirmation(new RevocationSteps.Step(ACCOUNT_A, ev.id(), 2), "task-token-2");

        assertEquals(ErrorCode.CONFIRMATION_EXPIRED, codeOf(() -> h.confirm.confirm(token)));
        String fresh = h.mailer.lastConfirmationToken();
        assertEquals(CertificateStatus.REVOKING, h.confirm.confirm(fresh).status());
        assertEquals(List.of("task-token-2"), h.workflow.confirmationsGiven());
    }

    @Test
    void unknownAndMalformedLinksAreNotFound() {
        assertEquals(ErrorCode.CONFIRMATION_NOT_FOUND, codeOf(() -> h.confirm.preview("B".repeat(43))));
        assertEquals(ErrorCode.CONFIRMATION_NOT_FOUND, codeOf(() -> h.confirm.confirm("not-a-token")));
        assertEquals(ErrorCode.CONFIRMATION_NOT_FOUND, codeOf(() -> h.confirm.reject(null)));
    }

    @Test
    void aCancelRacingTheConfirmationLeavesTheTokenSpentAndTheRevocationWithdrawn() {
        h.store.beforeNextApply(() -> h.cancel.cancel(ACCOUNT_A, ev.id(), Actor.customer(ACCOUNT_A, "alice")));
        assertEquals(ErrorCode.CONFIRMATION_WITHDRAWN, codeOf(() -> h.confirm.confirm(token)));
        assertEquals(CertificateStatus.ISSUED, h.reload(ev).status());
        assertTrue(h.workflow.confirmationsGiven().isEmpty());
    }
}
