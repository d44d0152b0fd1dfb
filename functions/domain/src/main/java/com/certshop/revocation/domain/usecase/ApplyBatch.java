package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.model.CertificateStatus.AWAITING_CONFIRMATION;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.batch.BatchId;
import com.certshop.revocation.domain.batch.ItemOutcome;
import com.certshop.revocation.domain.batch.ItemResult;
import com.certshop.revocation.domain.confirmation.ConfirmationTokens;
import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.port.BatchStore;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.ConfirmationStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The batch run's steps (statemachine/revocation-batch.asl.json): apply a chunk of items, then
 * mail each applicant once. Both may run again (a retried task); each looks at what is already
 * done: an item applied again is a replay of its single revocation, and a certificate whose
 * confirmation mail went out is not mailed again.
 */
public final class ApplyBatch {
    private final BatchStore batches;
    private final CertificateStore store;
    private final ApplyForRevocation applications;
    private final ConfirmationStore confirmations;
    private final ConfirmationTokens tokens;
    private final Mailer mailer;
    private final Clock clock;

    public ApplyBatch(BatchStore batches, CertificateStore store, ApplyForRevocation applications, ConfirmationStore confirmations,
            ConfirmationTokens tokens, Mailer mailer, Clock clock) {
        this.batches = Objects.requireNonNull(batches);
        this.store = Objects.requireNonNull(store);
        this.applications = Objects.requireNonNull(applications);
        this.confirmations = Objects.requireNonNull(confirmations);
        this.tokens = Objects.requireNonNull(tokens);
        this.mailer = Objects.requireNonNull(mailer);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Applies each item of the chunk exactly as a single revocation with the batch id as its
     * Idempotency-Key, records how each went, and answers the runs to start (the batch's machine
     * starts them). A refusal is the item's result; an outage or a lost race fails the whole
     * chunk, which the machine retries (the workflow handler names a lost race so that it does).
     */
    public List<RevocationWorkflow.Start> applyChunk(AccountId account, BatchId id, int chunk) {
        Batch batch = find(account, id);
        List<ItemResult> results = new ArrayList<>();
        List<RevocationWorkflow.Start> starts = new ArrayList<>();
        for (String rawId : batch.chunk(chunk)) {
            try {
                ApplyForRevocation.Applied applied = applications.apply(new SubmitRevocation.Command(account,
                        new CertificateId(rawId), batch.reason().rfcName(), batch.requestedBy(), id.value(), id.value()));
                Certificate c = applied.result().certificate().certificate();
                results.add(ItemResult.applied(rawId, c.type().revocationNeedsConfirmation(), c.revocation().attempt()));
                applied.start().ifPresent(starts::add);
            } catch (DomainException e) {
                if (e.code() == ErrorCode.CONCURRENT_UPDATE) {
                    throw e;
                }
                results.add(ItemResult.refused(rawId, e.code().name(), e.getMessage()));
            }
        }
        batches.saveResults(account, id, chunk, results);
        return starts;
    }

    /**
     * One message per applicant listing each of their certificates still awaiting a confirmation
     * mail, each with its own link. The links are stored before the mail goes and the mail is
     * recorded after it went: a retry after a failed send mails again with new links, never
     * leaving a certificate without one. A certificate whose link's time ran out before the mail is
     * left out: its run lapses it.
     */
    public void mailApplicants(AccountId account, BatchId id) {
        find(account, id);
        List<ItemResult> needingMail = batches.results(account, id).stream()
                .filter(r -> r.outcome() == ItemOutcome.CONFIRMATION_NEEDED).toList();
        Map<CertificateId, Certificate> listed = store.findAll(account,
                needingMail.stream().map(r -> new CertificateId(r.certificateId())).toList());
        Instant now = clock.instant();
        Map<String, List<Certificate>> byApplicant = new LinkedHashMap<>();
        for (ItemResult r : needingMail) {
            // A link whose time ran out before the mail is not sent: its run lapses the revocation.
            Optional.ofNullable(listed.get(new CertificateId(r.certificateId())))
                    .filter(c -> c.isAt(r.attempt(), AWAITING_CONFIRMATION) && c.revocation().confirmationSentAt() == null
                            && now.isBefore(linkExpiry(c)))
                    .ifPresent(c -> byApplicant.computeIfAbsent(c.applicantEmail(), k -> new ArrayList<>()).add(c));
        }
        byApplicant.forEach((applicant, certificates) -> {
            List<Mailer.Link> links = new ArrayList<>();
            Instant expiresAt = null;
            for (Certificate c : certificates) {
                ConfirmationTokens.Issued issued = tokens.issueExpiringAt(linkExpiry(c));
                confirmations.save(new PendingConfirmation(issued.digest(), account, c.id(), c.revocation().attempt(),
                        issued.expiresAt()));
                links.add(new Mailer.Link(c, issued.token()));
                expiresAt = expiresAt == null || issued.expiresAt().isBefore(expiresAt) ? issued.expiresAt() : expiresAt;
            }
            mailer.sendBatchConfirmationRequest(applicant, links, expiresAt);
            for (Certificate c : certificates) {
                int attempt = c.revocation().attempt();
                Transitions.update(store, account, c.id(), current ->
                        current.isAt(attempt, AWAITING_CONFIRMATION) && current.revocation().confirmationSentAt() == null
                                ? Optional.of(Lifecycle.confirmationSent(current, attempt, current.revocation().taskToken(), now))
                                : Optional.empty());
            }
        });
    }

    /**
     * The item's run began waiting for the answer after it was applied for, for the link's validity
     * plus a grace: a link valid for the validity from the application expires before that wait
     * ends, however late the mail goes.
     */
    private Instant linkExpiry(Certificate c) {
        return c.revocation().requestedAt().plus(tokens.validity());
    }

    private Batch find(AccountId account, BatchId id) {
        return batches.find(account, id)
                .orElseThrow(() -> new DomainException(ErrorCode.BATCH_NOT_FOUND, "No such batch."));
    }
}
