package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The customer withdraws a revocation that is still waiting for e-mail confirmation. */
public final class CancelRevocation {
    private final CertificateStore store;
    private final RevocationWorkflow workflow;
    private final Mailer mailer;
    private final RefundPolicy refundPolicy;
    private final Clock clock;

    public CancelRevocation(CertificateStore store, RevocationWorkflow workflow, Mailer mailer,
            RefundPolicy refundPolicy, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.workflow = Objects.requireNonNull(workflow);
        this.mailer = Objects.requireNonNull(mailer);
        this.refundPolicy = Objects.requireNonNull(refundPolicy);
        this.clock = Objects.requireNonNull(clock);
    }

    public CertificateView cancel(AccountId account, CertificateId id, Actor customer) {
        Instant now = clock.instant();
        Certificate certificate = Transitions.update(store, account, id,
                current -> Optional.of(Lifecycle.cancel(current, customer, now))).certificate();
        String taskToken = certificate.revocation().taskToken();
        if (taskToken != null) {
            workflow.confirmationRefused(taskToken, LapseCause.CANCELLED_BY_CUSTOMER);
        }
        // Without a token the workflow has not mailed the applicant yet; its confirmation step will
        // find the revocation lapsed and end the run itself.
        mailer.sendNotice(Mailer.Notice.REVOCATION_LAPSED, certificate);
        return CertificateView.of(certificate, refundPolicy, now);
    }
}
