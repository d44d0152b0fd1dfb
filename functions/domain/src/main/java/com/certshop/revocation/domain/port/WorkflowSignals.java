package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.model.LapseCause;

/**
 * What a waiting revocation run is told, by the task token it waits on: the applicant's answer and
 * the CA's. Apart from {@link RevocationWorkflow}: signalling a run needs no state machine and no
 * right to start one.
 */
public interface WorkflowSignals {

    /**
     * The applicant confirmed: let the waiting workflow hand the revocation to the CA. A run that
     * no longer waits (it timed out meanwhile) is not an error.
     */
    void confirmationGiven(String taskToken);

    /**
     * The revocation lapsed before confirmation: end the waiting workflow without the CA. A run
     * that no longer waits is not an error.
     */
    void confirmationRefused(String taskToken, LapseCause cause);

    /**
     * The CA has answered for good: let the run waiting for it end with {@code outcome}.
     *
     * @return false when no run waits on this token any more (it timed out or ended); the
     *         revocation's stored state is the truth either way, the run only keeps time
     */
    boolean caWaitEnded(String taskToken, CaOutcome outcome);

    /**
     * The CA's status could not be read for as long as the service waits: end the waiting run in
     * a failure, which records CA_STATUS_UNKNOWN for an operator.
     *
     * @return false when no run waits on this token any more
     */
    boolean caWaitFailed(String taskToken, String why);

    /**
     * The wait for the CA goes on and was looked at just now: reset the waiting run's heartbeat limit.
     *
     * @return false when no run waits on this token any more
     */
    boolean caWaitGoesOn(String taskToken);

    /** How the CA's handling of a revocation ended, as the waiting run routes on it. */
    enum CaOutcome {
        REVOKED,
        /** The CA refused, or could not take it: REVOCATION_FAILED. */
        FAILED,
        /** The CA never confirmed it within the SLA and the grace after it: REVOCATION_FAILED. */
        GAVE_UP,
        /**
         * It never went to the CA: the customer cancelled it before its run began (a DV revocation
         * may be cancelled until its run exists), so the run ends without anything to wait for.
         */
        LAPSED
    }
}
