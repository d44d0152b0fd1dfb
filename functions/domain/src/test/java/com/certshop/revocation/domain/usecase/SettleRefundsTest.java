package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundDenial;
import com.certshop.revocation.domain.model.RefundStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.RefundLedger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduled refund check. The window of a certificate issued 2 Nov 2026 ends 3 Dec 00:00 UTC. */
class SettleRefundsTest {
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-12-03T00:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED_AT));
    private final RevocationSteps.Step step = new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1);

    private void applyAndHandToCa() {
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.steps.submitToCa(step, "token-1");
    }

    private void caRevokesAt(Instant revokedAt) {
        h.clock.set(revokedAt.plusSeconds(5));
        h.ca.answers(ScriptedCertificateAuthority.revoked(revokedAt));
        h.checkCaWhenDue(dv);
    }

    private RefundClaim claim() {
        return h.reload(dv).revocation().refund();
    }

    @Test
    void anUnreadableClaimIsCountedAndSkippedAndTheOthersAreStillPaid() {
        Certificate broken = h.add(TestCertificates.issued("dv0", ValidationType.DV, ISSUED_AT));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, broken.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        RevocationSteps.Step brokenStep = new RevocationSteps.Step(ACCOUNT_A, broken.id(), 1);
        h.steps.submitToCa(brokenStep, "token-0");
        applyAndHandToCa();
        caRevokesAt(Instant.parse("2026-11-12T09:00:00Z"));
        h.ca.answers(ScriptedCertificateAuthority.revoked(Instant.parse("2026-11-12T09:00:00Z")));
        h.checkCaWhenDue(broken);
        h.store.corrupt(ACCOUNT_A, broken.id());

        assertEquals(new SettleRefunds.Report(1, 0, 1, 0), h.settle.run());
        assertEquals(RefundStatus.REFUNDED, claim().status());
        assertEquals(1, h.ledger.paid().size());
        assertEquals(List.of("?:UnreadableCertificateException"), h.skipped.skipped(), "reported for an operator");
        assertEquals(new SettleRefunds.Report(0, 0, 1, 0), h.settle.run(), "it stays due, and counted, until repaired");
    }

    @Test
    void aRevocationCompletedInTheWindowIsRefundedExactlyOnceEvenWhenTheCheckRunsTwice() {
        applyAndHandToCa();
        caRevokesAt(Instant.parse("2026-11-12T09:00:00Z"));

        assertEquals(new SettleRefunds.Report(1, 0), h.settle.run());
        assertEquals(new SettleRefunds.Report(0, 0), h.settle.run());

        assertEquals(List.of(new RefundLedger.Order("revocation-refund/dv1/attempt-1", ACCOUNT_A, dv.id(),
                "order-dv1", TestCertificates.PRICE)), h.ledger.paid());
        assertEquals(RefundStatus.REFUNDED, claim().status());
        assertEquals("refund-1", claim().refundReference());
        assertEquals(1, h.mailer.notices().stream().filter(n -> n == Mailer.Notice.REFUND_SETTLED).count());
        assertEquals(1, h.store.events(ACCOUNT_A, dv.id()).stream()
                .filter(e -> e.type() == EventType.REFUND_SETTLED).count());
    }

    @Test
    void completionOneMillisecondBeforeTheWindowEndIsRefunded() {
        applyAndHandToCa();
        caRevokesAt(WINDOW_END.minusMillis(1));
        h.settle.run();
        assertEquals(RefundStatus.REFUNDED, claim().status());
    }

    @Test
    void completionExactlyAtTheWindowEndIsNotEligible() {
        applyAndHandToCa();
        caRevokesAt(WINDOW_END);
        assertEquals(new SettleRefunds.Report(0, 1), h.settle.run());
        assertEquals(RefundStatus.NOT_ELIGIBLE, claim().status());
        assertEquals(RefundDenial.COMPLETED_AFTER_WINDOW, claim().denial());
        assertTrue(h.ledger.paid().isEmpty());
    }

    @Test
    void aRevocationTheCaCompletedInTheWindowIsRefundedEvenWhenTheServiceLearnsItAfterTheWindowClosed() {
        applyAndHandToCa();
        h.clock.set(WINDOW_END.plusSeconds(300));
        assertEquals(new SettleRefunds.Report(0, 0), h.settle.run(), "the CA has not answered yet: not decidable");
        assertEquals(RefundStatus.PENDING, claim().status());
        assertTrue(h.mailer.notices().isEmpty());

        h.clock.set(WINDOW_END.plusSeconds(2400));
        h.ca.answers(ScriptedCertificateAuthority.revoked(WINDOW_END.minusSeconds(1800)));
        h.checkCaWhenDue(dv);
        assertEquals(new SettleRefunds.Report(1, 0), h.settle.run());
        assertEquals(RefundStatus.REFUNDED, claim().status());
        assertEquals(1, h.ledger.paid().size());
    }

    @Test
    void aRevocationTheCaCompletedAfterTheWindowClosedIsNotEligible() {
        applyAndHandToCa();
        h.clock.set(WINDOW_END);
        assertEquals(new SettleRefunds.Report(0, 0), h.settle.run());

        caRevokesAt(WINDOW_END.plusSeconds(3600));
        assertEquals(new SettleRefunds.Report(0, 1), h.settle.run());
        assertEquals(RefundDenial.COMPLETED_AFTER_WINDOW, claim().denial());
        assertTrue(h.ledger.paid().isEmpty());
    }

    @Test
    void anApplicationAfterTheWindowIsNeverARefundCandidate() {
        h.clock.set(WINDOW_END);
        applyAndHandToCa();
        caRevokesAt(WINDOW_END.plusSeconds(60));
        assertEquals(new SettleRefunds.Report(0, 0), h.settle.run());
        assertEquals(RefundDenial.APPLIED_AFTER_WINDOW, claim().denial());
    }

    @Test
    void aLapsedRevocationLeavesNothingToSettle() {
        Certificate ov = h.add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED_AT));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ov.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.steps.lapse(new RevocationSteps.Step(ACCOUNT_A, ov.id(), 1), LapseCause.CONFIRMATION_TIMED_OUT);
        h.clock.set(WINDOW_END.plusSeconds(1));
        assertEquals(new SettleRefunds.Report(0, 0), h.settle.run());
        assertNull(h.reload(ov).revocation().refund());
    }

    @Test
    void aRefundIsStillPaidAfterTheCustomerDeletedTheRevokedCertificate() {
        applyAndHandToCa();
        caRevokesAt(Instant.parse("2026-11-12T09:00:00Z"));
        h.delete.delete(ACCOUNT_A, dv.id(), Actor.customer(ACCOUNT_A, "a"));
        assertEquals(new SettleRefunds.Report(1, 0), h.settle.run());
        assertEquals(1, h.ledger.paid().size());
    }

    @Test
    void twoChecksRacingPayOnceAndRecordOnce() {
        applyAndHandToCa();
        caRevokesAt(Instant.parse("2026-11-12T09:00:00Z"));
        // The other run settles between this run's ledger call and its conditional write.
        h.store.beforeNextApply(() -> h.settle.run());

        assertEquals(new SettleRefunds.Report(0, 0), h.settle.run());
        assertEquals(1, h.ledger.paid().size());
        assertEquals(2, h.ledger.calls());
        assertEquals(1, h.store.events(ACCOUNT_A, dv.id()).stream()
                .filter(e -> e.type() == EventType.REFUND_SETTLED).count());
    }

    @Test
    void whenTheTimeRunsOutMidwayTheClaimUnderWayIsSettledWholeAndTheRestWait() {
        applyAndHandToCa();
        caRevokesAt(Instant.parse("2026-11-12T09:00:00Z"));
        for (String id : List.of("dv2", "dv3")) {
            Certificate other = h.add(TestCertificates.issued(id, ValidationType.DV, ISSUED_AT));
            RevocationSteps.Step otherStep = new RevocationSteps.Step(ACCOUNT_A, other.id(), 1);
            h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, other.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
            h.steps.submitToCa(otherStep, "token-" + id);
            h.ca.answers(ScriptedCertificateAuthority.revoked(h.clock.instant()));
            h.checkCaWhenDue(other);
        }
        Instant deadline = h.clock.instant().plusSeconds(30);
        // The deadline passes while the first claim is being written.
        h.store.beforeNextApply(() -> h.clock.advance(java.time.Duration.ofMinutes(1)));

        assertEquals(new SettleRefunds.Report(1, 0, 0, 2), h.settle.run(() -> h.clock.instant().isBefore(deadline)));

        assertEquals(1, h.ledger.calls(), "no claim after the deadline was started");
        assertEquals(1, h.mailer.notices().stream().filter(n -> n == Mailer.Notice.REFUND_SETTLED).count());
        List<CertificateId> ids = List.of(dv.id(), new CertificateId("dv2"), new CertificateId("dv3"));
        assertEquals(1, ids.stream().flatMap(id -> h.store.events(ACCOUNT_A, id).stream())
                .filter(e -> e.type() == EventType.REFUND_SETTLED).count(), "the claim under way was settled whole");
        assertEquals(2, ids.stream().filter(id -> h.store.find(ACCOUNT_A, id).orElseThrow().revocation().refund().isPending())
                .count(), "the claims not reached are still due");
        assertEquals(new SettleRefunds.Report(2, 0), h.settle.run(), "the next run takes the rest");
        assertEquals(3, h.ledger.paid().size());
    }

    @Test
    void withNoTimeLeftTheDueClaimsAreCountedAndNoneIsTouched() {
        applyAndHandToCa();
        caRevokesAt(Instant.parse("2026-11-12T09:00:00Z"));

        assertEquals(new SettleRefunds.Report(0, 0, 0, 1), h.settle.run(() -> false));

        assertEquals(0, h.ledger.calls());
        assertEquals(RefundStatus.PENDING, claim().status());
    }
}
