package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.model.CertificateStatus.AWAITING_CONFIRMATION;
import static com.certshop.revocation.domain.model.CertificateStatus.REVOKING;

import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.confirmation.ConfirmationTokens;
import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateAuthority;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.ConfirmationStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The steps the revocation workflow runs (README, "The state machine"). Every step may run more than once (a
 * Lambda retry, a redriven execution), so each one first looks at where the revocation stands and
 * does nothing a second time.
 */
public final class RevocationSteps {
    /** A Retry-After longer than this is taken as this: a day is as long as any CA outage we would wait on in one go. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final CertificateStore store;
    private final ConfirmationStore confirmations;
    private final Mailer mailer;
    private final RevocationWorkflow workflow;
    private final CertificateAuthority ca;
    private final ConfirmationTokens tokens;
    private final CaPolling polling;
    private final Clock clock;

    public RevocationSteps(CertificateStore store, ConfirmationStore confirmations, Mailer mailer,
            RevocationWorkflow workflow, CertificateAuthority ca, ConfirmationTokens tokens, CaPolling polling,
            Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.confirmations = Objects.requireNonNull(confirmations);
        this.mailer = Objects.requireNonNull(mailer);
        this.workflow = Objects.requireNonNull(workflow);
        this.ca = Objects.requireNonNull(ca);
        this.tokens = Objects.requireNonNull(tokens);
        this.polling = Objects.requireNonNull(polling);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Mails the applicant a fresh confirmation link and keeps the workflow's task token, which the
     * answer to that link will complete. If the customer cancelled before this step ran, ends the
     * wait at once instead.
     */
    public void requestConfirmation(Step step, String taskToken) {
        Certificate current = Transitions.find(store, step.accountId(), step.certificateId());
        if (!current.isAt(step.attempt(), AWAITING_CONFIRMATION)) {
            endWait(current, taskToken);
            return;
        }
        Instant now = clock.instant();
        ConfirmationTokens.Issued issued = tokens.issue(now);
        confirmations.save(new PendingConfirmation(issued.digest(), step.accountId(), step.certificateId(),
                step.attempt(), issued.expiresAt(), null));
        Transitions.Outcome outcome = Transitions.update(store, step.accountId(), step.certificateId(), c ->
                c.isAt(step.attempt(), AWAITING_CONFIRMATION)
                        ? Optional.of(Lifecycle.confirmationSent(c, step.attempt(), taskToken, now))
                        : Optional.empty());
        if (outcome.changed()) {
            mailer.sendConfirmationRequest(outcome.certificate(), issued.token(), issued.expiresAt());
        } else {
            endWait(outcome.certificate(), taskToken);
        }
    }

    /** The attempt lapsed before its e-mail went out: the workflow must not wait for an answer that cannot come. */
    private void endWait(Certificate current, String taskToken) {
        LapseCause cause = current.latestRevocation().map(Revocation::lapseCause)
                .orElse(LapseCause.CANCELLED_BY_CUSTOMER);
        workflow.confirmationRefused(taskToken, cause);
    }

    /** The wait for confirmation ended without one (timed out, or refused): the certificate returns to its earlier state. */
    public void lapse(Step step, LapseCause cause) {
        Instant now = clock.instant();
        Transitions.Outcome outcome = Transitions.update(store, step.accountId(), step.certificateId(), c ->
                c.isAt(step.attempt(), AWAITING_CONFIRMATION)
                        ? Optional.of(Lifecycle.lapse(c, step.attempt(), cause, Actor.SYSTEM, now))
                        : Optional.empty());
        if (outcome.changed()) {
            mailer.sendNotice(Mailer.Notice.REVOCATION_LAPSED, outcome.certificate());
        }
    }

    /**
     * Hands the revocation to the CA (once per attempt) and says when to first ask for its status.
     * A CA that refuses it outright ends the attempt as REVOCATION_FAILED with the CA's words.
     */
    public Progress submitToCa(Step step) {
        return advance(step, 0);
    }

