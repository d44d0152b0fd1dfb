package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.batch.Batch;

/** The run that applies a batch's items chunk by chunk, then mails the applicants (a Step Functions state machine on AWS). */
public interface BatchWorkflow {

    /**
     * Starts the batch's current run ({@link Batch#run()}). Idempotent: the run is named after the
     * batch and its number, so a repeated start never runs it twice.
     */
    void start(Batch batch);

    /** Where the batch's current run stands. */
    RunState runState(Batch batch);

    enum RunState {
        /** No run of that name exists: its start failed. */
        NOT_STARTED,
        RUNNING,
        /** Every item was applied and the applicants were mailed. */
        SUCCEEDED,
        /** The run ended before the end: it failed, timed out or was stopped. */
        STOPPED
    }
}
