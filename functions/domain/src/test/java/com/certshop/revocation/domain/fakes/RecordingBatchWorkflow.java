package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.port.BatchWorkflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Remembers the batch runs started, each RUNNING until a test ends it; a test can make the next start fail. */
public final class RecordingBatchWorkflow implements BatchWorkflow {
    public final List<Batch> started = new ArrayList<>();
    private final Map<String, RunState> states = new HashMap<>();
    private RuntimeException failNextStart;

    public void failNextStart(RuntimeException e) {
        this.failNextStart = e;
    }

    /** The batch's current run ends as {@code how} (SUCCEEDED or STOPPED). */
    public synchronized void end(Batch batch, RunState how) {
        states.put(name(batch), how);
    }

    @Override
    public synchronized void start(Batch batch) {
        if (failNextStart != null) {
            RuntimeException e = failNextStart;
            failNextStart = null;
            throw e;
        }
        started.add(batch);
        states.putIfAbsent(name(batch), RunState.RUNNING);
    }

    @Override
    public synchronized RunState runState(Batch batch) {
        return states.getOrDefault(name(batch), RunState.NOT_STARTED);
    }

    private static String name(Batch batch) {
        return batch.id().value() + "#" + batch.run();
    }
}
