package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.RefundLedger;
import com.certshop.revocation.domain.port.SkippedItems;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The scheduled refund check. Every pending claim that can be decided is settled: revocations the
 * CA completed inside the window are refunded, those it completed later are marked not eligible,
 * and those it has not completed yet wait for its answer, however late the service learns it.
 *
 * <p>Exactly once: the ledger call carries a key fixed per certificate and attempt, so a retry or a
 * concurrent run pays nothing twice; the claim is then settled by a conditional write, so only one
 * run records it and notifies the customer.
 */
public final class SettleRefunds {
    private final CertificateStore store;
    private final RefundLedger ledger;
    private final Mailer mailer;
    private final SkippedItems skipped;
    private final Clock clock;

    /** @param skipped where each claim the run could not read or settle is reported */
    public SettleRefunds(CertificateStore store, RefundLedger ledger, Mailer mailer, SkippedItems skipped, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.ledger = Objects.requireNonNull(ledger);
        this.mailer = Objects.requireNonNull(mailer);
        this.skipped = Objects.requireNonNull(skipped);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Settles every claim that is due, however long that takes. */
    public Report run() {
        return run(() -> true);
    }

    /**
     * Settles the claims that are due while {@code timeLeft} says there is time for one more. It is
     * asked before each claim, never during one, so a claim is settled whole or not touched; the
     * claims not reached stay due and the next run takes them.
     */
    public Report run(BooleanSupplier timeLeft) {
        Instant now = clock.instant();
        int refunded = 0;
        int denied = 0;
        int failed = 0;
        List<Certificate> due = store.pendingRefundsDueBy(now);
        for (int taken = 0; taken < due.size(); taken++) {
            if (!timeLeft.getAsBoolean()) {
                return new Report(refunded, denied, failed, due.size() - taken);
            }
            // Each claim on its own: one that cannot be read or settled is reported and counted, and
            // the others are still paid. It stays due, so the next run tries it again.
            Optional<Certificate> item = Optional.empty();
            try {
                Certificate claim = due.get(taken);
                item = Optional.of(claim);
                Transitions.Outcome outcome = Transitions.update(store, claim.accountId(), claim.id(), c -> settle(c, now));
                if (outcome.changed()) {
                    mailer.sendNotice(Mailer.Notice.REFUND_SETTLED, outcome.certificate());
                    if (outcome.certificate().revocation().refund().refundReference() != null) {
                        refunded++;
                    } else {
                        denied++;
                    }
                }
            } catch (RuntimeException e) {
                skipped.skipped(item, e);
                failed++;
            }
        }
        return new Report(refunded, denied, failed, 0);
    }

    private Optional<Transition> settle(Certificate c, Instant now) {
        Revocation revocation = c.revocation();
        if (revocation == null || revocation.refund() == null || !revocation.refund().isPending()) {
            return Optional.empty();
        }
        RefundClaim claim = revocation.refund();
        // A claim whose revocation the CA has not completed stays due and is looked at again each run
        // (one read) until the CA's answer makes it decidable, or the attempt ends and drops it.
        return RefundPolicy.decide(claim.windowEnd(), revocation.requestedAt(), revocation.revokedAt())
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

    /**
     * @param refunded claims this run refunded
     * @param denied   claims this run settled without a refund
     * @param failed   claims this run could not read or settle (each reported to {@link SkippedItems}); they stay due
     * @param left     due claims this run had no time to look at; they wait for the next run
     */
    public record Report(int refunded, int denied, int failed, int left) {
        /** A run that reached and settled or skipped every due claim without a failure. */
        public Report(int refunded, int denied) {
            this(refunded, denied, 0, 0);
        }
    }
}
