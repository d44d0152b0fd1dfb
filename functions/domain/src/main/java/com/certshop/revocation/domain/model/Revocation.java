package com.certshop.revocation.domain.model;

import com.certshop.revocation.domain.ca.RevocationEvidence;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One revocation attempt and how far it got. A certificate keeps its latest attempt; earlier ones
 * live on in the audit trail. Fields that a step has not reached yet are null.
 *
 * @param attempt              1 for the first application, then counting up after a lapse or failure
 * @param resumeStatus         the status to return to if this attempt lapses
 * @param idempotencyKey       the client's Idempotency-Key for the submission, or null
 * @param taskToken            the workflow's token for the pending e-mail confirmation, or null
 * @param overdueSince         when the CA exceeded its SLA on this attempt, or null
 * @param revokedAt            the revocation time the CA reports, once its status says revoked
 * @param caEvidence           what the CA's status source said when it reported the revocation
 * @param failureReason        why the CA could not revoke, in the CA's own words where it gave them
 * @param refund               the refund claim; null once the attempt lapsed or failed (nothing to settle)
 * @param caWait               the workflow's wait for the CA and the next check's time, from the first hand-over try on
 * @param batchId              the bulk revocation this attempt belongs to, or null: a batch mails each applicant
 *                             once for all its certificates, so this attempt's run sends no mail of its own
 */
public record Revocation(
        int attempt,
        RevocationReason reason,
        Actor requestedBy,
        Instant requestedAt,
        String idempotencyKey,
        CertificateStatus resumeStatus,
        boolean confirmationRequired,
        String taskToken,
        Instant confirmationSentAt,
        Instant confirmedAt,
        String caRequestId,
        Instant submittedToCaAt,
        Instant overdueSince,
        Instant revokedAt,
        RevocationEvidence caEvidence,
        String failureReason,
        LapseCause lapseCause,
        Instant endedAt,
        RefundClaim refund,
        CaWait caWait,
        String batchId) {

    public Revocation {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1");
        }
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(resumeStatus, "resumeStatus");
    }

    /** A freshly submitted attempt. */
    public static Revocation submitted(int attempt, RevocationReason reason, Actor requestedBy, Instant requestedAt,
            String idempotencyKey, CertificateStatus resumeStatus, boolean confirmationRequired, RefundClaim refund,
            String batchId) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, null, null, null, null, null, null, null, null, null, null, null, refund, null, batchId);
    }

    /** How this attempt ended, or empty while it is under way. */
    public Optional<Ending> ending() {
        if (revokedAt != null) {
            return Optional.of(Ending.REVOKED);
        }
        if (failureReason != null) {
            return Optional.of(Ending.FAILED);
        }
        return lapseCause != null ? Optional.of(Ending.LAPSED) : Optional.empty();
    }

    public Optional<RefundClaim> refundClaim() {
        return Optional.ofNullable(refund);
    }

    public boolean inBatch() {
        return batchId != null;
    }

    public boolean submittedToCa() {
        return caRequestId != null;
    }

    Revocation confirmationSent(String token, Instant at) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, token, at, confirmedAt, caRequestId, submittedToCaAt, overdueSince,
                revokedAt, caEvidence, failureReason, lapseCause, endedAt, refund, caWait, batchId);
    }

    Revocation confirmed(Instant at) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, taskToken, confirmationSentAt, at, caRequestId, submittedToCaAt, overdueSince,
                revokedAt, caEvidence, failureReason, lapseCause, endedAt, refund, caWait, batchId);
    }

    Revocation sentToCa(String requestId, Instant at, CaWait wait) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, taskToken, confirmationSentAt, confirmedAt, requestId, at, overdueSince,
                revokedAt, caEvidence, failureReason, lapseCause, endedAt, refund, wait, batchId);
    }

    Revocation overdue(Instant since, CaWait wait) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, taskToken, confirmationSentAt, confirmedAt, caRequestId, submittedToCaAt, since,
                revokedAt, caEvidence, failureReason, lapseCause, endedAt, refund, wait, batchId);
    }

    Revocation waitingForCa(CaWait wait) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, taskToken, confirmationSentAt, confirmedAt, caRequestId, submittedToCaAt,
                overdueSince, revokedAt, caEvidence, failureReason, lapseCause, endedAt, refund, wait, batchId);
    }

    Revocation revoked(RevocationEvidence evidence, Instant now, RefundClaim claim) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, taskToken, confirmationSentAt, confirmedAt, caRequestId, submittedToCaAt,
                overdueSince, evidence.revokedAt(), evidence, failureReason, lapseCause, now, claim, caWait, batchId);
    }

    Revocation failed(String why, Instant now) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, taskToken, confirmationSentAt, confirmedAt, caRequestId, submittedToCaAt,
                overdueSince, revokedAt, caEvidence, why, lapseCause, now, null, caWait, batchId);
    }

    Revocation lapsed(LapseCause cause, Instant now) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, taskToken, confirmationSentAt, confirmedAt, caRequestId, submittedToCaAt,
                overdueSince, revokedAt, caEvidence, failureReason, cause, now, null, caWait, batchId);
    }

    Revocation withRefund(RefundClaim claim) {
        return new Revocation(attempt, reason, requestedBy, requestedAt, idempotencyKey, resumeStatus,
                confirmationRequired, taskToken, confirmationSentAt, confirmedAt, caRequestId, submittedToCaAt,
                overdueSince, revokedAt, caEvidence, failureReason, lapseCause, endedAt, claim, caWait, batchId);
    }
}
