package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.batch.BatchId;
import com.certshop.revocation.domain.batch.BatchStatus;
import com.certshop.revocation.domain.batch.ItemOutcome;
import com.certshop.revocation.domain.batch.ItemResult;
import com.certshop.revocation.domain.batch.Selection;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.port.BatchStore;
import com.certshop.revocation.domain.port.BatchWorkflow;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer revokes many certificates at once: listed by id, or every ISSUED certificate sharing
 * a public key or covering a domain. Each item follows exactly the single-revocation rules; the
 * batch is applied asynchronously by {@link ApplyBatch}, chunk by chunk. A dry run answers what
 * would happen to each item and changes nothing.
 */
public final class BulkRevocation {
    private final CertificateStore store;
    private final BatchStore batches;
    private final BatchWorkflow workflow;
    private final RefundPolicy refundPolicy;
    private final Clock clock;

    public BulkRevocation(CertificateStore store, BatchStore batches, BatchWorkflow workflow, RefundPolicy refundPolicy,
            Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.batches = Objects.requireNonNull(batches);
        this.workflow = Objects.requireNonNull(workflow);
        this.refundPolicy = Objects.requireNonNull(refundPolicy);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What applying would do to each selected certificate, without changing anything. */
    public Preview preview(AccountId account, Actor actor, String reason, Selection selection) {
        RevocationRequest request = new RevocationRequest(RevocationReason.parse(reason), actor, null);
        Instant now = clock.instant();
        Resolved resolved = resolve(account, selection);
        List<PreviewItem> items = new ArrayList<>();
        for (String id : resolved.ids()) {
            items.add(previewOne(account, id, request, now));
        }
        return new Preview(items, resolved.moreMatching());
    }

    private PreviewItem previewOne(AccountId account, String rawId, RevocationRequest request, Instant now) {
        RevocationPreview preview;
        try {
            preview = RevocationPreview.of(Transitions.visible(store, account, new CertificateId(rawId)), request,
                    refundPolicy, now);
        } catch (DomainException e) {
            return new PreviewItem(rawId, ItemOutcome.REFUSED, e.code().name(), e.getMessage(), null);
        }
        return new PreviewItem(rawId, preview.outcome(), preview.refusal().map(e -> e.code().name()).orElse(null),
                preview.refusal().map(DomainException::getMessage).orElse(null),
                preview.claim().map(RefundClaim::outlook).orElse(null));
    }

    /**
     * Makes the batch and starts applying it. The same Idempotency-Key again answers with the batch
     * it made, and starts its run if the first start failed or its next run if the last one stopped
     * before the end; with another reason or selection it is IDEMPOTENCY_KEY_REUSED.
     */
    public Submitted submit(Command command) {
        RevocationReason reason = RevocationReason.parse(command.reason());
        String key = IdempotencyKeys.valid(command.idempotencyKey());
        if (key == null) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED, "A bulk revocation needs an Idempotency-Key"
                    + " header: a retry with the same key is applied once.");
        }
        BatchId id = BatchId.derive(command.accountId(), key);
        Optional<Batch> existing = batches.find(command.accountId(), id);
        if (existing.isPresent()) {
            return replay(existing.get(), reason, command.selection());
        }
        Resolved resolved = resolve(command.accountId(), command.selection());
        Batch batch = new Batch(id, command.accountId(), reason, command.requestedBy(), clock.instant(),
                command.selection().describe(), resolved.ids(), resolved.moreMatching(), 1);
        if (!batches.create(batch)) {
            // The same key, concurrently: the batch that won is the answer.
            return replay(batches.find(command.accountId(), id).orElseThrow(), reason, command.selection());
        }
        workflow.start(batch);
        return new Submitted(batch, false);
    }

    private Submitted replay(Batch batch, RevocationReason reason, Selection selection) {
        if (!batch.isSameRequest(reason, selection.describe())) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used for"
                    + " another bulk revocation; use a new key for a new request.");
        }
        return new Submitted(switch (workflow.runState(batch)) {
            case NOT_STARTED -> {
                workflow.start(batch);
                yield batch;
            }
            case STOPPED -> resume(batch);
            case RUNNING, SUCCEEDED -> batch;
        }, true);
    }

    /**
     * Starts the next run of a batch whose run stopped before the end. It applies every chunk again:
     * an item already applied finds its revocation (the batch id is its Idempotency-Key), a revocation
     * run already started exists, and only applicants not yet mailed are mailed.
     */
    private Batch resume(Batch stopped) {
        Batch next = stopped.nextRun();
        if (!batches.nextRun(stopped)) {
            // Another replay moved it on at the same time, and starts that run.
            return batches.find(stopped.accountId(), stopped.id()).orElseThrow();
        }
        workflow.start(next);
        return next;
    }

    /** Each item as it stands now, with totals. */
    public Report report(AccountId account, BatchId id) {
        Batch batch = batches.find(account, id)
                .orElseThrow(() -> new DomainException(ErrorCode.BATCH_NOT_FOUND, "No such batch."));
        Map<String, ItemResult> applied = new HashMap<>();
        batches.results(account, id).forEach(r -> applied.put(r.certificateId(), r));
        Map<CertificateId, Certificate> current = store.findAll(account, applied.values().stream()
                .filter(r -> r.outcome() != ItemOutcome.REFUSED).map(r -> new CertificateId(r.certificateId())).toList());
        List<ReportItem> items = new ArrayList<>();
        for (String rawId : batch.ids()) {
            items.add(reportOne(rawId, applied.get(rawId), current.get(new CertificateId(rawId))));
        }
        return new Report(batch, BatchStatus.of(workflow.runState(batch)), items);
    }

    /**
     * Where the batch's own revocation of an item stands: the attempt the batch applied, never a
     * later one the customer applied for after it ended; the status is the certificate's now.
     */
    private ReportItem reportOne(String rawId, ItemResult applied, Certificate current) {
        if (applied == null) {
            return new ReportItem(rawId, ItemOutcome.QUEUED, null, null, null);
        }
        if (applied.outcome() == ItemOutcome.REFUSED) {
            return new ReportItem(rawId, ItemOutcome.REFUSED, applied.errorCode(), applied.message(), null);
        }
        if (current == null) {
            // Gone from the store entirely (tombstones stay, so only by hand): as the batch applied it.
            return new ReportItem(rawId, applied.outcome(), null, null, CertificateStatus.DELETED);
        }
        ItemOutcome outcome = Transitions.endingOf(store, current, applied.attempt()).map(ending -> switch (ending) {
            case REVOKED -> ItemOutcome.REVOKED;
            case FAILED -> ItemOutcome.FAILED;
            case LAPSED -> ItemOutcome.LAPSED;
        }).orElseGet(() -> underWay(current.revocation()));
        return new ReportItem(rawId, outcome, null, null, current.status());
    }

    /** Where an attempt still under way stands (whatever became of its certificate since it began). */
    private static ItemOutcome underWay(Revocation r) {
        return r.confirmationRequired() && r.confirmedAt() == null ? ItemOutcome.CONFIRMATION_NEEDED : ItemOutcome.ACCEPTED;
    }

    /** The ids a selection names: as listed, or the matching ISSUED certificates, at most {@link Selection#MAX_ITEMS}. */
    private Resolved resolve(AccountId account, Selection selection) {
        if (selection instanceof Selection.Listed listed) {
            return new Resolved(listed.ids(), false);
        }
        List<String> ids = store.withStatus(account, CertificateStatus.ISSUED).filter(selection::matches)
                .limit(Selection.MAX_ITEMS + 1L).map(c -> c.id().value()).toList();
        if (ids.size() > Selection.MAX_ITEMS) {
            return new Resolved(ids.subList(0, Selection.MAX_ITEMS), true);
        }
        return new Resolved(ids, false);
    }

    private record Resolved(List<String> ids, boolean moreMatching) {
    }

    /** @param reason the reason as the customer sent it: an RFC 5280 name or code */
    public record Command(AccountId accountId, Actor requestedBy, String reason, Selection selection,
            String idempotencyKey) {
    }

    public record Submitted(Batch batch, boolean replayed) {
    }

    /** @param refundOutlook what a revocation applied now would mean for the refund; null when refused */
    public record PreviewItem(String certificateId, ItemOutcome outcome, String errorCode, String message,
            RefundOutlook refundOutlook) {
    }

    /** @param moreMatching true when the selector matched more than one request may take */
    public record Preview(List<PreviewItem> items, boolean moreMatching) {
    }

    /** @param status the certificate's status now; null for refused and queued items */
    public record ReportItem(String certificateId, ItemOutcome outcome, String errorCode, String message,
            CertificateStatus status) {
    }

    public record Report(Batch batch, BatchStatus status, List<ReportItem> items) {
    }
}
