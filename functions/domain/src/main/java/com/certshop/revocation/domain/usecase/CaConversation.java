package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.model.CertificateStatus.REVOKING;

import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.model.CaWait;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateAuthority;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.WorkflowSignals.CaOutcome;
import com.certshop.revocation.domain.port.WorkflowSignals;
import com.certshop.revocation.domain.usecase.RevocationSteps.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One exchange with the CA about a revocation in REVOKING, and what follows from its answer: the
 * hand-over and the status check, each recording the answer on the certificate, telling the
 * applicant, and ending or prolonging the workflow run that waits on the task token. Both the
 * workflow's hand-over step and the scheduled CA check talk to the CA through this; they differ in
 * when they tell the run how the CA's handling ended ({@link RunTold}), because they are retried
 * differently.
 */
final class CaConversation {
    private final RunTold runTold;
    private final CertificateStore store;
    private final Mailer mailer;
    private final WorkflowSignals signals;
    private final CertificateAuthority ca;
    private final CaPolling polling;
    private final Clock clock;

    CaConversation(RunTold runTold, CertificateStore store, Mailer mailer, WorkflowSignals signals,
            CertificateAuthority ca, CaPolling polling, Clock clock) {
        this.runTold = Objects.requireNonNull(runTold);
        this.store = Objects.requireNonNull(store);
        this.mailer = Objects.requireNonNull(mailer);
        this.signals = Objects.requireNonNull(signals);
        this.ca = Objects.requireNonNull(ca);
        this.polling = Objects.requireNonNull(polling);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Hands the revocation to the CA. Accepted: SUBMITTED_TO_CA, and the wait for the CA's status
     * begins. Refused, or never sendable: REVOCATION_FAILED and the run ends. The CA unavailable:
     * the scheduled check tries again when the CA said, or with backoff, for half an hour from the
     * first try ({@link CaPolling#handOverOverdue}), then the revocation fails.
     *
     * @param runToken the token of the run whose step hands over, which is the newest; null when the
     *                 scheduled check hands over for the waiting run, which then keeps whichever token
     *                 is stored when the check writes (a repeated step may record a newer one meanwhile)
     * @param since    when the hand-over was first tried
     * @return how it ended, or why it goes on
     */
    Answer handOver(Step step, Certificate current, String runToken, Instant since) {
        String taskToken = runToken != null ? runToken : current.revocation().caWait().taskToken();
        HandOver answer;
        try {
            answer = ca.requestRevocation(current);
        } catch (CaUnavailableException e) {
            Instant now = clock.instant();
            if (polling.handOverOverdue(since, now)) {
                return end(step, taskToken, CaOutcome.FAILED, Mailer.Notice.REVOCATION_FAILED, c -> Lifecycle.failed(c,
                        step.attempt(), "The CA could not take the revocation since " + since + ": " + e.getMessage(), now));
            }
            Transitions.Outcome waiting = waitMore(step, stored -> {
                CaWait tried = stored == null ? CaWait.begin(runToken, since, now) : withRunToken(stored, runToken);
                return tried.checked(now.plus(e.retryAfter().map(polling::retryAfter)
                        .orElseGet(() -> polling.backoff(tried.checks()))));
            });
            signals.caWaitGoesOn(waitingToken(waiting, taskToken));
            return Answer.unavailable(e);
        }
        Instant now = clock.instant();
        if (answer instanceof HandOver.Rejected rejected) {
            return end(step, taskToken, CaOutcome.FAILED, Mailer.Notice.REVOCATION_FAILED, c -> Lifecycle.failed(c,
                    step.attempt(), "The CA rejected the revocation: " + rejected.detail(), now));
        }
        if (answer instanceof HandOver.NotSent notSent) {
            return end(step, taskToken, CaOutcome.FAILED, Mailer.Notice.REVOCATION_FAILED,
                    c -> Lifecycle.failed(c, step.attempt(), notSent.why(), now));
        }
        String reference = ((HandOver.Accepted) answer).reference();
        Instant firstCheck = polling.nextCheck(now, 0, now);
        Transitions.update(store, step.accountId(), step.certificateId(), c -> {
            if (!c.isAt(step.attempt(), REVOKING) || c.revocation().submittedToCa()) {
                return Optional.empty();
            }
            CaWait stored = c.revocation().caWait();
            String token = stored == null ? runToken : withRunToken(stored, runToken).taskToken();
            return Optional.of(Lifecycle.sentToCa(c, step.attempt(), reference, new CaWait(token, since, firstCheck, 0), now));
        });
        return Answer.PENDING;
    }

    /** The stored wait under the run's token when a run's step writes; as stored when the scheduled check does. */
    private static CaWait withRunToken(CaWait stored, String runToken) {
        return runToken == null ? stored : stored.withToken(runToken);
    }

    /**
     * Asks the CA's status source how the handed-over revocation stands. Revoked or rejected: the
     * certificate says so, the applicant is told and the run ends. Still pending: flagged overdue
     * once at the SLA deadline, given up at the end of the grace after it, otherwise checked again
     * after the backoff, and the run's heartbeat reset.
     *
     * @return how it ended, or why it goes on
     */
    Answer checkStatus(Step step, Certificate current) {
        Revocation revocation = current.revocation();
        CaWait wait = revocation.caWait();
        CaStatus status;
        try {
            status = ca.status(current);
        } catch (CaUnavailableException e) {
            statusUnreadable(step, current, e);
            return Answer.unavailable(e);
        }
        Instant now = clock.instant();
        Optional<Answer> ended = endIfFinal(step, wait, status, now);
        if (ended.isPresent()) {
            return ended.get();
        }
        Instant submittedAt = revocation.submittedToCaAt();
        int checks = wait.checks() + 1;
        if (!now.isBefore(polling.giveUpAt(submittedAt))) {
            return end(step, wait.taskToken(), CaOutcome.GAVE_UP, Mailer.Notice.REVOCATION_FAILED, c -> Lifecycle.failed(c,
                    step.attempt(), "The CA had not confirmed the revocation after " + checks + " checks since its hand-over at "
                            + submittedAt + "; it may still carry it out. Apply again to ask once more.", now));
        }
        UnaryOperator<CaWait> next = stored -> stored.checked(polling.nextCheck(submittedAt, stored.checks() + 1, now));
        Transitions.Outcome waiting;
        if (!now.isBefore(polling.deadline(submittedAt)) && revocation.overdueSince() == null) {
            waiting = Transitions.update(store, step.accountId(), step.certificateId(), c ->
                    c.isAt(step.attempt(), REVOKING) && c.revocation().overdueSince() == null
                            ? Optional.of(Lifecycle.overdue(c, step.attempt(), next.apply(c.revocation().caWait()), now))
                            : Optional.empty());
            if (waiting.changed()) {
                mailer.sendNotice(Mailer.Notice.REVOCATION_OVERDUE, waiting.certificate());
            }
        } else {
            waiting = waitMore(step, next);
        }
        signals.caWaitGoesOn(waitingToken(waiting, wait.taskToken()));
        return Answer.PENDING;
    }

    /**
     * Asks the CA's status source how the handed-over revocation stands because the CA said it had
     * news (its callback): the same check as {@link #checkStatus}, which decides on the status
     * source's answer alone, never on the callback's word. Revoked or rejected ends it as there.
     * Still pending (a CA calls back as it revokes, and its status source may lag, an OCSP responder
     * serving a cached answer): the next scheduled check comes as soon as a first check after a
     * hand-over would, if it was due later, and the backoff goes on from there; nothing else changes.
     *
     * @return how it ended, or {@link Answer#PENDING}
     * @throws CaUnavailableException when the status cannot be read now; nothing was changed, and
     *         the scheduled checks still cover it
     */
    Answer checkNotified(Step step, Certificate current) {
        CaStatus status = ca.status(current);
        Instant now = clock.instant();
        CaWait wait = current.revocation().caWait();
        Optional<Answer> ended = endIfFinal(step, wait, status, now);
        if (ended.isPresent()) {
            return ended.get();
        }
        Instant soon = polling.nextCheck(now, 0, now);
        if (soon.isBefore(wait.nextCheckAt())) {
            waitMore(step, stored -> soon.isBefore(stored.nextCheckAt()) ? stored.dueBy(soon) : stored);
        }
        return Answer.PENDING;
    }

    /** Ends the revocation and its run if the CA's status is final: revoked, or rejected. */
    private Optional<Answer> endIfFinal(Step step, CaWait wait, CaStatus status, Instant now) {
        if (status instanceof CaStatus.Revoked revoked) {
            return Optional.of(end(step, wait.taskToken(), CaOutcome.REVOKED, Mailer.Notice.REVOKED,
                    c -> Lifecycle.revoked(c, step.attempt(), revoked.evidence(), now)));
        }
        if (status instanceof CaStatus.Rejected rejected) {
            return Optional.of(end(step, wait.taskToken(), CaOutcome.FAILED, Mailer.Notice.REVOCATION_FAILED,
                    c -> Lifecycle.failed(c, step.attempt(), "The CA rejected the revocation: " + rejected.reason(), now)));
        }
        return Optional.empty();
    }

    /**
     * The status could not be read: try again when the CA said, or with backoff. Once the service
     * would have given up, the run ends in a failure that records CA_STATUS_UNKNOWN (the CA has
     * the revocation, so it must not fail); the checks go on at the longest interval, and one that
     * finds the status readable again still completes the revocation.
     */
    private void statusUnreadable(Step step, Certificate current, CaUnavailableException e) {
        Instant now = clock.instant();
        CaWait wait = current.revocation().caWait();
        boolean pastGiveUp = !now.isBefore(polling.giveUpAt(current.revocation().submittedToCaAt()));
        Transitions.Outcome waiting = waitMore(step, stored -> stored.checked(now.plus(pastGiveUp ? polling.longestWait()
                : e.retryAfter().map(polling::retryAfter).orElseGet(() -> polling.backoff(stored.checks())))));
        String token = waitingToken(waiting, wait.taskToken());
        if (pastGiveUp) {
            signals.caWaitFailed(token, "The CA's status could not be read: " + e.getMessage());
        } else {
            signals.caWaitGoesOn(token);
        }
    }

    /**
     * The wait goes on as {@code next} makes it from the wait stored when it writes (null before the
     * first hand-over try), never from the one read before asking the CA: a repeated hand-over step
     * may have recorded a newer token meanwhile, which a stale copy would overwrite, leaving the
     * waiting run unreachable. A quiet change, no audit event.
     *
     * @return unchanged when the attempt is no longer waiting for the CA (it has ended)
     */
    Transitions.Outcome waitMore(Step step, UnaryOperator<CaWait> next) {
        return Transitions.update(store, step.accountId(), step.certificateId(), c -> c.isAt(step.attempt(), REVOKING)
                ? Optional.of(Lifecycle.waitForCa(c, step.attempt(), next.apply(c.revocation().caWait())))
                : Optional.empty());
    }

    /** The token of the run that waits now, as the write left it; {@code read} when nothing was written. */
    private static String waitingToken(Transitions.Outcome waiting, String read) {
        CaWait wait = waiting.certificate().revocation().caWait();
        return waiting.changed() && wait != null ? wait.taskToken() : read;
    }

    /**
     * Applies a final transition from REVOKING at this attempt, if still there: tells the applicant
     * once and ends the run, before or after recording it as {@link #runTold} says.
     */
    private Answer end(Step step, String taskToken, CaOutcome outcome, Mailer.Notice notice,
            Function<Certificate, Transition> transition) {
        if (runTold == RunTold.BEFORE_RECORDING) {
            signals.caWaitEnded(taskToken, outcome);
        }
        Transitions.Outcome ended = Transitions.update(store, step.accountId(), step.certificateId(), c ->
                c.isAt(step.attempt(), REVOKING) ? Optional.of(transition.apply(c)) : Optional.empty());
        if (ended.changed()) {
            mailer.sendNotice(notice, ended.certificate());
            if (runTold == RunTold.AFTER_RECORDING) {
                signals.caWaitEnded(taskToken, outcome);
            } else {
                tellNewerRun(ended.certificate(), taskToken, outcome);
            }
        }
        return Answer.valueOf(outcome.name());
    }

    /**
     * The run told first may not be the one that waits now: a repeated hand-over step (the state
     * machine's retry waits under a new token) can record its token between the check's read and
     * its write. The ending recorded keeps the newest token; that run is told too.
     */
    private void tellNewerRun(Certificate recorded, String told, CaOutcome outcome) {
        CaWait wait = recorded.revocation().caWait();
        if (wait != null && !wait.taskToken().equals(told)) {
            signals.caWaitEnded(wait.taskToken(), outcome);
        }
    }

    /** When the waiting run is told how the CA's handling ended: what a failure to tell it leaves behind. */
    enum RunTold {
        /**
         * The hand-over step's way. If telling fails, the state machine retries the step, and the
         * repeated step tells the run the ending it finds recorded. Told first, the run could end
         * (its token completed while its invocation then fails) with the ending never recorded.
         */
        AFTER_RECORDING,
        /**
         * The scheduled check's way. It comes back only to revocations still waiting for the CA: an
         * ending recorded but not told (Step Functions throttled, or unreachable) would leave the run
         * waiting until its heartbeat limit and then failing it. Told first, a failure leaves the
         * revocation waiting and due, and the next run tells the run again (a run that has ended
         * takes no signal) and records the ending.
         */
        BEFORE_RECORDING
    }

    /** What one exchange with the CA came to. */
    enum Answer {
        REVOKED,
        FAILED,
        GAVE_UP,
        /** The CA has the revocation and has not confirmed it yet. */
        PENDING,
        /** The CA could not be reached; it is tried again later. */
        UNAVAILABLE,
        /** The CA asked us to come back later (Retry-After): a sweep asks it nothing more this run. */
        SLOW_DOWN;

        static Answer unavailable(CaUnavailableException e) {
            return e.retryAfter().isPresent() ? SLOW_DOWN : UNAVAILABLE;
        }

        boolean ended() {
            return this == REVOKED || this == FAILED || this == GAVE_UP;
        }
    }
}
