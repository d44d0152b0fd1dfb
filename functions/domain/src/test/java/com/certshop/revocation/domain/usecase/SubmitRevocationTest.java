package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.batch.ItemOutcome;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RefundStatus;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubmitRevocationTest {
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED_AT));
    private final Certificate ov = h.add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED_AT));

    private SubmitRevocation.Result submit(Certificate c, String reason, String key) {
        return h.submit.submit(command(c.accountId(), c, reason, key));
    }

    private static SubmitRevocation.Command command(AccountId account, Certificate c, String reason, String key) {
        return new SubmitRevocation.Command(account, c.id(), reason, Actor.customer(account, "alice"), key);
    }

    @Test
    void aDvRevocationGoesToTheCaAndLocksTheCertificate() {
        SubmitRevocation.Result result = submit(dv, "keyCompromise", null);

        assertEquals(CertificateStatus.REVOKING, result.certificate().certificate().status());
        assertEquals(RefundOutlook.ELIGIBLE, result.refundOutlook());
        assertFalse(result.refundAtRisk());
        assertFalse(result.replayed());
        assertTrue(result.certificate().downloadLocked());
        assertEquals(List.of(new RevocationWorkflow.Start(ACCOUNT_A, dv.id(), 1, false)), h.workflow.runs());
        assertEquals("dv1-attempt-1", h.workflow.runs().get(0).runName());
        assertEquals(ErrorCode.CERTIFICATE_LOCKED, codeOf(() -> h.queries.download(ACCOUNT_A, dv.id())));
        var requested = h.store.events(ACCOUNT_A, dv.id()).get(1);
        assertEquals(EventType.REVOCATION_REQUESTED, requested.type());
        assertEquals("alice", requested.actor().id());
    }

    @Test
    void anOvRevocationWaitsForTheApplicantsConfirmation() {
        SubmitRevocation.Result result = submit(ov, "1", null);
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, result.certificate().certificate().status());
        assertEquals(RevocationReason.KEY_COMPROMISE, h.reload(ov).revocation().reason());
        assertTrue(h.workflow.runs().get(0).confirmationRequired());
    }

    @Test
    void submittingTwiceIsRefusedAndStartsOneWorkflow() {
        submit(ov, "superseded", null);
        assertEquals(ErrorCode.REVOCATION_IN_PROGRESS, codeOf(() -> submit(ov, "superseded", null)));
        assertEquals(1, h.workflow.runs().size());
        assertEquals(1, h.reload(ov).revocation().attempt());
    }

    @Test
    void theSameIdempotencyKeyTwiceMakesOneRevocationAndAnswersAlike() {
        SubmitRevocation.Result first = submit(ov, "superseded", "key-123");
        SubmitRevocation.Result second = submit(ov, "superseded", "key-123");

        assertTrue(second.replayed());
        assertEquals(first.certificate().certificate(), second.certificate().certificate());
        assertEquals(first.refundOutlook(), second.refundOutlook());
        assertEquals(1, h.store.appliedTransitions());
        assertEquals(1, h.workflow.runs().size());
    }

    @Test
    void reusingAKeyForADifferentReasonIsRefused() {
        submit(ov, "superseded", "key-123");
        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, codeOf(() -> submit(ov, "keyCompromise", "key-123")));
    }

    @Test
    void aKeyThatMadeAnEarlierAttemptIsRefusedAndAppliesNothingWhileALaterAttemptRunsOrAfterItEnded() {
        submit(ov, "superseded", "k1");
        h.cancel.cancel(ACCOUNT_A, ov.id(), Actor.customer(ACCOUNT_A, "alice"));
        submit(ov, "superseded", "k2");

        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, codeOf(() -> submit(ov, "superseded", "k1")),
                "a late retry of the first request while the second runs");
        h.cancel.cancel(ACCOUNT_A, ov.id(), Actor.customer(ACCOUNT_A, "alice"));
        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, codeOf(() -> submit(ov, "superseded", "k1")), "and after it ended");
        assertEquals(2, h.reload(ov).revocation().attempt(), "no third revocation");
        assertEquals(CertificateStatus.ISSUED, h.reload(ov).status());
        assertEquals(2, h.workflow.runs().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there"})
    void malformedIdempotencyKeysAreRefused(String key) {
        assertEquals(ErrorCode.INVALID_IDEMPOTENCY_KEY, codeOf(() -> submit(ov, "superseded", key)));
        assertEquals(ErrorCode.INVALID_IDEMPOTENCY_KEY, codeOf(() -> submit(ov, "superseded", "k".repeat(256))));
    }

    @Test
    void aRetryWithTheSameKeyStartsTheWorkflowThatFailedToStart() {
        h.workflow.failNextStarts(1);
        SubmitRevocation.Result first = submit(dv, "superseded", "key-9");
        assertEquals(CertificateStatus.REVOKING, first.certificate().certificate().status(), "the answer is the revocation as stored");
        assertFalse(first.replayed());
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status(), "the application itself was recorded");
        assertTrue(h.workflow.runs().isEmpty());
        assertEquals(1, h.skipped.skipped().size(), "reported for an operator: " + h.skipped.skipped());
        assertTrue(h.skipped.skipped().get(0).startsWith(dv.id().value()), h.skipped.skipped().toString());

        SubmitRevocation.Result retry = submit(dv, "superseded", "key-9");
        assertTrue(retry.replayed());
        assertEquals(1, h.workflow.runs().size());
        assertEquals(1, h.reload(dv).revocation().attempt());
    }

    @Test
    void losingARaceToAnotherSubmissionAnswersInProgress() {
        h.store.beforeNextApply(() -> h.store.apply(Lifecycle.submit(h.reload(ov),
                new RevocationRequest(RevocationReason.SUPERSEDED, Actor.customer(ACCOUNT_A, "bob"), "bobs-key"),
                h.settings.refundPolicy().claimFor(ISSUED_AT, h.clock.instant()), h.clock.instant())));
        assertEquals(ErrorCode.REVOCATION_IN_PROGRESS, codeOf(() -> submit(ov, "keyCompromise", "alices-key")));
        assertEquals("bobs-key", h.reload(ov).revocation().idempotencyKey());
    }

    @Test
    void twentyConcurrentSubmissionsMakeOneRevocationAndOneWorkflow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SubmitRevocation.Result>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "key-" + i;
            futures.add(pool.submit(() -> {
                go.await();
                return submit(dv, "cessationOfOperation", key);
            }));
        }
        go.countDown();
        int accepted = 0;
        int refused = 0;
        for (Future<SubmitRevocation.Result> f : futures) {
            try {
                f.get(10, TimeUnit.SECONDS);
                accepted++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertEquals(ErrorCode.REVOCATION_IN_PROGRESS, ((DomainException) e.getCause()).code());
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(1, accepted);
        assertEquals(19, refused);
        assertEquals(1, h.workflow.runs().size());
        assertEquals(2, h.store.events(ACCOUNT_A, dv.id()).size(), "added + one revocation requested");
    }

    @Test
    void uploadedCertificatesAreRefusedWithAnExplanation() {
        Certificate uploaded = h.add(TestCertificates.uploaded("up1", ISSUED_AT));
        DomainException e = assertThrows(DomainException.class, () -> submit(uploaded, "superseded", null));
        assertEquals(ErrorCode.UPLOADED_NOT_REVOCABLE, e.code());
        assertTrue(e.getMessage().contains("delete"), e.getMessage());
        assertEquals(CertificateStatus.UPLOADED, h.reload(uploaded).status());
    }

    @Test
    void expiredCertificatesAreRefused() {
        h.clock.set(dv.notAfter());
        assertEquals(ErrorCode.CERTIFICATE_EXPIRED, codeOf(() -> submit(dv, "superseded", null)));
        assertEquals(CertificateStatus.ISSUED, h.reload(dv).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "6", "7", "8", "9", "10", "certificateHold", "privilegeWithdrawn", "lost-it"})
    void reasonsASubscriberMayNotChooseChangeNothing(String reason) {
        DomainException e = assertThrows(DomainException.class, () -> submit(ov, reason, null));
        assertEquals(ErrorCode.INVALID_REASON, e.code());
        assertEquals(5, e.allowedValues().size());
        assertEquals(CertificateStatus.ISSUED, h.reload(ov).status());
        assertEquals(0, h.store.appliedTransitions());
        assertTrue(h.workflow.runs().isEmpty());
    }

    @Test
    void anotherAccountsCertificateIsNotFound() {
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND,
                codeOf(() -> h.submit.submit(command(ACCOUNT_B, dv, "superseded", null))));
        assertEquals(CertificateStatus.ISSUED, h.reload(dv).status());
    }

    @Test
    void withFewerThanFiveBusinessDaysLeftTheRefundIsAtRiskButTheRevocationProceeds() {
        // Window of a certificate issued 2 Nov ends 3 Dec 00:00; last day Wed 2 Dec. Latest safe
        // date: Wed 25 Nov (Thu 26 + 5 business days = Thu 3 Dec, past the window).
        h.clock.set(Instant.parse("2026-11-26T09:00:00Z"));
        SubmitRevocation.Result result = submit(dv, "superseded", null);
        assertTrue(result.refundAtRisk());
        assertEquals(CertificateStatus.REVOKING, result.certificate().certificate().status());
        assertEquals(RefundStatus.PENDING, h.reload(dv).revocation().refund().status());
    }

    @Test
    void afterTheWindowTheRevocationProceedsWithoutARefund() {
        h.clock.set(Instant.parse("2026-12-03T00:00:00Z"));
        SubmitRevocation.Result result = submit(dv, "superseded", null);
        assertEquals(RefundOutlook.NOT_ELIGIBLE, result.refundOutlook());
        assertEquals(RefundStatus.NOT_ELIGIBLE, h.reload(dv).revocation().refund().status());
        assertTrue(result.certificate().refundAdvice().isEmpty());
    }

    @Test
    void afterACaRejectionTheCustomerMayApplyAgainAsANewAttempt() {
        submit(dv, "superseded", null);
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1), "token-1");
        h.ca.answers(new com.certshop.revocation.domain.ca.CaStatus.Rejected("cannot verify"));
        h.checkCaWhenDue(dv);
        assertEquals(CertificateStatus.REVOCATION_FAILED, h.reload(dv).status());

        SubmitRevocation.Result again = submit(dv, "keyCompromise", null);
        assertEquals(CertificateStatus.REVOKING, again.certificate().certificate().status());
        assertEquals(2, h.reload(dv).revocation().attempt());
        assertEquals("dv1-attempt-2", h.workflow.runs().get(1).runName());
    }

    @Test
    void aDryRunSaysWhatWouldHappenAndWritesNothing() {
        Certificate up = h.add(TestCertificates.uploaded("up", ISSUED_AT));
        Actor alice = Actor.customer(ACCOUNT_A, "alice");
        List<?> eventsBefore = h.store.events(ACCOUNT_A, ov.id());

        SubmitRevocation.Preview preview = h.submit.preview(ACCOUNT_A, ov.id(), "keyCompromise", alice);
        assertEquals(ItemOutcome.CONFIRMATION_NEEDED, preview.outcome().outcome());
        assertEquals(Optional.of(ov.applicantEmail()), preview.outcome().confirmationTo());
        assertEquals(Optional.of(RefundOutlook.ELIGIBLE), preview.outcome().claim().map(RefundClaim::outlook));
        assertTrue(preview.outcome().locksDownload());
        assertEquals(h.settings.caSlaBusinessDays(), preview.caSlaBusinessDays());
        assertTrue(preview.certificate().refundAdvice().orElseThrow().window().latestSafeApplyDate().isPresent());

        assertEquals(ItemOutcome.ACCEPTED, h.submit.preview(ACCOUNT_A, dv.id(), "1", alice).outcome().outcome());
        assertEquals(Optional.empty(), h.submit.preview(ACCOUNT_A, dv.id(), "1", alice).outcome().confirmationTo());
        RevocationPreview refused = h.submit.preview(ACCOUNT_A, up.id(), "superseded", alice).outcome();
        assertEquals(ItemOutcome.REFUSED, refused.outcome());
        assertEquals(ErrorCode.UPLOADED_NOT_REVOCABLE, refused.refusal().orElseThrow().code());
        assertFalse(refused.locksDownload());
        // The same refusal the real application gets.
        assertEquals(ErrorCode.UPLOADED_NOT_REVOCABLE, codeOf(() -> submit(up, "superseded", null)));

        assertEquals(ErrorCode.INVALID_REASON, codeOf(() -> h.submit.preview(ACCOUNT_A, ov.id(), "2", alice)));
        assertEquals(ErrorCode.CERTIFICATE_NOT_FOUND, codeOf(() -> h.submit.preview(ACCOUNT_B, ov.id(),
                "superseded", alice)));
        assertEquals(CertificateStatus.ISSUED, h.store.find(ACCOUNT_A, ov.id()).orElseThrow().status());
        assertEquals(eventsBefore, h.store.events(ACCOUNT_A, ov.id()));
        assertEquals(List.of(), h.workflow.runs());
    }

    static ErrorCode codeOf(Executable action) {
        return assertThrows(DomainException.class, action).code();
    }
}
