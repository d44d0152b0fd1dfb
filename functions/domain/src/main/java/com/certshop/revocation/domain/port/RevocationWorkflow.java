package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.LapseCause;

/** The long-running process that waits for the applicant and the CA (a Step Functions state machine on AWS). */
public interface RevocationWorkflow {

    /**
     * Starts the workflow for one revocation attempt. Idempotent: starting the same attempt again
     * (a retried request, a replayed Idempotency-Key) never starts a second run.
     */
    void start(Start start);

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

    /** Whether the run for this attempt was started, and whether it still runs. */
    RunState runState(Start start);

    /** How the CA's handling of a revocation ended, as the waiting run routes on it. */
    enum CaOutcome {
        REVOKED,
        /** The CA refused, or could not take it: REVOCATION_FAILED. */
        FAILED,
        /** The CA never confirmed it within the SLA and the grace after it: REVOCATION_FAILED. */
        GAVE_UP
    }

    /** Where a workflow run stands. */
    enum RunState {
        /** No run of that name exists: the start never happened. */
        NOT_STARTED,
        RUNNING,
        /** The run finished (succeeded, failed, timed out or was stopped). */
        ENDED
    }

    /** What a workflow run needs to know to find its certificate and choose its path. */
    record Start(AccountId accountId, CertificateId certificateId, int attempt, boolean confirmationRequired) {

        public static Start of(Certificate certificate) {
            var revocation = certificate.latestRevocation()
                    .orElseThrow(() -> new IllegalArgumentException("no revocation on " + certificate.id()));
            return new Start(certificate.accountId(), certificate.id(), revocation.attempt(),
                    revocation.confirmationRequired());
        }

        /**
         * The run's name, unique per certificate and attempt, so a retried start finds the existing
         * run instead of making a second one. Certificate ids are at most 64 characters, which keeps
         * this within Step Functions' 80-character limit.
         */
        public String runName() {
            return certificateId.value() + "-attempt-" + attempt;
        }
    }
}
