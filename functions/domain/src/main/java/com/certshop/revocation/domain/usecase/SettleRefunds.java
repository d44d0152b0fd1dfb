package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.RefundLedger;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheduled refund check. Every pending claim that can be decided is settled: revocations the
 * CA completed inside the window are refunded, those completed late or still unfinished when the
 * window closed are marked not eligible.
 *
 * <p>Exactly once: the ledger call carries a key fixed per certificate and attempt, so a retry or a
 * concurrent run pays nothing twice; the claim is then settled by a conditional write, so only one
 * run records it and notifies the customer.
 */
public final class SettleRefunds {
    private final CertificateStore store;
    private final RefundLedger ledger;
    private final Mailer mailer;
    private final RefundPolicy refundPolicy;
    private final Clock clock;

    public SettleRefunds(CertificateStore store, RefundLedger ledger, Mailer mailer, RefundPolicy refundPolicy,
            Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.ledger = Objects.requireNonNull(ledger);
        this.mailer = Objects.requireNonNull(mailer);
        this.refundPolicy = Objects.requireNonNull(refundPolicy);
        this.clock = Objects.requireNonNull(clock);
    }

    public Report run() {
        Instant now = clock.instant();
        int refunded = 0;
        int denied = 0;
        for (Certificate due : store.pendingRefundsDueBy(now)) {
            Transitions.Outcome outcome = Transitions.update(store, due.accountId(), due.id(), c -> settle(c, now));
            if (outcome.changed()) {
                mailer.sendNotice(Mailer.Notice.REFUND_SETTLED, outcome.certificate());
                if (outcome.certificate().revocation().refund().refundReference() != null) {
                    refunded++;
                } else {
                    denied++;
                }
            }
        }
        return new Report(refunded, denied);
    }

    private Optional<Transition> settle(Certificate c, Instant now) {
        Revocation revocation = c.revocation();
        if (revocation == null || revocation.refund() == null || !revocation.refund().isPending()) {
            return Optional.empty();
        }
        RefundClaim claim = revocation.refund();
        return refundPolicy.decide(c.issuedAt(), revocation.requestedAt(), revocation.revokedAt(), now)
                .map(decision -> {
                    RefundClaim settled = decision.refund()
                            ? claim.refunded(ledger.refund(orderFor(c)), now)
                            : claim.denied(decision.denial(), now);
                    return Lifecycle.refundSettled(c, settled, now);
                });
    }

    private static RefundLedger.Order orderFor(Certificate c) {
        return new RefundLedger.Order("revocation-refund/" + c.id() + "/attempt-" + c.revocation().attempt(),
                c.accountId(), c.id(), c.orderId(), c.pricePaid());
    }

    /** How many claims this run refunded and how many it settled without a refund. */
    public record Report(int refunded, int denied) {
    }
}
