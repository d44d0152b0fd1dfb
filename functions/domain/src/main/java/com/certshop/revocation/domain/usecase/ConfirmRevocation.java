package com.certshop.revocation.domain.usecase;

import static com.certshop.revocation.domain.model.CertificateStatus.AWAITING_CONFIRMATION;

import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.ConfirmationStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.RevocationWorkflow;
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
    private final RevocationWorkflow workflow;
    private final Mailer mailer;
    private final Clock clock;

    public ConfirmRevocation(ConfirmationStore confirmations, CertificateStore store, RevocationWorkflow workflow,
            Mailer mailer, Clock clock) {
        this.confirmations = Objects.requireNonNull(confirmations);
        this.store = Objects.requireNonNull(store);
        this.workflow = Objects.requireNonNull(workflow);
        this.mailer = Objects.requireNonNull(mailer);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What the link is about and whether it can still be answered; never changes anything. */
    public Preview preview(String token) {
        PendingConfirmation confirmation = lookUp(token);
        Certificate certificate = certificateOf(confirmation);
        return new Preview(certificate, confirmation.expiresAt(), stateOf(confirmation, certificate, clock.instant()));
    }

    /** The applicant confirms: the revocation goes to the CA. */
    public Certificate confirm(String token) {
        Instant now = clock.instant();
        PendingConfirmation confirmation = spend(token, now);
        Certificate certificate = answer(confirmation, current -> Lifecycle.confirm(current, confirmation.attempt(),
                Actor.applicant(current.applicantEmail()), now));
        // A batch's link can be answered before this attempt's run has started to wait: that run
        // then finds the attempt confirmed and goes on by itself (RevocationSteps.requestConfirmation).
        String taskToken = certificate.revocation().taskToken();
        if (taskToken != null) {
            workflow.confirmationGiven(taskToken);
        }
        return certificate;
    }

    /** The applicant rejects: the revocation lapses and the certificate is as before. */
    public Certificate reject(String token) {
        Instant now = clock.instant();
        PendingConfirmation confirmation = spend(token, now);
        Certificate certificate = answer(confirmation, current -> Lifecycle.lapse(current, confirmation.attempt(),
                LapseCause.REJECTED_BY_APPLICANT, Actor.applicant(current.applicantEmail()), now));
        String taskToken = certificate.revocation().taskToken();
        if (taskToken != null) {
            workflow.confirmationRefused(taskToken, LapseCause.REJECTED_BY_APPLICANT);
        }
        mailer.sendNotice(Mailer.Notice.REVOCATION_LAPSED, certificate);
        return certificate;
    }

    /** Checks the link can be answered and uses it up; spending it first makes the answer single-use even if two clicks race. */
    private PendingConfirmation spend(String token, Instant now) {
        PendingConfirmation confirmation = lookUp(token);
        requireOpen(confirmation, certificateOf(confirmation), now);
        if (!confirmations.markUsed(confirmation.digest(), now)) {
            throw alreadyUsed();
        }
        return confirmation;
    }

    private Certificate answer(PendingConfirmation confirmation, Function<Certificate, Transition> transition) {
        return Transitions.update(store, confirmation.accountId(), confirmation.certificateId(), current -> {
            if (!current.isAt(confirmation.attempt(), AWAITING_CONFIRMATION)) {
                throw withdrawn();
            }
            return Optional.of(transition.apply(current));
        }).certificate();
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
    public enum LinkState { OPEN, ALREADY_USED, EXPIRED, WITHDRAWN }

    /** What the confirmation page shows: the certificate and its pending revocation, and the link's state. */
    public record Preview(Certificate certificate, Instant expiresAt, LinkState state) {
    }
}
