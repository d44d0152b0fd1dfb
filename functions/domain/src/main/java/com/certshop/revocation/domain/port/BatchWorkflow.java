package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.batch.Batch;

/** The run that applies a batch's items chunk by chunk, then mails the applicants (a Step Functions state machine on AWS). */
public interface BatchWorkflow {

    /** Starts the batch's run. Idempotent: the run is named after the batch, so a repeated start never runs it twice. */
    void start(Batch batch);
}
