package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.certshop.revocation.domain.port.WorkflowSignals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records workflow starts and task-token signals (both ports of the one workflow). Like Step
 * Functions with a fixed execution name, a second start of the same run name does not create a
 * second run.
 */
public final class RecordingWorkflow implements RevocationWorkflow, WorkflowSignals {
    private final Map<String, Start> runs = new LinkedHashMap<>();
    private final java.util.Set<String> ended = new java.util.HashSet<>();
    private final List<String> given = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> caWaitSignals = new ArrayList<>();
    private final java.util.Set<String> endedTokens = new java.util.HashSet<>();
    private int startCalls;
    private int failNextStarts;
    private int failNextSignals;

    @Override
    public synchronized void start(Start start) {
        startCalls++;
        if (failNextStarts > 0) {
            failNextStarts--;
            throw new IllegalStateException("simulated: the workflow service is unavailable");
        }
        runs.putIfAbsent(start.runName(), start);
    }

    @Override
    public synchronized void confirmationGiven(String taskToken) {
        if (failNextSignals > 0) {
            failNextSignals--;
            throw new IllegalStateException("simulated: the workflow service is unavailable");
        }
        given.add(taskToken);
    }

    @Override
    public synchronized void confirmationRefused(String taskToken, LapseCause cause) {
        refused.add(taskToken + ":" + cause);
    }

    @Override
    public synchronized boolean caWaitEnded(String taskToken, CaOutcome outcome) {
        return signal(taskToken, outcome.name());
    }

    @Override
    public synchronized boolean caWaitFailed(String taskToken, String why) {
        return signal(taskToken, "FAILURE");
    }

    @Override
    public synchronized boolean caWaitGoesOn(String taskToken) {
        return signal(taskToken, "HEARTBEAT");
    }

    /** Like Step Functions: a token whose run has ended takes no signal, and says so. */
    private boolean signal(String taskToken, String what) {
        if (failNextSignals > 0) {
            failNextSignals--;
            throw new IllegalStateException("simulated: the workflow service is unavailable");
        }
        if (endedTokens.contains(taskToken)) {
            return false;
        }
        caWaitSignals.add(taskToken + ":" + what);
        if (!"HEARTBEAT".equals(what)) {
            endedTokens.add(taskToken);
        }
        return true;
    }

    /** Ends the run waiting on {@code taskToken}, as a timeout would: later signals to it are refused. */
    public synchronized void endWaitOf(String taskToken) {
        endedTokens.add(taskToken);
    }

    /** Each entry is {@code taskToken:REVOKED|FAILED|GAVE_UP|LAPSED|FAILURE|HEARTBEAT}, in order; refused signals are not listed. */
    public synchronized List<String> caWaitSignals() {
        return List.copyOf(caWaitSignals);
    }

    @Override
    public synchronized RunState runState(Start start) {
        if (!runs.containsKey(start.runName())) {
            return RunState.NOT_STARTED;
        }
        return ended.contains(start.runName()) ? RunState.ENDED : RunState.RUNNING;
    }

    /** Marks a run as finished, as if its execution had ended. */
    public synchronized void end(String runName) {
        ended.add(runName);
    }

    /** Makes the next {@code n} task-token signals fail, as if Step Functions were unavailable. */
    public synchronized void failNextSignals(int n) {
        failNextSignals = n;
    }

    /** Makes the next {@code n} starts fail, as if StartExecution were unavailable. */
    public synchronized void failNextStarts(int n) {
        failNextStarts = n;
    }

    public synchronized List<Start> runs() {
        return List.copyOf(runs.values());
    }

    public synchronized int startCalls() {
        return startCalls;
    }

    public synchronized List<String> confirmationsGiven() {
        return List.copyOf(given);
    }

    /** Each entry is {@code taskToken:CAUSE}. */
    public synchronized List<String> confirmationsRefused() {
        return List.copyOf(refused);
    }
}
