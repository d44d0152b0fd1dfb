package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.batch.BatchId;
import com.certshop.revocation.domain.batch.BatchStatus;
import com.certshop.revocation.domain.batch.ItemOutcome;
import com.certshop.revocation.domain.batch.ItemResult;
import com.certshop.revocation.domain.batch.Selection;
import com.certshop.revocation.domain.batch.Selections;
import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.confirmation.TokenDigest;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.BatchWorkflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkRevocationTest {
    private static final Instant ISSUED_AT = Instant.parse("2026-11-02T10:00:00Z");
    private static final Actor ALICE = Actor.customer(ACCOUNT_A, "alice@corp.example");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED_AT));
    private final Certificate ov = h.add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED_AT));
    private final Certificate old = h.add(TestCertificates.issued("old1", ValidationType.DV, ISSUED_AT.minusSeconds(90L * 86400)));
    private final Certificate uploaded = h.add(TestCertificates.uploaded("up1", ISSUED_AT));
    private final Certificate bobs = h.add(TestCertificates.issued("bob1", ACCOUNT_B, ValidationType.DV, ISSUED_AT,
            ISSUED_AT.plus(TestCertificates.VALIDITY)));

    private static Selection ids(String... ids) {
        return Selections.parse(List.of(ids), null);
    }

    private BulkRevocation.Submitted submit(Selection selection, String key) {
        return h.bulk.submit(new BulkRevocation.Command(ACCOUNT_A, ALICE, "keyCompromise", selection, key));
    }

    @Test
    void aDryRunSaysWhatWouldHappenToEachItemAndChangesNothing() {
        BulkRevocation.Preview preview = h.bulk.preview(ACCOUNT_A, ALICE, "keyCompromise",
                ids("dv1", "ov1", "old1", "up1", "bob1", "no such id!"));

        Map<String, BulkRevocation.PreviewItem> items = new java.util.HashMap<>();
        preview.items().forEach(i -> items.put(i.certificateId(), i));
        assertEquals(ItemOutcome.ACCEPTED, items.get("dv1").outcome());
        assertEquals(RefundOutlook.ELIGIBLE, items.get("dv1").refundOutlook());
        assertEquals(ItemOutcome.CONFIRMATION_NEEDED, items.get("ov1").outcome());
        assertEquals(ItemOutcome.ACCEPTED, items.get("old1").outcome());
        assertEquals(RefundOutlook.NOT_ELIGIBLE, items.get("old1").refundOutlook());
        assertEquals("UPLOADED_NOT_REVOCABLE", items.get("up1").errorCode());
        // Another account's certificate is as missing as one that never existed.
        assertEquals("CERTIFICATE_NOT_FOUND", items.get("bob1").errorCode());
        assertEquals("CERTIFICATE_NOT_FOUND", items.get("no such id!").errorCode());
        assertEquals(CertificateStatus.ISSUED, h.reload(dv).status());
        assertTrue(h.batchWorkflow.started.isEmpty());
    }

    @Test
    void submittingMakesOneBatchPerIdempotencyKeyAndStartsItsRun() {
        BulkRevocation.Submitted first = submit(ids("dv1", "ov1", "dv1"), "incident-42");
        BulkRevocation.Submitted again = submit(ids("dv1", "ov1"), "incident-42");

        assertFalse(first.replayed());
        assertTrue(again.replayed());
        assertEquals(first.batch().id(), again.batch().id());
        assertEquals(List.of("dv1", "ov1"), first.batch().ids());
        assertEquals(first.batch().id(), BatchId.derive(ACCOUNT_A, "incident-42"));
        // A replay leaves a running run alone.
        assertEquals(List.of(first.batch()), h.batchWorkflow.started);
        // Applying happens in the run, not here.
        assertEquals(CertificateStatus.ISSUED, h.reload(dv).status());
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() {
        submit(ids("dv1"), "incident-42");
        DomainException e = assertThrows(DomainException.class, () -> submit(ids("ov1"), "incident-42"));
        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, e.code());
    }

    @Test
    void aBulkRevocationNeedsAValidKeyAndReason() {
        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REQUIRED,
                assertThrows(DomainException.class, () -> submit(ids("dv1"), null)).code());
        assertEquals(ErrorCode.INVALID_IDEMPOTENCY_KEY,
                assertThrows(DomainException.class, () -> submit(ids("dv1"), "with space")).code());
        assertEquals(ErrorCode.INVALID_REASON, assertThrows(DomainException.class, () -> h.bulk.submit(
                new BulkRevocation.Command(ACCOUNT_A, ALICE, "because", ids("dv1"), "k"))).code());
        assertTrue(h.batchWorkflow.started.isEmpty());
    }

    @Test
    void aFailedRunStartFailsTheRequestAndTheSameKeyStartsItLater() {
        h.batchWorkflow.failNextStart(new IllegalStateException("Step Functions is down"));
        assertThrows(IllegalStateException.class, () -> submit(ids("dv1"), "k1"));
        assertEquals(BatchStatus.INTERRUPTED, h.bulk.report(ACCOUNT_A, BatchId.derive(ACCOUNT_A, "k1")).status());

        BulkRevocation.Submitted retried = submit(ids("dv1"), "k1");
        assertTrue(retried.replayed());
        assertEquals(1, h.batchWorkflow.started.size());
    }

    @Test
    void aRunThatStoppedBeforeTheEndIsReportedInterruptedAndTheSameRequestStartsTheNextRun() {
        Batch batch = submit(ids("dv1", "ov1"), "k1").batch();
        assertEquals(BatchStatus.APPLYING, h.bulk.report(ACCOUNT_A, batch.id()).status());
        h.batchWorkflow.end(batch, BatchWorkflow.RunState.STOPPED);
        assertEquals(BatchStatus.INTERRUPTED, h.bulk.report(ACCOUNT_A, batch.id()).status());

        BulkRevocation.Submitted resumed = submit(ids("dv1", "ov1"), "k1");
        assertTrue(resumed.replayed());
        assertEquals(2, resumed.batch().run());
        assertEquals(List.of(1, 2), h.batchWorkflow.started.stream().map(Batch::run).toList());
        assertEquals(BatchStatus.APPLYING, h.bulk.report(ACCOUNT_A, batch.id()).status());
        // The next replay finds run 2 running and starts nothing.
        submit(ids("dv1", "ov1"), "k1");
        assertEquals(2, h.batchWorkflow.started.size());

        h.batchWorkflow.end(resumed.batch(), BatchWorkflow.RunState.SUCCEEDED);
        assertEquals(BatchStatus.APPLIED, h.bulk.report(ACCOUNT_A, batch.id()).status());
        submit(ids("dv1", "ov1"), "k1");
        assertEquals(2, h.batchWorkflow.started.size());
    }

    @Test
    void aKeySelectorTakesTheAccountsIssuedCertificatesWithThatPublicKey() {
        Selection selection = Selections.parse(null, Map.of("publicKeySha256", dv.x509().spkiSha256().toUpperCase()));
        BulkRevocation.Submitted submitted = submit(selection, "leak");
        assertEquals(List.of("dv1"), submitted.batch().ids());
        assertFalse(submitted.batch().moreMatching());
    }

    @Test
    void aDomainSelectorTakesNamesAtAndBelowTheDomain() {
        // The test certificates are for {id}.example.com and www.{id}.example.com.
        assertEquals(List.of("ov1"), h.bulk.preview(ACCOUNT_A, ALICE, "superseded",
                Selections.parse(null, Map.of("domain", "OV1.example.com"))).items().stream()
                .map(BulkRevocation.PreviewItem::certificateId).toList());
        List<String> all = h.bulk.preview(ACCOUNT_A, ALICE, "superseded", Selections.parse(null, Map.of("domain", "example.com")))
                .items().stream().map(BulkRevocation.PreviewItem::certificateId).sorted().toList();
        // Only ISSUED certificates of this account: not the upload (example.org) nor Bob's.
        assertEquals(List.of("dv1", "old1", "ov1"), all);
    }

    @Test
    void theReportFollowsEachItemFromQueuedToWhereItsCertificateStands() {
        BatchId id = submit(ids("dv1", "ov1", "up1"), "k").batch().id();
        BulkRevocation.Report queued = h.bulk.report(ACCOUNT_A, id);
        assertTrue(queued.items().stream().allMatch(i -> i.outcome() == ItemOutcome.QUEUED));

        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "keyCompromise", ALICE, id.value()));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ov.id(), "keyCompromise", ALICE, id.value()));
        h.batches.saveResults(ACCOUNT_A, id, 0, List.of(ItemResult.applied("dv1", false, 1),
                ItemResult.applied("ov1", true, 1), ItemResult.refused("up1", "UPLOADED_NOT_REVOCABLE", "uploaded")));

        List<BulkRevocation.ReportItem> items = h.bulk.report(ACCOUNT_A, id).items();
        assertEquals(ItemOutcome.ACCEPTED, items.get(0).outcome());
        assertEquals(CertificateStatus.REVOKING, items.get(0).status());
        assertEquals(ItemOutcome.CONFIRMATION_NEEDED, items.get(1).outcome());
        assertEquals(ItemOutcome.REFUSED, items.get(2).outcome());
        assertEquals("UPLOADED_NOT_REVOCABLE", items.get(2).errorCode());
    }

    @Test
    void theReportFollowsTheBatchsOwnRevocationNotOneTheCustomerAppliedForAfterIt() {
        BatchId id = submit(ids("ov1"), "k").batch().id();
        h.applyBatch.applyChunk(ACCOUNT_A, id, 0);
        h.cancel.cancel(ACCOUNT_A, ov.id(), ALICE);
        assertEquals(ItemOutcome.LAPSED, h.bulk.report(ACCOUNT_A, id).items().get(0).outcome());

        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ov.id(), "superseded", ALICE, null));
        BulkRevocation.ReportItem item = h.bulk.report(ACCOUNT_A, id).items().get(0);
        assertEquals(ItemOutcome.LAPSED, item.outcome(), "the batch's revocation lapsed; the new one is not the batch's");
        assertEquals(CertificateStatus.AWAITING_CONFIRMATION, item.status(), "where the certificate stands now");
    }

    @Test
    void anItemWhoseCertificateIsGoneFromTheStoreIsReportedAsTheBatchAppliedItAndDeleted() {
        BatchId id = submit(ids("dv1", "ov1"), "k").batch().id();
        h.applyBatch.applyChunk(ACCOUNT_A, id, 0);
        h.store.forget(ACCOUNT_A, ov.id());

        List<BulkRevocation.ReportItem> items = h.bulk.report(ACCOUNT_A, id).items();
        assertEquals(ItemOutcome.ACCEPTED, items.get(0).outcome());
        assertEquals(CertificateStatus.REVOKING, items.get(0).status());
        assertEquals(ItemOutcome.CONFIRMATION_NEEDED, items.get(1).outcome(), "as the batch applied it");
        assertEquals(CertificateStatus.DELETED, items.get(1).status());
    }

    @Test
    void theReportTellsABatchsRevocationThatFailedFromOneTheCustomerAppliedForAfterIt() {
        BatchId id = submit(ids("dv1"), "k").batch().id();
        h.applyBatch.applyChunk(ACCOUNT_A, id, 0);
        h.ca.refuseRequests("no");
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1), "token-1");
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", ALICE, null));

        BulkRevocation.ReportItem item = h.bulk.report(ACCOUNT_A, id).items().get(0);
        assertEquals(ItemOutcome.FAILED, item.outcome());
        assertEquals(CertificateStatus.REVOKING, item.status());
    }

    @Test
    void aLinkWhoseTimeRanOutBeforeTheMailIsNotSent() {
        BatchId id = submit(ids("ov1"), "k").batch().id();
        h.applyBatch.applyChunk(ACCOUNT_A, id, 0);
        h.clock.advance(h.settings.confirmationValidity());

        h.applyBatch.mailApplicants(ACCOUNT_A, id);
        assertTrue(h.mailer.batchMessages().isEmpty(), "its run lapses the revocation");
    }

    @Test
    void aLinkMailedLateExpiresBeforeTheWaitItsRunBeganAtTheApplication() {
        BatchId id = submit(ids("ov1"), "k").batch().id();
        h.applyBatch.applyChunk(ACCOUNT_A, id, 0);
        Instant appliedAt = h.reload(ov).revocation().requestedAt();
        h.clock.advance(Duration.ofHours(2)); // chunk retries, a large batch

        h.applyBatch.mailApplicants(ACCOUNT_A, id);
        Instant validUntil = appliedAt.plus(h.settings.confirmationValidity());
        assertEquals(validUntil, h.mailer.sent().get(h.mailer.sent().size() - 1).expiresAt(), "what the mail says");
        TokenDigest digest = new ConfirmationToken(h.mailer.confirmationTokenFor(ov.id())).digest();
        assertEquals(validUntil, h.confirmations.find(digest).orElseThrow().expiresAt(), "what the link does");
    }

    @Test
    void anotherAccountsBatchIsNotFound() {
        BatchId id = submit(ids("dv1"), "k").batch().id();
        DomainException e = assertThrows(DomainException.class, () -> h.bulk.report(ACCOUNT_B, id));
        assertEquals(ErrorCode.BATCH_NOT_FOUND, e.code());
    }
}
