package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.model.CertificateStatus.AWAITING_CONFIRMATION;
import static com.certshop.revocation.domain.model.CertificateStatus.REVOKING;

import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.confirmation.ConfirmationTokens;
import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.CaWait;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.Ending;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateAuthority;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.ConfirmationStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.WorkflowSignals.CaOutcome;
import com.certshop.revocation.domain.port.WorkflowSignals;
import java.time.Clock;
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
    private final CertificateStore store;
    private final ConfirmationStore confirmations;
    private final Mailer mailer;
    private final WorkflowSignals signals;
    private final ConfirmationTokens tokens;
    private final CaConversation conversation;
    private final Clock clock;

    public RevocationSteps(CertificateStore store, ConfirmationStore confirmations, Mailer mailer,
            WorkflowSignals signals, CertificateAuthority ca, ConfirmationTokens tokens, CaPolling polling,
            Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.confirmations = Objects.requireNonNull(confirmations);
        this.mailer = Objects.requireNonNull(mailer);
        this.signals = Objects.requireNonNull(signals);
        this.tokens = Objects.requireNonNull(tokens);
        this.conversation = new CaConversation(CaConversation.RunTold.AFTER_RECORDING, store, mailer, signals, ca, polling,
                clock);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Mails the applicant a fresh confirmation link and keeps the workflow's task token, which the
     * answer to that link will complete. If the customer cancelled before this step ran, ends the
     * wait at once instead.
     */
    public void requestConfirmation(Step step, String taskToken) {
        Certificate current = Transitions.find(store, step.accountId(), step.certificateId());
        if (current.isAt(step.attempt(), AWAITING_CONFIRMATION) && current.revocation().inBatch()) {
            awaitBatchAnswer(step, taskToken);
            return;
        }
        if (!current.isAt(step.attempt(), AWAITING_CONFIRMATION)) {
            endWait(current, step.attempt(), taskToken);
            return;
        }
        Instant now = clock.instant();
        ConfirmationTokens.Issued issued = tokens.issue(now);
        confirmations.save(new PendingConfirmation(issued.digest(), step.accountId(), step.certificateId(),
                step.attempt(), issued.expiresAt()));
        Transitions.Outcome outcome = Transitions.update(store, step.accountId(), step.certificateId(), c ->
                c.isAt(step.attempt(), AWAITING_CONFIRMATION)
                        ? Optional.of(Lifecycle.confirmationSent(c, step.attempt(), taskToken, now))
                        : Optional.empty());
        if (outcome.changed()) {
            mailer.sendConfirmationRequest(outcome.certificate(), issued.token(), issued.expiresAt());
        } else {
            endWait(outcome.certificate(), step.attempt(), taskToken);
        }
    }

    /**
     * A batch's attempt: the batch mails the applicant once for all its certificates, so this run
     * only keeps its token for the answer. An answer may already have come (the batch's mail can
     * go out before this step runs): then the wait ends at once, either way.
     */
    private void awaitBatchAnswer(Step step, String taskToken) {
        Transitions.Outcome outcome = Transitions.update(store, step.accountId(), step.certificateId(), c ->
                c.isAt(step.attempt(), AWAITING_CONFIRMATION)
                        ? Optional.of(Lifecycle.waitingForAnswer(c, step.attempt(), taskToken))
                        : Optional.empty());
        if (!outcome.changed()) {
            endWait(outcome.certificate(), step.attempt(), taskToken);
        }
    }

    /**
     * The wait for the answer is over before it began: confirmed already (a batch's link), or
     * lapsed before the e-mail went out. Either way the workflow must not wait for an answer that
     * cannot come.
     */
    private void endWait(Certificate current, int attempt, String taskToken) {
        if (current.isAt(attempt, REVOKING)) {
            signals.confirmationGiven(taskToken);
            return;
        }
        LapseCause cause = current.latestRevocation().map(Revocation::lapseCause)
                .orElse(LapseCause.CANCELLED_BY_CUSTOMER);
        signals.confirmationRefused(taskToken, cause);
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
     * Hands the revocation to the CA (once per attempt) while the workflow run waits on
     * {@code taskToken}; the scheduled CA check then follows it up and completes the token (see
     * {@link CheckCaWaits}). A run whose attempt has already ended, even while this step ran, gets
     * that ending at once. A repeated delivery after the hand-over only records the newest token,
     * which is the one that waits. A CA that refuses it ends the attempt as REVOCATION_FAILED with
     * the CA's words; a CA that cannot be reached now is tried again by the scheduled check.
     */
    public void submitToCa(Step step, String taskToken) {
        Certificate current = Transitions.find(store, step.accountId(), step.certificateId());
        if (!current.isAt(step.attempt(), REVOKING)) {
            signals.caWaitEnded(taskToken, ended(current, step));
            return;
        }
        Revocation revocation = current.revocation();
        CaWait wait = revocation.caWait();
        if (revocation.submittedToCa()) {
            if (wait == null || !wait.taskToken().equals(taskToken)) {
                Transitions.Outcome waiting = conversation.waitMore(step, stored -> stored == null
                        ? CaWait.begin(taskToken, revocation.submittedToCaAt(), clock.instant())
                        : stored.withToken(taskToken));
                if (!waiting.changed()) {
                    // The CA check ended the attempt after this step read it, under the older token.
                    signals.caWaitEnded(taskToken, ended(waiting.certificate(), step));
                }
            }
            return;
        }
        conversation.handOver(step, current, taskToken, wait == null ? clock.instant() : wait.since());
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

    /** The step finds the attempt already finished (a repeated step, or a cancel before the run began): how it ended. */
    private CaOutcome ended(Certificate current, Step step) {
        // A run may also ask about an attempt a later one replaced: one cancelled before it began, or
        // a repeated step of one that failed (its run was told, under an older token).
        Optional<Ending> ending = Transitions.endingOf(store, current, step.attempt());
        if (ending.isPresent()) {
            return switch (ending.get()) {
                case REVOKED -> CaOutcome.REVOKED;
                case FAILED -> CaOutcome.FAILED;
                case LAPSED -> CaOutcome.LAPSED;
            };
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
}
