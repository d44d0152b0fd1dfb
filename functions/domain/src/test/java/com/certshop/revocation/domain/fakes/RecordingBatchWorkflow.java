package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.port.BatchWorkflow;
import java.util.ArrayList;
import java.util.List;

/** Remembers the batch runs started; a test can make the next start fail. */
public final class RecordingBatchWorkflow implements BatchWorkflow {
    public final List<Batch> started = new ArrayList<>();
    private RuntimeException failNextStart;

    public void failNextStart(RuntimeException e) {
        this.failNextStart = e;
    }

    @Override
    public synchronized void start(Batch batch) {
        if (failNextStart != null) {
            RuntimeException e = failNextStart;
            failNextStart = null;
            throw e;
        }
        started.add(batch);
    }
}
