package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.domain.port.RevocationWorkflow;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The revocation workflow as a Step Functions Standard state machine, one execution per attempt. */
public final class StepFunctionsRevocationWorkflow implements RevocationWorkflow {
    /** Built on first use (AwsClients.lazily): a function path that never starts or looks up a run never builds it. */
    private final Supplier<SfnClient> sfn;
    private final String stateMachineArn;
    private final RevocationRunInput runInput;

    public StepFunctionsRevocationWorkflow(Supplier<SfnClient> sfn, String stateMachineArn, RevocationRunInput runInput) {
        this.sfn = Objects.requireNonNull(sfn);
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn);
        this.runInput = Objects.requireNonNull(runInput);
    }

    @Override
    public void start(Start start) {
        try {
            sfn.get().startExecution(r -> r.stateMachineArn(stateMachineArn).name(start.runName())
                    .input(runInput.json(start)));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // The name is derived from certificate and attempt: this run exists (or ran), which is
            // exactly what a repeated start wants.
        }
    }

    /** Looks the attempt's execution up by its name. */
    @Override
    public RunState runState(Start start) {
        String executionArn = ExecutionArns.of(stateMachineArn, start.runName());
        try {
            return sfn.get().describeExecution(r -> r.executionArn(executionArn)).status() == ExecutionStatus.RUNNING
                    ? RunState.RUNNING : RunState.ENDED;
        } catch (ExecutionDoesNotExistException notStarted) {
            return RunState.NOT_STARTED;
        }
    }
}
