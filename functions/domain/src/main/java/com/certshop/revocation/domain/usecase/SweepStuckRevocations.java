package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.certshop.revocation.domain.port.SkippedItems;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Finds revocations that nothing is moving forward. The submission writes the revocation first and
 * starts its workflow second; if the start failed and the client never retried with its
 * Idempotency-Key, the certificate would stay locked for good. Such a revocation, still in
 * progress a grace period after it was applied for and with no workflow run, gets its run started
 * (the run name is fixed per attempt, so this can never start a second one). A revocation whose
 * run has already ended while it still shows in progress is reported for an operator instead:
 * guessing its outcome could lose a revocation the CA has carried out.
 */
public final class SweepStuckRevocations {
    private final CertificateStore store;
    private final RevocationWorkflow workflow;
    private final Duration grace;
    private final SkippedItems skipped;
    private final Clock clock;

    /** @param skipped where each revocation the sweep could not look at or start is reported */
    public SweepStuckRevocations(CertificateStore store, RevocationWorkflow workflow, Duration grace, SkippedItems skipped,
            Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.workflow = Objects.requireNonNull(workflow);
        this.grace = Objects.requireNonNull(grace);
        this.skipped = Objects.requireNonNull(skipped);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Looks at every revocation in progress past the grace period, however long that takes. */
    public Report run() {
        return run(() -> true);
    }

    /**
     * Looks at the revocations in progress past the grace period while {@code timeLeft} says there is
     * time for one more. It is asked before each revocation, never during one; those not reached
     * are found again by the next run.
     */
    public Report run(BooleanSupplier timeLeft) {
        int started = 0;
        int failed = 0;
        List<CertificateId> needAttention = new ArrayList<>();
        List<Certificate> candidates = store.revocationsInProgressSince(clock.instant().minus(grace));
        for (int looked = 0; looked < candidates.size(); looked++) {
            if (!timeLeft.getAsBoolean()) {
                return new Report(started, needAttention, failed, candidates.size() - looked);
            }
            // Each revocation on its own: one that cannot be read or started is reported and counted,
            // and the others are still looked at. It stays in progress, so the next run finds it.
            Optional<Certificate> item = Optional.empty();
            try {
                Certificate c = candidates.get(looked);
                item = Optional.of(c);
                RevocationWorkflow.Start start = RevocationWorkflow.Start.of(c);
                switch (workflow.runState(start)) {
                    case NOT_STARTED -> {
                        workflow.start(start);
                        started++;
                    }
                    case ENDED -> needAttention.add(c.id());
                    case RUNNING -> { }
                }
            } catch (RuntimeException e) {
                skipped.skipped(item, e);
                failed++;
            }
        }
        return new Report(started, needAttention, failed, 0);
    }

    /**
     * @param workflowsStarted revocations whose run was missing and has now been started
     * @param needAttention    revocations still in progress although their run has ended
     * @param failed           revocations this run could not read or start (each reported to {@link SkippedItems})
     * @param left             revocations this run had no time to look at; the next run looks at them
     */
    public record Report(int workflowsStarted, List<CertificateId> needAttention, int failed, int left) {
        public Report {
            needAttention = List.copyOf(needAttention);
        }

        /** A run that reached every revocation without a failure. */
        public Report(int workflowsStarted, List<CertificateId> needAttention) {
            this(workflowsStarted, needAttention, 0, 0);
        }
    }
}
