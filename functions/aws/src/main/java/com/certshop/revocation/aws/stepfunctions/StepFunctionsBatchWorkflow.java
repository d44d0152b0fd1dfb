package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.port.BatchWorkflow;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * A batch's run as a Step Functions Standard execution of statemachine/revocation-batch.asl.json,
 * named after the batch and its run: a Map over its chunk numbers, at bounded concurrency, then the
 * mail to its applicants.
 */
public final class StepFunctionsBatchWorkflow implements BatchWorkflow {
    private final Supplier<SfnClient> sfn;
    private final String stateMachineArn;

    public StepFunctionsBatchWorkflow(Supplier<SfnClient> sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void start(Batch batch) {
        try {
            sfn.get().startExecution(r -> r.stateMachineArn(stateMachineArn).name(runName(batch)).input(input(batch)));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // The run of this batch exists (or ran): exactly what a repeated start wants.
        }
    }

    @Override
    public RunState runState(Batch batch) {
        String executionArn = ExecutionArns.of(stateMachineArn, runName(batch));
        try {
            return switch (sfn.get().describeExecution(r -> r.executionArn(executionArn)).status()) {
                case RUNNING -> RunState.RUNNING;
                case SUCCEEDED -> RunState.SUCCEEDED;
                // FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE, or a status newer than this SDK.
                default -> RunState.STOPPED;
            };
        } catch (ExecutionDoesNotExistException notStarted) {
            return RunState.NOT_STARTED;
        }
    }

    /** The batch id for its first run (as every batch was named before runs were counted), then {@code -run-N}. */
    static String runName(Batch batch) {
        return batch.run() == 1 ? batch.id().value() : batch.id().value() + "-run-" + batch.run();
    }

    /** The execution input the batch state machine reads. */
    static String input(Batch batch) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("accountId", batch.accountId().value());
        input.put("batchId", batch.id().value());
        input.put("chunks", IntStream.range(0, batch.chunks()).boxed().toList());
        try {
            return JSON.std.asString(input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
