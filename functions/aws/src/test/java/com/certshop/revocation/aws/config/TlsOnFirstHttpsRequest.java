package com.certshop.revocation.aws.config;

import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The JVM {@link DeferredTlsConnectionsTest} starts: one AWS request (Step Functions'
 * ListStateMachines) through a client {@link AwsClients} builds, against each endpoint named on the
 * command line, in that order, printing a line for each: {@code ok}, or {@code refused:} and the
 * class of each exception in the cause chain. Right after the first request it loads
 * {@link AfterFirstRequest}, so that the JVM's class-loading log shows what that request loaded and
 * what came later.
 */
public final class TlsOnFirstHttpsRequest {
    private TlsOnFirstHttpsRequest() {
    }

    public static void main(String[] endpoints) {
        for (int i = 0; i < endpoints.length; i++) {
            System.out.println(request(endpoints[i]));
            if (i == 0) {
                AfterFirstRequest.mark();
            }
        }
    }

    private static String request(String endpoint) {
        AwsClients clients = new AwsClients(new Environment(Map.of(
                AwsClients.AWS_REGION, "eu-west-1", AwsClients.AWS_ENDPOINT_URL, endpoint)));
        try (SfnClient stepFunctions = clients.build(SfnClient.builder())) {
            stepFunctions.listStateMachines();
            return "ok";
        } catch (RuntimeException e) {
            StringBuilder causes = new StringBuilder("refused:");
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                causes.append(' ').append(cause.getClass().getName());
            }
            return causes.toString();
        }
    }

    /** Loaded only after the first request: a mark in the class-loading log. */
    static final class AfterFirstRequest {
        static void mark() {
        }
    }
}
