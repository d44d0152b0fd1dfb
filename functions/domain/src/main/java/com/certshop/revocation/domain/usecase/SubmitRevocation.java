package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.certshop.revocation.domain.port.SkippedItems;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer applies to revoke a certificate. The certificate is locked from this moment; OV and
 * EV revocations then wait for the applicant's e-mail confirmation, DV ones go to the CA.
 *
 * <p>Idempotency: the key is kept on the revocation it created. The same key again for the same
 * certificate answers with that revocation as it stands now (and makes sure its workflow runs),
 * so a client that lost the first response can safely retry.
 */
public final class SubmitRevocation {
    private final CertificateStore store;
    private final ApplyForRevocation applications;
    private final RevocationWorkflow workflow;
    private final RefundPolicy refundPolicy;
    private final SkippedItems notStarted;
    private final Clock clock;

    /** @param notStarted where an application whose run could not start is reported (the sweep starts it) */
    public SubmitRevocation(CertificateStore store, RevocationWorkflow workflow, RefundPolicy refundPolicy,
            SkippedItems notStarted, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.applications = new ApplyForRevocation(store, refundPolicy, clock);
        this.workflow = Objects.requireNonNull(workflow);
        this.refundPolicy = Objects.requireNonNull(refundPolicy);
        this.notStarted = Objects.requireNonNull(notStarted);
        this.clock = Objects.requireNonNull(clock);
    }

    public Result submit(Command command) {
        ApplyForRevocation.Applied applied = applications.apply(command);
        applied.start().ifPresent(start -> startWorkflow(start, applied));
        return applied.result();
    }

    /**
     * What {@link #submit} would do now, writing nothing and starting nothing. The Idempotency-Key
     * plays no part: a dry run never creates what a replay could return.
     */
    public Preview preview(AccountId account, CertificateId id, String reason, Actor actor) {
        RevocationRequest request = new RevocationRequest(RevocationReason.parse(reason), actor, null);
        Instant now = clock.instant();
        Certificate certificate = Transitions.visible(store, account, id);
        return new Preview(CertificateView.of(certificate, refundPolicy, now),
                RevocationPreview.of(certificate, request, refundPolicy, now), refundPolicy.caSlaBusinessDays());
    }

    /**
     * On a replay this heals a start that failed after the write: the run name is derived from
     * certificate and attempt, so a run that already exists is not started twice. A start that
     * fails does not fail the application: the revocation is written and the certificate locked,
     * so the truthful answer is the revocation as stored. The scheduled sweep starts the missing
     * run after its grace period, a retry with the same Idempotency-Key sooner, and until then the
     * customer may still cancel it (nothing has reached the CA).
     */
    private void startWorkflow(RevocationWorkflow.Start start, ApplyForRevocation.Applied applied) {
        try {
            workflow.start(start);
        } catch (RuntimeException e) {
            notStarted.skipped(Optional.of(applied.certificate()), e);
        }
    }

    /**
     * @param reason         the reason as the customer sent it: an RFC 5280 name or code
     * @param idempotencyKey the Idempotency-Key header, or null
     * @param batchId        the bulk revocation this application is part of, or null
     */
    public record Command(AccountId accountId, CertificateId certificateId, String reason, Actor requestedBy,
            String idempotencyKey, String batchId) {

        /** An application of its own, not part of a batch. */
        public Command(AccountId accountId, CertificateId certificateId, String reason, Actor requestedBy,
                String idempotencyKey) {
            this(accountId, certificateId, reason, requestedBy, idempotencyKey, null);
        }
    }

    /**
     * @param certificate       the certificate as it stands (unchanged by the dry run)
     * @param caSlaBusinessDays how long the CA may take once it has the revocation
     */
    public record Preview(CertificateView certificate, RevocationPreview outcome, int caSlaBusinessDays) {
    }

    /**
     * @param refundOutlook what this revocation means for the refund; AT_RISK is the warning that
     *                      fewer business days are left than the CA may take
     * @param replayed      true when this answers a repeated Idempotency-Key rather than a new application
     */
    public record Result(CertificateView certificate, RefundOutlook refundOutlook, boolean replayed) {
        public boolean refundAtRisk() {
            return refundOutlook == RefundOutlook.AT_RISK;
        }
    }
}
