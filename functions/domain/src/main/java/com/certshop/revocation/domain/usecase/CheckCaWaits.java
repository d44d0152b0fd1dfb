package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.model.CertificateStatus.REVOKING;

import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.model.CaWait;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.CertificateAuthority;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.SkippedItems;
import com.certshop.revocation.domain.port.WorkflowSignals;
import com.certshop.revocation.domain.usecase.CaConversation.Answer;
import com.certshop.revocation.domain.usecase.RevocationSteps.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The scheduled CA check: the one place that asks the CA how handed-over revocations stand, so
 * that a workflow run waits on a task token at no cost however long the CA takes. Each run takes
 * the revocations whose next check is due (a query on an index that holds only those waiting for
 * the CA), at most {@code maxPerRun}, those due longest first, and for each one either hands it
 * over again (the CA was unavailable at the workflow's hand-over) or asks its status; see
 * {@link CaConversation} for what each answer leads to.
 *
 * <p>It paces itself: CA calls are at least {@code spacing} apart, a CA that answers "retry after"
 * is asked nothing more this run, and no item is begun once {@code timeLeft} says the function's
 * time is short. Whatever is left is still due, so the next run takes it first.
 *
 * <p>One item's failure (an item that cannot be read, a lost race, an AWS error) is reported
 * ({@link SkippedItems}) and counted, and the others go on. The item is still due, so the next run tries it
 * again: that is this check's retry, for the store, the mail and Step Functions alike. So the
 * waiting run is told how the CA's handling ended before that ending takes the revocation out of
 * the due ones ({@link CaConversation.RunTold#BEFORE_RECORDING}).
 */
public final class CheckCaWaits {
    private final CertificateStore store;
    private final CaConversation conversation;
    private final int maxPerRun;
    private final Duration spacing;
    private final Pause pause;
    private final SkippedItems skipped;
    private final Clock clock;

    /**
     * @param maxPerRun the most revocations one run looks at
     * @param spacing   the least time between two CA calls (1 / the CA's rate limit)
     * @param pause     how the run waits out the spacing
     * @param skipped   where each revocation the run could not check is reported
     */
    public CheckCaWaits(CertificateStore store, Mailer mailer, WorkflowSignals signals, CertificateAuthority ca,
            CaPolling polling, int maxPerRun, Duration spacing, Pause pause, SkippedItems skipped, Clock clock) {
        if (maxPerRun < 1) {
            throw new IllegalArgumentException("a run must be allowed at least one check");
        }
        this.store = Objects.requireNonNull(store);
        this.conversation = new CaConversation(CaConversation.RunTold.BEFORE_RECORDING, store, mailer, signals, ca, polling,
                clock);
        this.maxPerRun = maxPerRun;
        this.spacing = Objects.requireNonNull(spacing);
        this.pause = Objects.requireNonNull(pause);
        this.skipped = Objects.requireNonNull(skipped);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Checks the due revocations while {@code timeLeft} says there is time for one more. */
    public Report run(BooleanSupplier timeLeft) {
        Instant started = clock.instant();
        List<Certificate> due = store.caChecksDueBy(started, maxPerRun);
        CheckTally tally = new CheckTally();
        Instant nextCall = started;
        for (int i = 0; i < due.size(); i++) {
            if (!timeLeft.getAsBoolean() || tally.caSaidSlowDown) {
                return tally.report(due.size() - i);
            }
            Optional<Certificate> candidate = Optional.empty();
            try {
                candidate = Optional.of(due.get(i));
                waitUntil(nextCall);
                nextCall = clock.instant().plus(spacing);
                tally.count(check(candidate.get()));
            } catch (RuntimeException e) {
                skipped.skipped(candidate, e);
                tally.errors++;
            }
        }
        return tally.report(0);
    }

    private Answer check(Certificate candidate) {
        CaWait wait = candidate.revocation().caWait();
        if (candidate.status() != REVOKING || wait == null || !wait.dueAt(clock.instant())) {
            // The index lags the table a little: this one has moved on since.
            return null;
        }
        Step step = new Step(candidate.accountId(), candidate.id(), candidate.revocation().attempt());
        return candidate.revocation().submittedToCa()
                ? conversation.checkStatus(step, candidate)
                : conversation.handOver(step, candidate, null, wait.since());
    }

    private void waitUntil(Instant at) {
        Duration gap = Duration.between(clock.instant(), at);
        if (gap.isNegative() || gap.isZero()) {
            return;
        }
        try {
            pause.pause(gap);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the CA check was interrupted", e);
        }
    }

    /** How a run waits between CA calls; {@code Thread::sleep} in a function, the test clock in tests. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /**
     * @param checked revocations the CA was asked about
     * @param revoked of those, now REVOKED
     * @param failed  of those, now REVOCATION_FAILED (refused, never taken, or never confirmed)
     * @param pending of those, still waiting for the CA
     * @param errors  revocations this run could not read or finish (each logged with its key)
     * @param left    due revocations this run did not reach (time, or the CA asked to slow down)
     */
    public record Report(int checked, int revoked, int failed, int pending, int errors, int left) {
    }
}
