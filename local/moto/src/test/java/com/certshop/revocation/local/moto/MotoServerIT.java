package com.certshop.revocation.local.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MotoServerIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesOnAFreeLoopbackPortUntilClosed() throws Exception {
        MotoServer moto = MotoServer.start();
        HttpRequest ping = HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/")).build();
        try (moto) {
            assertTrue(moto.endpoint().toString().startsWith("http://127.0.0.1:"));
            assertEquals(200, http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertThrows(ConnectException.class, () -> http.send(ping, HttpResponse.BodyHandlers.discarding()));
    }

    /** Ctrl-C signals the terminal's whole process group: moto waits for the stack to stop it. */
    @Test
    void anInterruptFromTheTerminalLeavesItServing() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(moto.pid())).start().waitFor());
            Thread.sleep(1_000);
            assertTrue(ProcessHandle.of(moto.pid()).map(ProcessHandle::isAlive).orElse(false));
            HttpRequest ping = HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/")).build();
            assertEquals(200, http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void pausedItAnswersNothingAndResumedItAnswersWhatWaitedWithItsStateKept() throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            dynamoDb(moto, "CreateTable", "{\"TableName\": \"kept\", \"BillingMode\": \"PAY_PER_REQUEST\","
                    + " \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"}],"
                    + " \"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}]}");

            moto.pause();
            HttpRequest.Builder listTables = dynamoDbRequest(moto, "ListTables", "{}");
            assertThrows(HttpTimeoutException.class, () -> http.send(listTables.timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()));
            CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(
                    dynamoDbRequest(moto, "ListTables", "{}").build(), HttpResponse.BodyHandlers.ofString());
            moto.resume();

            HttpResponse<String> answered = waiting.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode());
            assertTrue(answered.body().contains("\"kept\""), answered.body());
        }
    }

    private void dynamoDb(MotoServer moto, String operation, String json) throws Exception {
        HttpResponse<String> response = http.send(dynamoDbRequest(moto, operation, json).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    /** A DynamoDB JSON request as the SDK sends it; moto reads the region from the signature's scope. */
    private static HttpRequest.Builder dynamoDbRequest(MotoServer moto, String operation, String json) {
        return HttpRequest.newBuilder(moto.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    @Test
    void aMissingPythonIsReportedWithInstallInstructions() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MotoServer.start("/nonexistent/python3", MotoServer.freePort(), Map.of()));
        assertTrue(e.getMessage().contains(MotoServer.INSTALL_HINT), e.getMessage());
    }
}
