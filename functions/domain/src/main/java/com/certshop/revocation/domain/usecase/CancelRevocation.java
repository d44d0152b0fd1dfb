package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.certshop.revocation.domain.port.WorkflowSignals;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer withdraws a revocation that has not gone towards the CA: one still waiting for
 * e-mail confirmation, or one whose workflow never started.
 */
public final class CancelRevocation {
    private final CertificateStore store;
    private final RevocationWorkflow workflow;
    private final WorkflowSignals signals;
    private final Mailer mailer;
    private final RefundPolicy refundPolicy;
    private final Clock clock;

    public CancelRevocation(CertificateStore store, RevocationWorkflow workflow, WorkflowSignals signals, Mailer mailer,
            RefundPolicy refundPolicy, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.workflow = Objects.requireNonNull(workflow);
        this.signals = Objects.requireNonNull(signals);
        this.mailer = Objects.requireNonNull(mailer);
        this.refundPolicy = Objects.requireNonNull(refundPolicy);
        this.clock = Objects.requireNonNull(clock);
    }

    public CertificateView cancel(AccountId account, CertificateId id, Actor customer) {
        Instant now = clock.instant();
        Certificate certificate = Transitions.update(store, account, id,
                current -> Optional.of(Lifecycle.cancel(current, workflowStarted(current), customer, now)))
                .certificate();
        String taskToken = certificate.revocation().taskToken();
        if (taskToken != null) {
            signals.confirmationRefused(taskToken, LapseCause.CANCELLED_BY_CUSTOMER);
        }
        // Without a token the workflow has not mailed the applicant yet (or never started); its
        // confirmation step will find the revocation lapsed and end the run itself.
        mailer.sendNotice(Mailer.Notice.REVOCATION_LAPSED, certificate);
        return CertificateView.of(certificate, refundPolicy, now);
    }

    /**
     * Asked only where the answer decides (REVOKING): whether the attempt's run exists. A run the
     * sweep starts between this question and the write would find the revocation lapsed at its
     * first step, unless that step read it before the write; the sweep waits a grace period after
     * the application, which keeps that window to a revocation left stuck for that long.
     */
    private boolean workflowStarted(Certificate current) {
        return current.status() == CertificateStatus.REVOKING
                && workflow.runState(RevocationWorkflow.Start.of(current)) != RevocationWorkflow.RunState.NOT_STARTED;
    }
}
