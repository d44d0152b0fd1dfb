package com.certshop.revocation.domain.model;

import static com.certshop.revocation.domain.model.CertificateStatus.AWAITING_CONFIRMATION;
import static com.certshop.revocation.domain.model.CertificateStatus.DELETED;
import static com.certshop.revocation.domain.model.CertificateStatus.REVOCATION_FAILED;
import static com.certshop.revocation.domain.model.CertificateStatus.REVOKED;
import static com.certshop.revocation.domain.model.CertificateStatus.REVOKING;

import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The certificate lifecycle (README, "The lifecycle"). Each method checks that the arrow it draws starts
 * from the certificate's current state, and returns the next state with its audit event; it never
 * writes anything. Refusals meant for a customer carry the codes the API returns; a workflow step
 * arriving for a state it does not apply to gets {@link ErrorCode#STEP_OUT_OF_ORDER}.
 */
public final class Lifecycle {
    /** The detail of a REVOCATION_REQUESTED event naming the Idempotency-Key that made the attempt. */
    public static final String IDEMPOTENCY_KEY_DETAIL = "idempotencyKey";
    /**
     * The months as {@link #utcDate} writes them. Not a {@code DateTimeFormatter} with {@code MMM}:
     * month names make the JDK load its locale data (some 90 classes and the CLDR tables) in the
     * middle of a request, on a DV application's cold start among others (README: Benchmark).
     */
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private Lifecycle() {
    }

    /** ISSUED or REVOCATION_FAILED → AWAITING_CONFIRMATION (OV/EV) or REVOKING (DV). */
    public static Transition submit(Certificate c, RevocationRequest request, RefundClaim claim, Instant now) {
        requireRevocable(c, now);
        int attempt = c.latestRevocation().map(r -> r.attempt() + 1).orElse(1);
        boolean confirm = c.type().revocationNeedsConfirmation();
        Revocation revocation = Revocation.submitted(attempt, request.reason(), request.requestedBy(), now,
                request.idempotencyKey(), c.status(), confirm, claim, request.batchId());
        Certificate after = c.next(confirm ? AWAITING_CONFIRMATION : REVOKING, revocation);
        Map<String, String> details = new HashMap<>(Map.of(
                "attempt", Integer.toString(attempt),
                "reason", request.reason().rfcName(),
                "refundOutlook", claim.outlook().name()));
        if (request.idempotencyKey() != null) {
            // The certificate keeps only its latest attempt: the trail remembers which key made each.
            details.put(IDEMPOTENCY_KEY_DETAIL, request.idempotencyKey());
        }
        return transition(c, after, now, request.requestedBy(), EventType.REVOCATION_REQUESTED, details);
    }

    /** Refuses, with the code a customer sees, anything that may not be revoked now. */
    public static void requireRevocable(Certificate c, Instant now) {
        if (c.status() == DELETED) {
            throw notFound();
        }
        if (c.origin() == Origin.UPLOADED) {
            throw new DomainException(ErrorCode.UPLOADED_NOT_REVOCABLE,
                    "This certificate was uploaded, not issued by us: only the CA that issued it can revoke it."
                            + " You can delete it from your account instead.");
        }
        if (c.status() == REVOKED) {
            throw new DomainException(ErrorCode.ALREADY_REVOKED, "This certificate is already revoked.");
        }
        if (c.status().revocationInProgress()) {
            throw new DomainException(ErrorCode.REVOCATION_IN_PROGRESS, c.status() == AWAITING_CONFIRMATION
                    ? "A revocation of this certificate is already waiting for the applicant's confirmation."
                    : "A revocation of this certificate is already with the CA.");
        }
        if (c.isExpiredAt(now)) {
            throw new DomainException(ErrorCode.CERTIFICATE_EXPIRED, "This certificate expired on "
                    + utcDate(c.notAfter()) + "; an expired certificate needs no revocation and can be deleted.");
        }
    }

    /** AWAITING_CONFIRMATION → AWAITING_CONFIRMATION: the e-mail went out; remember the workflow's task token. */
    public static Transition confirmationSent(Certificate c, int attempt, String taskToken, Instant now) {
        requireStep(c, attempt, AWAITING_CONFIRMATION);
        Certificate after = c.next(AWAITING_CONFIRMATION, c.revocation().confirmationSent(taskToken, now));
        return transition(c, after, now, Actor.SYSTEM, EventType.CONFIRMATION_SENT,
                Map.of("attempt", Integer.toString(attempt), "to", c.applicantEmail()));
    }

    /**
     * AWAITING_CONFIRMATION, quietly: the run of a batch's attempt waits for the answer to the
     * batch's mail; remember its task token. No event: the trail shows the mail, not the waiting.
     */
    public static Transition waitingForAnswer(Certificate c, int attempt, String taskToken) {
        requireStep(c, attempt, AWAITING_CONFIRMATION);
        Revocation r = c.revocation();
        return new Transition(c, c.next(AWAITING_CONFIRMATION, r.confirmationSent(taskToken, r.confirmationSentAt())), null);
    }

    /** AWAITING_CONFIRMATION → REVOKING: the applicant confirmed by e-mail. */
    public static Transition confirm(Certificate c, int attempt, Actor applicant, Instant now) {
        requireStep(c, attempt, AWAITING_CONFIRMATION);
        Certificate after = c.next(REVOKING, c.revocation().confirmed(now));
        return transition(c, after, now, applicant, EventType.REVOCATION_CONFIRMED,
                Map.of("attempt", Integer.toString(attempt)));
    }

    /**
     * AWAITING_CONFIRMATION → the status before the attempt (ISSUED, or REVOCATION_FAILED after an
     * earlier CA rejection): never confirmed, rejected or cancelled, the revocation never reached
     * the CA, so the certificate is as it was and, if ISSUED, downloadable again.
     */
    public static Transition lapse(Certificate c, int attempt, LapseCause cause, Actor actor, Instant now) {
        requireStep(c, attempt, AWAITING_CONFIRMATION);
        return lapsed(c, attempt, cause, actor, now);
    }

    private static Transition lapsed(Certificate c, int attempt, LapseCause cause, Actor actor, Instant now) {
        Revocation r = c.revocation();
        Certificate after = c.next(r.resumeStatus(), r.lapsed(cause, now));
        return transition(c, after, now, actor, EventType.REVOCATION_LAPSED,
                Map.of("attempt", Integer.toString(attempt), "cause", cause.name()));
    }

    /**
     * The customer withdraws a revocation that nothing has carried towards the CA yet: one that
     * awaits confirmation, or one in REVOKING whose workflow run never started (its start failed
     * after the revocation was written and neither the sweep nor a retry has started it since).
     * A REVOKING revocation with a run may be at the CA at any moment, so it stays.
     *
     * @param workflowStarted whether a run exists for this attempt, running or ended
     */
    public static Transition cancel(Certificate c, boolean workflowStarted, Actor customer, Instant now) {
        requireCancellable(c, workflowStarted);
        return lapsed(c, c.revocation().attempt(), LapseCause.CANCELLED_BY_CUSTOMER, customer, now);
    }

    /** Refuses, with the code a customer sees, a cancellation that {@link #cancel} would refuse. */
    public static void requireCancellable(Certificate c, boolean workflowStarted) {
        if (c.status() == DELETED) {
            throw notFound();
        }
        if (c.status() == REVOKING && (workflowStarted || c.revocation().submittedToCa())) {
            throw new DomainException(ErrorCode.ALREADY_WITH_CA,
                    "The revocation was handed to the CA; it can no longer be cancelled.");
        }
        if (c.status() != AWAITING_CONFIRMATION && c.status() != REVOKING) {
            throw new DomainException(ErrorCode.NO_REVOCATION_TO_CANCEL,
                    "There is no revocation awaiting confirmation to cancel.");
        }
    }

    /** Refuses the PEM bundle once a revocation was applied for and did not lapse (the lock on submit). */
    public static void requireDownloadable(Certificate c) {
        if (c.status() == DELETED) {
            throw notFound();
        }
        if (c.status().locksDownload()) {
            throw new DomainException(ErrorCode.CERTIFICATE_LOCKED, "A revocation of this certificate was applied for"
                    + " on " + utcDate(c.revocation().requestedAt()) + ", so it can no longer be viewed or downloaded.");
        }
    }

    /**
     * REVOKING → REVOKING: the CA accepted the request under the given reference; the workflow
     * waits for it with {@code wait}.
     */
    public static Transition sentToCa(Certificate c, int attempt, String caRequestId, CaWait wait, Instant now) {
        requireStep(c, attempt, REVOKING);
        Certificate after = c.next(REVOKING, c.revocation().sentToCa(caRequestId, now, wait));
        return transition(c, after, now, Actor.SYSTEM, EventType.SUBMITTED_TO_CA,
                Map.of("attempt", Integer.toString(attempt), "caRequestId", caRequestId));
    }

    /** REVOKING → REVOKING: the CA has exceeded its service level; flagged once per attempt, and checked next as {@code next} says. */
    public static Transition overdue(Certificate c, int attempt, CaWait next, Instant now) {
        requireStep(c, attempt, REVOKING);
        Certificate after = c.next(REVOKING, c.revocation().overdue(now, next));
        return transition(c, after, now, Actor.SYSTEM, EventType.REVOCATION_OVERDUE,
                Map.of("attempt", Integer.toString(attempt)));
    }

    /**
     * REVOKING → REVOKING without an audit event: the wait for the CA goes on under {@code wait}
     * (the next check's time, a newer task token). Nothing happened that the trail should show: a
     * revocation checked hourly for days would otherwise bury its real events.
     */
    public static Transition waitForCa(Certificate c, int attempt, CaWait wait) {
        requireStep(c, attempt, REVOKING);
        return new Transition(c, c.next(REVOKING, c.revocation().waitingForCa(wait)), null);
    }

    /**
     * REVOKING → REVOKING: the CA took the revocation, but its status could not be read even after
     * retries. It must not become REVOCATION_FAILED (the CA may well have revoked the certificate, and
     * a failed revocation would unlock the key and drop the refund claim); it stays with the CA for an
     * operator to follow up, who sees it in the trail and in the scheduled check's needAttention.
     */
    public static Transition statusUnknown(Certificate c, int attempt, String why, Instant now) {
        requireStep(c, attempt, REVOKING);
        if (!c.revocation().submittedToCa()) {
            throw new DomainException(ErrorCode.STEP_OUT_OF_ORDER, "Attempt " + attempt + " was never handed to the CA.");
        }
        return transition(c, c.next(REVOKING, c.revocation()), now, Actor.SYSTEM, EventType.CA_STATUS_UNKNOWN,
                Map.of("attempt", Integer.toString(attempt), "why", why));
    }

    /**
     * REVOKING → REVOKED at the revocation time the CA's status source reports, keeping that
     * evidence. A pending refund claim becomes due now; the scheduled refund check decides and pays it.
     * The CA's reason is recorded as the CA reports it: when the certificate had already been
     * revoked at the CA (say by its key holder, for keyCompromise), that reason stands, not ours.
     */
    public static Transition revoked(Certificate c, int attempt, RevocationEvidence evidence, Instant now) {
        requireStep(c, attempt, REVOKING);
        Revocation r = c.revocation();
        RefundClaim claim = r.refund() != null && r.refund().isPending() ? r.refund().dueAt(now) : r.refund();
        Certificate after = c.next(REVOKED, r.revoked(evidence, now, claim));
        return transition(c, after, now, Actor.CERTIFICATE_AUTHORITY, EventType.REVOKED, Map.of(
                "attempt", Integer.toString(attempt),
                "revokedAt", evidence.revokedAt().toString(),
                "caReason", evidence.reasonName(),
                "requestedReason", r.reason().rfcName(),
                "evidence", evidence.source(),
                "checkedAt", evidence.checkedAt().toString()));
    }

    /** REVOKING → REVOCATION_FAILED: the CA refused, or could not be reached. The customer may apply again. */
    public static Transition failed(Certificate c, int attempt, String why, Instant now) {
        requireStep(c, attempt, REVOKING);
        Certificate after = c.next(REVOCATION_FAILED, c.revocation().failed(why, now));
        return transition(c, after, now, Actor.CERTIFICATE_AUTHORITY, EventType.REVOCATION_FAILED,
                Map.of("attempt", Integer.toString(attempt), "why", why));
    }

    /**
     * → DELETED, for REVOKED, UPLOADED and expired certificates. An unexpired certificate that was
     * never revoked must be revoked first; one with a revocation under way must wait for it.
     */
    public static Transition delete(Certificate c, Actor customer, Instant now) {
        requireDeletable(c, now);
        return transition(c, c.next(DELETED, c.revocation()), now, customer, EventType.CERTIFICATE_DELETED,
                Map.of());
    }

    /** Refuses, with the code a customer sees, a deletion that {@link #delete} would refuse. */
    public static void requireDeletable(Certificate c, Instant now) {
        if (c.status() == DELETED) {
            throw notFound();
        }
        if (c.status().revocationInProgress()) {
            throw new DomainException(ErrorCode.REVOCATION_IN_PROGRESS,
                    "A revocation of this certificate is in progress; it can be deleted once it is revoked.");
        }
        boolean deletable = c.status() == REVOKED || c.origin() == Origin.UPLOADED || c.isExpiredAt(now);
        if (!deletable) {
            throw new DomainException(ErrorCode.REVOKE_FIRST,
                    "This certificate is still valid: revoke it first, then delete it.");
        }
    }

    /** Records the settlement of a pending refund claim; the status does not change. */
    public static Transition refundSettled(Certificate c, RefundClaim settled, Instant now) {
        RefundClaim current = c.latestRevocation().map(Revocation::refund).orElse(null);
        if (current == null || !current.isPending() || settled.isPending()) {
            throw new DomainException(ErrorCode.STEP_OUT_OF_ORDER, "No pending refund claim on " + c.id() + ".");
        }
        Map<String, String> details = new HashMap<>();
        details.put("attempt", Integer.toString(c.revocation().attempt()));
        details.put("refund", settled.status().name());
        if (settled.denial() != null) {
            details.put("denial", settled.denial().name());
        }
        if (settled.refundReference() != null) {
            details.put("refundReference", settled.refundReference());
        }
        return transition(c, c.next(c.status(), c.revocation().withRefund(settled)), now, Actor.SYSTEM,
                EventType.REFUND_SETTLED, details);
    }

    private static void requireStep(Certificate c, int attempt, CertificateStatus expected) {
        if (!c.isAt(attempt, expected)) {
            throw new DomainException(ErrorCode.STEP_OUT_OF_ORDER, "Certificate " + c.id() + " is " + c.status()
                    + " at attempt " + c.latestRevocation().map(Revocation::attempt).orElse(0)
                    + "; expected " + expected + " at attempt " + attempt + ".");
        }
    }

    /**
     * A date a person reads in a message, e.g. "27 Nov 2026 (UTC)": what {@code d MMM uuuu} in
     * English writes for the four-digit years a request can carry.
     */
    private static String utcDate(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return day.getDayOfMonth() + " " + MONTHS[day.getMonthValue() - 1] + " " + day.getYear() + " (UTC)";
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.CERTIFICATE_NOT_FOUND, "No such certificate.");
    }

    private static Transition transition(Certificate before, Certificate after, Instant now, Actor actor,
            EventType type, Map<String, String> details) {
        AuditEvent event = new AuditEvent(after.id(), after.version(), now, actor, type, before.status(),
                after.status(), details);
        return new Transition(before, after, event);
    }
}
