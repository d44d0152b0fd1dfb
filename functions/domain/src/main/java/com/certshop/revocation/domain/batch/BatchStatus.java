package com.certshop.revocation.domain.batch;

import com.certshop.revocation.domain.port.BatchWorkflow.RunState;

/** Where a batch's application stands, as its report tells the customer. */
public enum BatchStatus {
    /** Its run is applying the items (or mailing the applicants). */
    APPLYING,
    /** Every item was applied and every applicant mailed; each item goes on as a single revocation. */
    APPLIED,
    /**
     * Its run stopped before the end (or never started): items still QUEUED wait until the same
     * request is sent again with the same Idempotency-Key, which starts the batch's next run.
     */
    INTERRUPTED;

    public static BatchStatus of(RunState run) {
        return switch (run) {
            case RUNNING -> APPLYING;
            case SUCCEEDED -> APPLIED;
            case STOPPED, NOT_STARTED -> INTERRUPTED;
        };
    }
}