    /**
     * Asks the CA's status source how the revocation stands. Done: the certificate is REVOKED (or
     * REVOCATION_FAILED) and the applicant told. Still pending: when to ask next, and whether the CA
     * has just run past its SLA (the workflow then flags the revocation overdue, once). A hand-over
     * the CA deferred with Retry-After is made here, on the first poll after that wait.
     */
    public Progress pollCa(Step step, int pollsSoFar) {
        return advance(step, pollsSoFar + 1);
    }

    private Progress advance(Step step, int polls) {
        Certificate current = Transitions.find(store, step.accountId(), step.certificateId());
        if (!current.isAt(step.attempt(), REVOKING)) {
            return ended(current, step);
        }
        try {
            if (!current.revocation().submittedToCa()) {
                return handOver(step, current, polls);
            }
            return checkStatus(step, current, polls);
        } catch (CaUnavailableException e) {
            // The CA named a time to come back: wait exactly that long instead of the retry backoff.
            Duration wait = e.retryAfter().orElseThrow(() -> e);
            if (polling.exhausted(polls)) {
                return giveUp(step, current.revocation(), polls);
            }
            return new Progress(Outcome.PENDING, Math.max(1, Math.min(MAX_RETRY_AFTER.toSeconds(),
                    (wait.toMillis() + 999) / 1000)), polls, false, false);
        }
    }

    private Progress handOver(Step step, Certificate current, int polls) {
        HandOver answer = ca.requestRevocation(current);
        Instant now = clock.instant();
        if (answer instanceof HandOver.Rejected rejected) {
            finish(step, Mailer.Notice.REVOCATION_FAILED, c -> Optional.of(Lifecycle.failed(c, step.attempt(),
                    "The CA rejected the revocation: " + rejected.detail(), now)));
            return Progress.of(Outcome.FAILED);
        }
        if (answer instanceof HandOver.NotSent notSent) {
            finish(step, Mailer.Notice.REVOCATION_FAILED,
                    c -> Optional.of(Lifecycle.failed(c, step.attempt(), notSent.why(), now)));
            return Progress.of(Outcome.FAILED);
        }
        String reference = ((HandOver.Accepted) answer).reference();
        Certificate sent = Transitions.update(store, step.accountId(), step.certificateId(), c ->
                c.isAt(step.attempt(), REVOKING) && !c.revocation().submittedToCa()
                        ? Optional.of(Lifecycle.sentToCa(c, step.attempt(), reference, now))
                        : Optional.empty()).certificate();
        return pending(sent.revocation(), polls);
    }

    private Progress checkStatus(Step step, Certificate current, int polls) {
        CaStatus status = ca.status(current);
        Instant now = clock.instant();
        if (status instanceof CaStatus.Revoked revoked) {
            finish(step, Mailer.Notice.REVOKED,
                    c -> Optional.of(Lifecycle.revoked(c, step.attempt(), revoked.evidence(), now)));
            return Progress.of(Outcome.REVOKED);
        }
        if (status instanceof CaStatus.Rejected rejected) {
            finish(step, Mailer.Notice.REVOCATION_FAILED,
                    c -> Optional.of(Lifecycle.failed(c, step.attempt(),
                            "The CA rejected the revocation: " + rejected.reason(), now)));
            return Progress.of(Outcome.FAILED);
        }
        return polling.exhausted(polls) ? giveUp(step, current.revocation(), polls) : pending(current.revocation(), polls);
    }

    /** The CA has exceeded its SLA: record it in the trail and tell the applicant, once per attempt. */
    public void flagOverdue(Step step) {
        Instant now = clock.instant();
        finish(step, Mailer.Notice.REVOCATION_OVERDUE, c -> c.revocation().overdueSince() == null
                ? Optional.of(Lifecycle.overdue(c, step.attempt(), now))
                : Optional.empty());
    }

