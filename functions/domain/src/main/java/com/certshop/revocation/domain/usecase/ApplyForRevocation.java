package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.certshop.revocation.domain.refund.RefundPolicy;
import com.certshop.revocation.domain.usecase.SubmitRevocation.Command;
import com.certshop.revocation.domain.usecase.SubmitRevocation.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes an application to revoke, without starting its workflow run: {@link SubmitRevocation}
 * starts the run of a single application, a batch's machine the runs of its items. Apart from
 * it so that the batch's steps, which cannot start a run, need no way to.
 */
public final class ApplyForRevocation {
    private final CertificateStore store;
    private final RefundPolicy refundPolicy;
    private final Clock clock;

    public ApplyForRevocation(CertificateStore store, RefundPolicy refundPolicy, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.refundPolicy = Objects.requireNonNull(refundPolicy);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Writes the application, or finds the one a replayed key made, without starting its run: the
     * run to start, if any, is in the answer. A batch's machine starts its items' runs itself.
     */
    public Applied apply(Command command) {
        RevocationReason reason = RevocationReason.parse(command.reason());
        String key = IdempotencyKeys.valid(command.idempotencyKey());
        Instant now = clock.instant();
        RevocationRequest request = new RevocationRequest(reason, command.requestedBy(), key, command.batchId());

        Transitions.Outcome outcome = Transitions.update(store, command.accountId(), command.certificateId(), current -> {
            // A deleted certificate is not found, even for a replayed key.
            if (isReplay(Transitions.requireVisible(current), key, reason)) {
                return Optional.empty();
            }
            if (madeAnEarlierAttempt(current, key)) {
                throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED, command.batchId() != null
                        ? "This bulk revocation already applied for this certificate's revocation, which has ended since."
                        : "This Idempotency-Key was used for an earlier revocation of this certificate, which has ended;"
                                + " use a new key for a new request.");
            }
            RefundClaim claim = refundPolicy.claimFor(current.issuedAt(), now);
            return Optional.of(Lifecycle.submit(current, request, claim, now));
        });
        Certificate certificate = outcome.certificate();
        Optional<RevocationWorkflow.Start> start = outcome.changed() || certificate.status().revocationInProgress()
                ? Optional.of(RevocationWorkflow.Start.of(certificate)) : Optional.empty();
        RefundOutlook outlook = certificate.revocation().refundClaim().map(RefundClaim::outlook)
                .orElse(RefundOutlook.NOT_ELIGIBLE);
        return new Applied(certificate, new Result(CertificateView.of(certificate, refundPolicy, now), outlook, !outcome.changed()), start);
    }

    /** The same key on this certificate's latest revocation: answer with it instead of applying again. */
    private static boolean isReplay(Certificate current, String key, RevocationReason reason) {
        Revocation latest = current.revocation();
        if (key == null || latest == null || !key.equals(latest.idempotencyKey())) {
            return false;
        }
        if (latest.reason() != reason) {
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used for a"
                    + " revocation with reason " + latest.reason().rfcName() + "; use a new key for a new request.");
        }
        return true;
    }

    /**
     * Whether the key made an attempt before the latest one (the certificate keeps only its latest;
     * the trail says which key made each). A late retry of a request whose revocation has since
     * ended, and been applied for again, must not apply a third time.
     */
    private boolean madeAnEarlierAttempt(Certificate current, String key) {
        Revocation latest = current.revocation();
        return key != null && latest != null && latest.attempt() > 1
                && store.events(current.accountId(), current.id()).stream()
                        .anyMatch(e -> e.type() == EventType.REVOCATION_REQUESTED
                                && key.equals(e.details().get(Lifecycle.IDEMPOTENCY_KEY_DETAIL)));
    }

    /**
     * @param certificate the certificate as this application left it
     * @param start the run this application needs (a new one, or a replayed one still in progress,
     *              whose run may never have started); empty when nothing is under way
     */
    public record Applied(Certificate certificate, Result result, Optional<RevocationWorkflow.Start> start) {
    }
}
