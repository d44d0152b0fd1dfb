package com.certshop.revocation.aws.telemetry;

/**
 * Every metric the functions publish, named once: the alarms and the dashboard in template.yaml
 * name these (the template checks hold them to this list). Counts unless a unit says otherwise.
 */
public enum Metric {
    /** The revocation funnel, one per audit event the store recorded (BusinessMetrics). */
    RevocationsSubmitted,
    RevocationsConfirmed,
    RevocationsLapsed,
    RevocationsRevoked,
    /** REVOCATION_FAILED: the CA refused the revocation or never took it. */
    RevocationsRejectedByCa,
    /** REVOCATION_OVERDUE: the CA's SLA deadline passed without an answer. */
    RevocationsOverdue,
    /** CA_STATUS_UNKNOWN: after the grace the CA's status could not be read; an operator follows up. */
    CaStatusUnknown,
    /** From the application to REVOKED. */
    TimeToRevoked(Unit.Seconds),
    RefundsSettled,
    RefundsRefused,
    /** API answers 4xx and 5xx, by {@code errorCode}. */
    ClientErrors,
    ServerErrors,
    /** Every call to the CA, and those it could not answer. */
    CaRequests,
    CaErrors,
    /** Hand-overs that did not go through, by kind. */
    CaHandOverUnavailable,
    CaHandOverRetryAfter,
    CaHandOverRejected,
    CaHandOverNotSent,
    /** Items a scheduled CA check could not process (left for the next run). */
    CaCheckErrors,
    /** Revocations whose run has ended while they still show in progress (the refund check's sweep). */
    NeedAttention,
    /** Items a refund check could not process (left for the next run). */
    RefundCheckItemsFailed;

    /** The units used here, as CloudWatch spells them. */
    public enum Unit { Count, Seconds }

    private final Unit unit;

    Metric() {
        this(Unit.Count);
    }

    Metric(Unit unit) {
        this.unit = unit;
    }

    public Unit unit() {
        return unit;
    }
}
