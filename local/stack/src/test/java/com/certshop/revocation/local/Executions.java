package com.certshop.revocation.local;

import com.certshop.revocation.domain.model.Certificate;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** What the state machine ran: the executions of one certificate and their statuses. */
final class Executions implements AutoCloseable {
    private final SfnClient sfn;
    private final String stateMachineArn;

    Executions(EmulatedStack stack) {
        this.sfn = SfnClient.builder().endpointOverride(stack.motoEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.stateMachineArn = stack.stateMachineArn();
    }

    /**
     * Statuses of the certificate's executions (named {id}-attempt-{n}), oldest first; a failed
     * one as {@code FAILED error: cause}, so an assertion shows why.
     */
    List<String> of(Certificate certificate) {
        return sfn.listExecutionsPaginator(r -> r.stateMachineArn(stateMachineArn)).executions().stream()
                .filter(e -> e.name().startsWith(certificate.id().value() + "-attempt-"))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .map(e -> {
                    if (!"FAILED".equals(e.statusAsString())) {
                        return e.statusAsString();
                    }
                    var failed = sfn.describeExecution(r -> r.executionArn(e.executionArn()));
                    return "FAILED " + failed.error() + ": " + failed.cause();
                }).toList();
    }

    /** The history event types of the certificate's executions, in order (e.g. LambdaFunctionFailed on a task error). */
    List<String> history(Certificate certificate) {
        return sfn.listExecutionsPaginator(r -> r.stateMachineArn(stateMachineArn)).executions().stream()
                .filter(e -> e.name().startsWith(certificate.id().value() + "-attempt-"))
                .flatMap(e -> sfn.getExecutionHistoryPaginator(r -> r.executionArn(e.executionArn())).events().stream())
                .map(event -> event.typeAsString()).toList();
    }

    /** Every execution of the state machine as {@code name status}, by name. */
    List<String> all() {
        return sfn.listExecutionsPaginator(r -> r.stateMachineArn(stateMachineArn)).executions().stream()
                .map(e -> e.name() + " " + e.statusAsString()).sorted().toList();
    }

    /**
     * Starts the certificate's attempt's run once more, with its input, as a run that reaches its
     * step after the attempt ended would (named {id}-attempt-{n}-again); answers its execution ARN.
     */
    String startAgain(Certificate certificate, int attempt) {
        String name = certificate.id().value() + "-attempt-" + attempt;
        String input = sfn.describeExecution(r -> r.executionArn(
                stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name)).input();
        return sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name + "-again").input(input)).executionArn();
    }

    /** An execution's status, e.g. RUNNING or SUCCEEDED. */
    String status(String executionArn) {
        return sfn.describeExecution(r -> r.executionArn(executionArn)).statusAsString();
    }

    /** Stops a bulk revocation's first run, as an operator would, or as a run out of retries ends. */
    void stopBatchRun(EmulatedStack stack, String batchId) {
        String machine = stack.stateMachineArn("RevocationBatchStateMachine");
        sfn.stopExecution(r -> r.executionArn(machine.replace(":stateMachine:", ":execution:") + ":" + batchId)
                .error("Operator.Stopped").cause("stopped by a test"));
    }

    @Override
    public void close() {
        sfn.close();
    }
}
