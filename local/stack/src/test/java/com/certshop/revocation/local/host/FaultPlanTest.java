package com.certshop.revocation.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.local.iam.AwsCalls;
import com.certshop.revocation.local.template.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionLimitExceededException;

/** The local AWS endpoint's faults, as the functions' SDK clients see them: AWS's own error documents. */
class FaultPlanTest {
    private LambdaGateway gateway;

    @BeforeEach
    void start() throws IOException {
        SamTemplate template = SamTemplate.load(Path.of(System.getProperty("repository.root", "../.."), "template.yaml"));
        gateway = new LambdaGateway(0, Map.of(), AwsCalls.forTemplate(template, "us-east-1", "123456789012"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** A client of the gateway that makes one attempt per call, so that each call meets the plan once. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(gateway.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @Test
    void aRefusalOfAJsonProtocolCallIsTheServicesOwnException() {
        FaultPlan.Rule rule = gateway.faults().refuse(FaultPlan.Call.of("StartExecution", "cert-1-attempt-1"), 1,
                new FaultPlan.AwsError(400, "ExecutionLimitExceeded", "Maximum number of running executions"));
        try (SfnClient sfn = client(SfnClient.builder())) {
            ExecutionLimitExceededException e = assertThrows(ExecutionLimitExceededException.class, () -> sfn.startExecution(
                    r -> r.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:m").name("cert-1-attempt-1")));
            assertEquals(400, e.statusCode());
            assertTrue(e.getMessage().startsWith("Maximum number of running executions"), e.getMessage());
        }
        assertEquals(1, rule.taken());
    }

    @Test
    void aThrottlingRefusalIsThrottlingToTheSdk() {
        gateway.faults().refuse(FaultPlan.Call.of("TransactWriteItems", "CERT#a#c"), 1,
                new FaultPlan.AwsError(400, "ProvisionedThroughputExceededException", "Rate of requests exceeds the allowed throughput"));
        try (DynamoDbClient dynamo = client(DynamoDbClient.builder())) {
            ProvisionedThroughputExceededException e = assertThrows(ProvisionedThroughputExceededException.class,
                    () -> dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(p -> p.tableName("t")
                            .item(Map.of("pk", AttributeValue.fromS("CERT#a#c")))).build())));
            assertTrue(e.isThrottlingException());
        }
    }

    @Test
    void aRefusalOfARestCallIsTheServicesOwnException() {
        gateway.faults().refuse(FaultPlan.Call.of("SendEmail", "Confirm the revocation of a.example"), 1,
                new FaultPlan.AwsError(400, "MessageRejected", "Email address is not verified."));
        try (SesV2Client ses = client(SesV2Client.builder())) {
            MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> ses.sendEmail(r -> r
                    .fromEmailAddress("revocations@certshop.local").destination(d -> d.toAddresses("admin@a.example"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Confirm the revocation of a.example"))
                            .body(b -> b.text(t -> t.data("...")))))));
            assertTrue(e.getMessage().startsWith("Email address is not verified."), e.getMessage());
        }
    }

    @Test
    void aRuleTakesOnlyItsOperationAndWhatMentionsAllItsTextsAsOftenAsItWasArmedForUntilClosed() {
        FaultPlan plan = new FaultPlan();
        AtomicInteger actions = new AtomicInteger();
        FaultPlan.Rule refusal = plan.refuse(FaultPlan.Call.of("SendEmail", "cert-1"), 2,
                new FaultPlan.AwsError(429, "TooManyRequestsException", "slow"));
        FaultPlan.Rule action = plan.onCall(FaultPlan.Call.of("PutItem", "cert-2", "REVOKED"), actions::incrementAndGet);

        assertTrue(plan.take("SendEmail", bytes("{\"about\": \"cert-2\"}")).isEmpty());
        assertTrue(plan.take("PutItem", bytes("{\"about\": \"cert-1\", \"status\": \"REVOKED\"}")).isEmpty());
        assertTrue(plan.take("PutItem", bytes("{\"about\": \"cert-2\", \"status\": \"REVOKING\"}")).isEmpty(),
                "only one of its texts");
        assertEquals(429, plan.take("SendEmail", bytes("{\"about\": \"cert-1\"}")).orElseThrow().apply(false).orElseThrow().status());
        assertTrue(plan.take("PutItem", bytes("{\"about\": \"cert-2\", \"status\": \"REVOKED\"}")).orElseThrow()
                .apply(true).isEmpty(), "the call goes on");
        assertEquals(1, actions.get());
        assertTrue(plan.take("PutItem", bytes("{\"about\": \"cert-2\", \"status\": \"REVOKED\"}")).isEmpty(),
                "an action runs once");
        refusal.close();
        assertTrue(plan.take("SendEmail", bytes("{\"about\": \"cert-1\"}")).isEmpty(), "closed, with one refusal left");
        assertEquals(1, refusal.taken());
        assertEquals(1, action.taken());
    }

    @Test
    void operationsAreNamedAsTheirApisNameThem() {
        assertEquals("TransactWriteItems", FaultPlan.operation("POST", "/", "DynamoDB_20120810.TransactWriteItems"));
        assertEquals("StartExecution", FaultPlan.operation("POST", "/", "AWSStepFunctions.StartExecution"));
        assertEquals("SendEmail", FaultPlan.operation("POST", "/v2/email/outbound-emails", null));
        assertEquals("GET /moto-api/data.json", FaultPlan.operation("GET", "/moto-api/data.json", null));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
