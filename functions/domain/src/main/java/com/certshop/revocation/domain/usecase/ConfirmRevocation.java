package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.model.CertificateStatus.AWAITING_CONFIRMATION;

import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.confirmation.PendingConfirmation.Answer;
import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.Revocation;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.ConfirmationStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.WorkflowSignals;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The applicant answers the confirmation e-mail. The link's token is the only credential.
 * {@link #preview} is what a GET shows and changes nothing (mail scanners fetch links);
 * {@link #confirm} and {@link #reject} act once per token.
 */
public final class ConfirmRevocation {
    private final ConfirmationStore confirmations;
    private final CertificateStore store;
    private final WorkflowSignals signals;
    private final Mailer mailer;
    private final Clock clock;

    public ConfirmRevocation(ConfirmationStore confirmations, CertificateStore store, WorkflowSignals signals,
            Mailer mailer, Clock clock) {
        this.confirmations = Objects.requireNonNull(confirmations);
        this.store = Objects.requireNonNull(store);
        this.signals = Objects.requireNonNull(signals);
        this.mailer = Objects.requireNonNull(mailer);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What the link is about and whether it can still be answered; never changes anything. */
    public Preview preview(String token) {
        PendingConfirmation confirmation = lookUp(token);
        Certificate certificate = certificateOf(confirmation);
        return new Preview(certificate, confirmation.expiresAt(), stateOf(confirmation, certificate, clock.instant()));
    }

    /**
     * The applicant confirms: the revocation goes to the CA. The same answer again on a used link
     * finishes what the first try began (its answer may have been lost to an outage after the
     * link was spent, or the workflow not told): it records the answer if it is not recorded yet
     * and tells the workflow again.
     */
    public Certificate confirm(String token) {
        Instant now = clock.instant();
        PendingConfirmation confirmation = spend(token, Answer.CONFIRM, now);
        Transitions.Outcome outcome = answer(confirmation, Answer.CONFIRM, current -> Lifecycle.confirm(current,
                confirmation.attempt(), Actor.applicant(current.applicantEmail()), now));
        Certificate certificate = outcome.certificate();
        // A batch's link can be answered before this attempt's run waits for it: the run then
        // finds the attempt confirmed and goes on by itself.
        String taskToken = certificate.revocation().taskToken();
        if (taskToken != null) {
            signals.confirmationGiven(taskToken);
        }
        return certificate;
    }

    /** The applicant rejects: the revocation lapses and the certificate is as before. The same answer again is as for {@link #confirm}. */
    public Certificate reject(String token) {
        Instant now = clock.instant();
        PendingConfirmation confirmation = spend(token, Answer.REJECT, now);
        Transitions.Outcome outcome = answer(confirmation, Answer.REJECT, current -> Lifecycle.lapse(current,
                confirmation.attempt(), LapseCause.REJECTED_BY_APPLICANT, Actor.applicant(current.applicantEmail()), now));
        Certificate certificate = outcome.certificate();
        String taskToken = certificate.revocation().taskToken();
        if (taskToken != null) {
            signals.confirmationRefused(taskToken, LapseCause.REJECTED_BY_APPLICANT);
        }
        if (outcome.changed()) {
            mailer.sendNotice(Mailer.Notice.REVOCATION_LAPSED, certificate);
        }
        return certificate;
    }

    /**
     * Checks the link can be answered and uses it up for this answer; spending it first makes the
     * answer single-use even if two clicks race. A link already used for this same answer is
     * handed back, so that the caller can finish; one used for the other answer is refused.
     */
    private PendingConfirmation spend(String token, Answer answer, Instant now) {
        PendingConfirmation confirmation = lookUp(token);
        if (confirmation.isUsed()) {
            return sameAnswer(confirmation, answer);
        }
        requireOpen(confirmation, certificateOf(confirmation), now);
        if (!confirmations.markUsed(confirmation.digest(), now, answer)) {
            return sameAnswer(lookUp(token), answer);
        }
        return confirmation;
    }

    private static PendingConfirmation sameAnswer(PendingConfirmation used, Answer answer) {
        if (used.answer() != answer) {
            throw alreadyUsed();
        }
        return used;
    }

    /**
     * Records the answer on the attempt, unless it is recorded already (a repeat); an attempt that
     * went on another way (cancelled, lapsed, answered otherwise) is CONFIRMATION_WITHDRAWN.
     */
    private Transitions.Outcome answer(PendingConfirmation confirmation, Answer answer,
            Function<Certificate, Transition> transition) {
        return Transitions.update(store, confirmation.accountId(), confirmation.certificateId(), current -> {
            if (current.isAt(confirmation.attempt(), AWAITING_CONFIRMATION)) {
                return Optional.of(transition.apply(current));
            }
            if (recorded(current, confirmation.attempt(), answer)) {
                return Optional.empty();
            }
            throw withdrawn();
        });
    }

    private static boolean recorded(Certificate current, int attempt, Answer answer) {
        Revocation r = current.revocation();
        if (r == null || r.attempt() != attempt) {
            return false;
        }
        return answer == Answer.CONFIRM ? r.confirmedAt() != null : r.lapseCause() == LapseCause.REJECTED_BY_APPLICANT;
    }

    private PendingConfirmation lookUp(String token) {
        return confirmations.find(new ConfirmationToken(token).digest()).orElseThrow(() -> new DomainException(
                ErrorCode.CONFIRMATION_NOT_FOUND,
                "This confirmation link is not valid. Use the link from the most recent e-mail."));
    }

    private Certificate certificateOf(PendingConfirmation confirmation) {
        return store.find(confirmation.accountId(), confirmation.certificateId()).orElseThrow(() ->
                new DomainException(ErrorCode.CONFIRMATION_NOT_FOUND, "This confirmation link is not valid."));
    }

    private static LinkState stateOf(PendingConfirmation confirmation, Certificate certificate, Instant now) {
        if (confirmation.isUsed()) {
            return LinkState.ALREADY_USED;
        }
        if (confirmation.isExpiredAt(now)) {
            return LinkState.EXPIRED;
        }
        if (!certificate.isAt(confirmation.attempt(), AWAITING_CONFIRMATION)) {
            return LinkState.WITHDRAWN;
        }
        return LinkState.OPEN;
    }

    private static void requireOpen(PendingConfirmation confirmation, Certificate certificate, Instant now) {
        switch (stateOf(confirmation, certificate, now)) {
            case ALREADY_USED -> throw alreadyUsed();
            case EXPIRED -> throw new DomainException(ErrorCode.CONFIRMATION_EXPIRED, "This confirmation link expired"
                    + " at " + confirmation.expiresAt() + ". The revocation was not carried out; apply again if needed.");
            case WITHDRAWN -> throw withdrawn();
            case OPEN -> { }
        }
    }

    private static DomainException alreadyUsed() {
        return new DomainException(ErrorCode.CONFIRMATION_ALREADY_USED, "This confirmation link was already used.");
    }

    private static DomainException withdrawn() {
        return new DomainException(ErrorCode.CONFIRMATION_WITHDRAWN,
                "This revocation request is no longer waiting for confirmation (it was cancelled or has lapsed).");
    }

    /** Whether the link can still be answered. */
    public enum LinkState {
        OPEN, ALREADY_USED, EXPIRED, WITHDRAWN;

        /** The code an answer on a link in this state is refused with; empty while it can be answered. */
        public Optional<ErrorCode> refusal() {
            return switch (this) {
                case OPEN -> Optional.empty();
                case ALREADY_USED -> Optional.of(ErrorCode.CONFIRMATION_ALREADY_USED);
                case EXPIRED -> Optional.of(ErrorCode.CONFIRMATION_EXPIRED);
                case WITHDRAWN -> Optional.of(ErrorCode.CONFIRMATION_WITHDRAWN);
            };
        }
    }

    /** What the confirmation page shows: the certificate and its pending revocation, and the link's state. */
    public record Preview(Certificate certificate, Instant expiresAt, LinkState state) {
    }
}
