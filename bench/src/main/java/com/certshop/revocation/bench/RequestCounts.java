package com.certshop.revocation.bench;

import com.certshop.revocation.local.iam.AwsCalls;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the local AWS endpoint had seen at one moment: DynamoDB requests (one per HTTP request to
 * the emulator, so a transaction counts once) by calling function, and the state machines' Lambda
 * invocations of the workflow function. Two snapshots give what happened in between.
 */
record RequestCounts(Map<String, Long> dynamoDbByCaller, long workflowInvocations) {
    private static final String DYNAMODB = "DynamoDB_20120810.";
    private static final String WORKFLOW_FUNCTION = "RevocationWorkflowFunction";

    static RequestCounts of(AwsCalls calls) {
        Map<String, Long> dynamoDb = new TreeMap<>();
        calls.forwardedRequests().forEach((request, count) -> {
            if (request.operation().startsWith(DYNAMODB)) {
                dynamoDb.merge(request.caller().isEmpty() ? "(unnamed)" : request.caller(), count, Long::sum);
            }
        });
        // Counted once each: the IAM record attributes an invocation to both machines that invoke the function.
        return new RequestCounts(dynamoDb, calls.invocationsOf(WORKFLOW_FUNCTION));
    }

    long dynamoDb() {
        return dynamoDbByCaller.values().stream().mapToLong(Long::longValue).sum();
    }

    long dynamoDbOf(String caller) {
        return dynamoDbByCaller.getOrDefault(caller, 0L);
    }

    /** What happened since {@code earlier}. */
    RequestCounts since(RequestCounts earlier) {
        Map<String, Long> dynamoDb = new TreeMap<>(dynamoDbByCaller);
        earlier.dynamoDbByCaller.forEach((caller, count) -> dynamoDb.merge(caller, -count, Long::sum));
        dynamoDb.values().removeIf(count -> count == 0);
        return new RequestCounts(dynamoDb, workflowInvocations - earlier.workflowInvocations);
    }
}
