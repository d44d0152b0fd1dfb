package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** The revocation workflow as a Step Functions Standard state machine, one execution per attempt. */
public final class StepFunctionsRevocationWorkflow implements RevocationWorkflow {
    /** The error the waiting task fails with when the revocation lapsed; the state machine catches it by name. */
    public static final String NOT_CONFIRMED_ERROR = "RevocationNotConfirmed";
    /** The error the task waiting for the CA fails with when the CA's status stayed unreadable; the state machine catches it. */
    public static final String CA_STATUS_UNKNOWN_ERROR = "CaStatusUnknown";

    /** Built on first use (AwsClients.lazily): a function path that never signals or starts a run never builds it. */
    private final Supplier<SfnClient> sfn;
    private final String stateMachineArn;
    private final ConfirmationWait confirmationWait;
    private final CaPolling caPolling;
    private final Clock clock;

    /**
     * @param stateMachineArn  the state machine to start; null for a client that only signals
     * @param confirmationWait how long a run waits for the applicant; null for a client that only signals
     * @param caPolling        how long a run waits for the CA; null for a client that only signals
     */
    public StepFunctionsRevocationWorkflow(Supplier<SfnClient> sfn, String stateMachineArn, ConfirmationWait confirmationWait,
            CaPolling caPolling, Clock clock) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
        this.confirmationWait = confirmationWait;
        this.caPolling = caPolling;
        this.clock = clock;
    }

    /**
     * How long the run waits for the applicant's answer. Both limits lie past the link's expiry
     * (by the grace period), so an answer given while the link works always finds the run still
     * waiting. Nothing sends heartbeats while a person decides, so the heartbeat limit, the
     * shorter of the two, is the one that ends an unanswered wait.
     */
    public record ConfirmationWait(Duration linkValidity, Duration grace) {
        long timeoutSeconds() {
            return linkValidity.plus(grace).toSeconds();
        }

        long heartbeatSeconds() {
            return linkValidity.plus(grace.dividedBy(2)).toSeconds();
        }
    }

    @Override
    public void start(Start start) {
        if (stateMachineArn == null) {
            throw new IllegalStateException("this workflow client was built to signal, not to start");
        }
        try {
            sfn.get().startExecution(r -> r.stateMachineArn(stateMachineArn).name(start.runName())
                    .input(input(start, confirmationWait, caPolling, clock.instant())));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // The name is derived from certificate and attempt: this run exists (or ran), which is
            // exactly what a repeated start wants.
        }
    }

    /**
     * The run's execution input as JSON values, for a caller that starts the run itself (a
     * batch's machine, whose StartExecution task takes the name and this input).
     */
    public Map<String, Object> runInput(Start start) {
        if (confirmationWait == null) {
            throw new IllegalStateException("this workflow client was built to signal, not to describe runs");
        }
        return inputValues(start, confirmationWait, caPolling, clock.instant());
    }

    /** Looks the attempt's execution up by its name. */
    @Override
    public RunState runState(Start start) {
        if (stateMachineArn == null) {
            throw new IllegalStateException("this workflow client was built to signal, not to look runs up");
        }
        String executionArn = ExecutionArns.of(stateMachineArn, start.runName());
        try {
            return sfn.get().describeExecution(r -> r.executionArn(executionArn)).status() == ExecutionStatus.RUNNING
                    ? RunState.RUNNING : RunState.ENDED;
        } catch (ExecutionDoesNotExistException notStarted) {
            return RunState.NOT_STARTED;
        }
    }

    @Override
    public void confirmationGiven(String taskToken) {
        try {
            sfn.get().sendTaskSuccess(r -> r.taskToken(taskToken).output("{\"confirmed\":true}"));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException noLongerWaiting) {
            // The wait already ended (timed out); its lapse step decides the outcome.
        }
    }

    @Override
    public void confirmationRefused(String taskToken, LapseCause cause) {
        try {
            sfn.get().sendTaskFailure(r -> r.taskToken(taskToken).error(NOT_CONFIRMED_ERROR).cause(cause.name()));
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException noLongerWaiting) {
            // Nothing is waiting any more; the revocation has lapsed either way.
        }
    }

    @Override
    public boolean caWaitEnded(String taskToken, CaOutcome outcome) {
        return stillWaiting(() -> sfn.get().sendTaskSuccess(r -> r.taskToken(taskToken)
                .output("{\"outcome\":\"" + outcome.name() + "\"}")));
    }

    @Override
    public boolean caWaitFailed(String taskToken, String why) {
        return stillWaiting(() -> sfn.get().sendTaskFailure(r -> r.taskToken(taskToken).error(CA_STATUS_UNKNOWN_ERROR).cause(why)));
    }

    @Override
    public boolean caWaitGoesOn(String taskToken) {
        return stillWaiting(() -> sfn.get().sendTaskHeartbeat(r -> r.taskToken(taskToken)));
    }

    /**
     * Signals a waiting run; false when none waits on the token any more (it timed out, or ended
     * otherwise). The revocation's stored state is the truth; the run only kept time.
     */
    private static boolean stillWaiting(Runnable signal) {
        try {
            signal.run();
            return true;
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException noLongerWaiting) {
            return false;
        }
    }

    /**
     * The execution input the state machine reads: see statemachine/revocation.asl.json. The
     * wait for the CA gets the heartbeat limit the CA check keeps resetting, and a timeout that
     * only backs up the check's own limits (see {@link CaPolling#timeout}).
     */
    static String input(Start start, ConfirmationWait wait, CaPolling ca, Instant now) {
        Map<String, Object> input = inputValues(start, wait, ca, now);
        try {
            return JSON.std.asString(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> inputValues(Start start, ConfirmationWait wait, CaPolling ca, Instant now) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("accountId", start.accountId().value());
        input.put("certificateId", start.certificateId().value());
        input.put("attempt", start.attempt());
        input.put("confirmationRequired", start.confirmationRequired());
        input.put("confirmationTimeoutSeconds", wait.timeoutSeconds());
        input.put("confirmationHeartbeatSeconds", wait.heartbeatSeconds());
        input.put("caWaitHeartbeatSeconds", ca.heartbeat().toSeconds());
        input.put("caWaitTimeoutSeconds", ca.timeout(now, start.confirmationRequired()
                ? Duration.ofSeconds(wait.timeoutSeconds()) : Duration.ZERO).toSeconds());
        return input;
    }
}
