package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    private final Clock clock;

    public SweepStuckRevocations(CertificateStore store, RevocationWorkflow workflow, Duration grace, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.workflow = Objects.requireNonNull(workflow);
        this.grace = Objects.requireNonNull(grace);
        this.clock = Objects.requireNonNull(clock);
    }

    public Report run() {
        int started = 0;
        List<CertificateId> needAttention = new ArrayList<>();
        for (Certificate c : store.revocationsInProgressSince(clock.instant().minus(grace))) {
            RevocationWorkflow.Start start = RevocationWorkflow.Start.of(c);
            switch (workflow.runState(start)) {
                case NOT_STARTED -> {
                    workflow.start(start);
                    started++;
                }
                case ENDED -> needAttention.add(c.id());
                case RUNNING -> { }
            }
        }
        return new Report(started, needAttention);
    }

    /**
     * @param workflowsStarted revocations whose run was missing and has now been started
     * @param needAttention    revocations still in progress although their run has ended
     */
    public record Report(int workflowsStarted, List<CertificateId> needAttention) {
        public Report {
            needAttention = List.copyOf(needAttention);
        }
    }
}