    /**
     * A CA step failed even after retries. Before the hand-over: the CA never got the revocation, so
     * it fails and the customer is told and may apply again. After it: the CA has it, and only its
     * status is unknown, so the certificate stays REVOKING and the trail says why (see
     * {@link Lifecycle#statusUnknown}).
     */
    public void fail(Step step, String why) {
        Instant now = clock.instant();
        Transitions.update(store, step.accountId(), step.certificateId(), c ->
                c.isAt(step.attempt(), REVOKING) && c.revocation().submittedToCa()
                        ? Optional.of(Lifecycle.statusUnknown(c, step.attempt(), why, now))
                        : Optional.empty());
        finish(step, Mailer.Notice.REVOCATION_FAILED, c -> c.revocation().submittedToCa() ? Optional.empty()
                : Optional.of(Lifecycle.failed(c, step.attempt(), why, now)));
    }

    /** Applies a transition from REVOKING at this attempt, if still there, and sends the notice once. */
    private void finish(Step step, Mailer.Notice notice, Function<Certificate, Optional<Transition>> transition) {
        Transitions.Outcome outcome = Transitions.update(store, step.accountId(), step.certificateId(), c ->
                c.isAt(step.attempt(), REVOKING) ? transition.apply(c) : Optional.empty());
        if (outcome.changed()) {
            mailer.sendNotice(notice, outcome.certificate());
        }
    }

    private Progress pending(Revocation revocation, int polls) {
        CaPolling.Plan plan = polling.plan(revocation.submittedToCaAt(), polls, clock.instant());
        return new Progress(Outcome.PENDING, plan.waitSeconds(), polls, plan.overdue(),
                plan.overdue() && revocation.overdueSince() == null);
    }

    /** Still pending after the last poll allowed: the wait ends in a failure the customer is told of. */
    private Progress giveUp(Step step, Revocation revocation, int polls) {
        Instant now = clock.instant();
        String since = revocation.submittedToCaAt() != null ? "its hand-over at " + revocation.submittedToCaAt()
                : "the application at " + revocation.requestedAt();
        finish(step, Mailer.Notice.REVOCATION_FAILED, c -> Optional.of(Lifecycle.failed(c, step.attempt(),
                "The CA had not confirmed the revocation after " + polls + " checks since " + since
                        + "; it may still carry it out. Apply again to ask once more.", now)));
        return Progress.of(Outcome.GAVE_UP);
    }

    /** A repeated step finds the attempt already finished: report how it ended. */
    private static Progress ended(Certificate current, Step step) {
        Revocation latest = current.revocation();
        if (latest != null && latest.attempt() == step.attempt()) {
            if (latest.revokedAt() != null) {
                return Progress.of(Outcome.REVOKED);
            }
            if (latest.failureReason() != null) {
                return Progress.of(Outcome.FAILED);
            }
        }
        throw new DomainException(ErrorCode.STEP_OUT_OF_ORDER, "Certificate " + current.id() + " is "
                + current.status() + "; attempt " + step.attempt() + " is not with the CA.");
    }

    /** Which revocation attempt a workflow run is about. */
    public record Step(AccountId accountId, CertificateId certificateId, int attempt) {
        public Step {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(certificateId, "certificateId");
        }
    }

    /** Where the revocation stands with the CA; GAVE_UP: the CA never confirmed it within the polls allowed. */
    public enum Outcome { PENDING, REVOKED, FAILED, GAVE_UP }

    /**
     * @param waitSeconds how long to wait before polling again; 0 once finished
     * @param polls       the number of status polls so far, to pass to the next poll
     * @param overdue     true once the CA has exceeded its SLA
     * @param flagOverdue true when it is overdue and not yet flagged: time for {@link #flagOverdue}
     */
    public record Progress(Outcome outcome, long waitSeconds, int polls, boolean overdue, boolean flagOverdue) {
        static Progress of(Outcome finished) {
            return new Progress(finished, 0, 0, false, false);
        }
    }
}
