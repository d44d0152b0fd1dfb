package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.port.WorkflowSignals;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * Answers a waiting revocation run through Step Functions' task token calls. It needs no state
 * machine ARN: the token names the run.
 */
public final class StepFunctionsWorkflowSignals implements WorkflowSignals {
    /** The error the waiting task fails with when the revocation lapsed; the state machine catches it by name. */
    public static final String NOT_CONFIRMED_ERROR = "RevocationNotConfirmed";
    /** The error the task waiting for the CA fails with when the CA's status stayed unreadable; the state machine catches it. */
    public static final String CA_STATUS_UNKNOWN_ERROR = "CaStatusUnknown";

    /** Built on first use (AwsClients.lazily): a function path that never signals a run never builds it. */
    private final Supplier<SfnClient> sfn;

    public StepFunctionsWorkflowSignals(Supplier<SfnClient> sfn) {
        this.sfn = Objects.requireNonNull(sfn);
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
}
