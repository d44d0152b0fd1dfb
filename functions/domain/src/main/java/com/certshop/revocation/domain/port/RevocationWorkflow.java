package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;

/**
 * The long-running process that waits for the applicant and the CA (a Step Functions state machine
 * on AWS), as the functions that start its runs see it. The functions that only answer a waiting
 * run use {@link WorkflowSignals}, and need neither the machine's name nor the right to start it.
 */
public interface RevocationWorkflow {

    /**
     * Starts the workflow for one revocation attempt. Idempotent: starting the same attempt again
     * (a retried request, a replayed Idempotency-Key) never starts a second run.
     */
    void start(Start start);

    /** Whether the run for this attempt was started, and whether it still runs. */
    RunState runState(Start start);

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
