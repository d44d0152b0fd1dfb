package com.certshop.revocation.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * State transitions read from a state machine's execution histories, straight from the emulator
 * (not through the local AWS endpoint, so reading them adds nothing to the counts measured).
 * A transition is a history event of a {@code *StateEntered} type: Step Functions bills one state
 * transition per state a Standard execution enters, including each iteration's states inside a Map.
 */
final class ExecutionHistories implements AutoCloseable {
    /** Histories are read a few at a time: the emulator is one process, and this is after the run. */
    private static final int READERS = 8;
    private final SfnClient sfn;

    ExecutionHistories(URI moto) {
        this.sfn = SfnClient.builder().endpointOverride(moto).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** What a state machine's executions did, summed over all of them. */
    record Totals(int executions, long transitions, long lambdaInvocations) {
    }

    Totals of(String stateMachineArn) {
        List<ExecutionListItem> executions = sfn.listExecutionsPaginator(r -> r.stateMachineArn(stateMachineArn))
                .executions().stream().toList();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<List<HistoryEvent>>> histories = executions.stream()
                    .map(e -> readers.submit(() -> sfn.getExecutionHistoryPaginator(r -> r.executionArn(e.executionArn()))
                            .events().stream().toList()))
                    .toList();
            long transitions = 0;
            long invocations = 0;
            for (Future<List<HistoryEvent>> history : histories) {
                for (HistoryEvent event : history.get()) {
                    String type = event.typeAsString();
                    transitions += type.endsWith("StateEntered") ? 1 : 0;
                    invocations += invokesLambda(event) ? 1 : 0;
                }
            }
            return new Totals(executions.size(), transitions, invocations);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read an execution history", e.getCause());
        } finally {
            readers.shutdownNow();
        }
    }

    /** A Lambda invocation: a lambda:invoke task (how the machines call the function) or a legacy Lambda task. */
    private static boolean invokesLambda(HistoryEvent event) {
        return "LambdaFunctionScheduled".equals(event.typeAsString())
                || "TaskScheduled".equals(event.typeAsString()) && "lambda".equals(event.taskScheduledEventDetails().resourceType());
    }

    @Override
    public void close() {
        sfn.close();
    }
}
