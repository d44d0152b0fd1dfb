package com.certshop.revocation.local.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests as the SDK and moto send them, read as IAM authorizes them. */
class AwsCallsTest {
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/certshop-local-certificates";
    private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:certshop-local-revocation";
    private static final String BATCH_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:certshop-local-batch";
    private static final String WORKFLOW_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:RevocationWorkflowFunction:live";
    /** The two machines as the stack made them: both invoke the workflow function, the batch one also starts runs. */
    private static final Map<String, AwsCalls.StateMachine> MACHINES = Map.of(
            "RevocationStateMachine", new AwsCalls.StateMachine(MACHINE,
                    "{\"Resource\": \"arn:aws:states:::lambda:invoke\", \"FunctionName\": \"" + WORKFLOW_FUNCTION + "\"}"),
            "RevocationBatchStateMachine", new AwsCalls.StateMachine(BATCH_MACHINE,
                    "{\"Resource\": \"arn:aws:states:::lambda:invoke\", \"FunctionName\": \"" + WORKFLOW_FUNCTION + "\"},"
                            + " {\"Resource\": \"arn:aws:states:::states:startExecution\", \"StateMachineArn\": \"" + MACHINE + "\"}"));
    private static final Map<String, List<String>> MOTO = Map.of("User-Agent",
            List.of("Boto3/1.40 md/Botocore#1.40 ua/2.1 os/linux lang/python#3.11 cfg/retry-mode#legacy"));
    private final SamTemplate template = SamTemplate.load(Path.of(System.getProperty("repository.root", "../.."), "template.yaml"));
    private final AwsCalls calls = AwsCalls.forTemplate(template, "us-east-1", "123456789012");

    private static Map<String, List<String>> sdk(String function, String target, String service) {
        Map<String, List<String>> headers = new java.util.HashMap<>(Map.of(
                "User-agent", List.of("aws-sdk-java/2.57.8 ua/2.1 os/Linux#6 lang/java#17 md/internal app/" + function + " m/D"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=00")));
        if (target != null) {
            headers.put("X-amz-target", List.of(target));
        }
        return headers;
    }

    private void send(String function, String target, String service, String body) {
        calls.forwarded("POST", "/", sdk(function, target, service), body.getBytes(StandardCharsets.UTF_8));
    }

    private Set<String> recorded() {
        return calls.calls().keySet().stream().map(c -> c.principal() + " " + c.action() + " " + c.resource())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @Test
    void dynamoDbCallsAreAuthorizedOnTheTableOrItsIndexAndTransactionsItemByItem() {
        send("ListCertificatesFunction", "DynamoDB_20120810.GetItem", "dynamodb", "{\"TableName\":\"certshop-local-certificates\"}");
        send("ListCertificatesFunction", "DynamoDB_20120810.Query", "dynamodb",
                "{\"TableName\":\"certshop-local-certificates\",\"IndexName\":\"gsi1\"}");
        send("SubmitRevocationFunction", "DynamoDB_20120810.TransactWriteItems", "dynamodb",
                "{\"TransactItems\":[{\"Put\":{\"TableName\":\"certshop-local-certificates\"}},"
                        + "{\"Update\":{\"TableName\":\"other\"}},{\"ConditionCheck\":{\"TableName\":\"certshop-local-certificates\"}}]}");
        assertEquals(Set.of(
                "ListCertificatesFunction dynamodb:GetItem " + TABLE,
                "ListCertificatesFunction dynamodb:Query " + TABLE + "/index/gsi1",
                "SubmitRevocationFunction dynamodb:PutItem " + TABLE,
                "SubmitRevocationFunction dynamodb:UpdateItem arn:aws:dynamodb:us-east-1:123456789012:table/other",
                "SubmitRevocationFunction dynamodb:ConditionCheckItem " + TABLE), recorded());
    }

    @Test
    void stepFunctionsCallsAreAuthorizedOnTheirMachineOrExecutionAndTaskTokensOnEverything() {
        send("SubmitRevocationFunction", "AWSStepFunctions.StartExecution", "states", "{\"stateMachineArn\":\"" + MACHINE + "\"}");
        send("RefundCheckFunction", "AWSStepFunctions.DescribeExecution", "states",
                "{\"executionArn\":\"arn:aws:states:us-east-1:123456789012:execution:certshop-local-revocation:c-attempt-1\"}");
        send("ConfirmRevocationFunction", "AWSStepFunctions.SendTaskSuccess", "states", "{\"taskToken\":\"t\",\"output\":\"{}\"}");
        assertEquals(Set.of(
                "SubmitRevocationFunction states:StartExecution " + MACHINE,
                "RefundCheckFunction states:DescribeExecution arn:aws:states:us-east-1:123456789012:execution:certshop-local-revocation:c-attempt-1",
                "ConfirmRevocationFunction states:SendTaskSuccess *"), recorded());
    }

    @Test
    void aSecretIsAuthorizedOnItsArn() {
        String secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:certshop-local-acme-account-key-AbCdEf";
        send("RevocationWorkflowFunction", "secretsmanager.GetSecretValue", "secretsmanager", "{\"SecretId\":\"" + secret + "\"}");
        assertEquals(Set.of("RevocationWorkflowFunction secretsmanager:GetSecretValue " + secret), recorded());
    }

    @Test
    void anSesSendIsAuthorizedOnTheSendersDomainAndAddressWithTheFromAddressAsConditionKey() {
        calls.forwarded("POST", "/v2/email/outbound-emails", sdk("ConfirmRevocationFunction", null, "ses"),
                "{\"FromEmailAddress\":\"Certshop <revocations@certshop.local>\",\"Destination\":{\"ToAddresses\":[\"a@b.example\"]}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of(
                "ConfirmRevocationFunction ses:SendEmail arn:aws:ses:us-east-1:123456789012:identity/certshop.local",
                "ConfirmRevocationFunction ses:SendEmail arn:aws:ses:us-east-1:123456789012:identity/revocations@certshop.local"),
                recorded());
        calls.calls().keySet().forEach(c -> assertEquals(
                Map.of("ses:ApiVersion", "2", "ses:FromAddress", "revocations@certshop.local", "ses:FromDisplayName", "Certshop"),
                c.context()));
    }

    @Test
    void theStateMachinesAndTheSchedulesInvocationsAreTheirs() {
        describe();
        calls.invoked("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3ARevocationWorkflowFunction%3Alive/invocations",
                null, MOTO);
        calls.scheduled("RefundCheckFunction");
        calls.scheduled("RefundCheckFunction");
        // moto's Step Functions does not say which machine invokes: each one whose definition invokes that function.
        assertEquals(Set.of(
                "RevocationStateMachine lambda:InvokeFunction arn:aws:lambda:us-east-1:123456789012:function:RevocationWorkflowFunction:live",
                "RevocationBatchStateMachine lambda:InvokeFunction arn:aws:lambda:us-east-1:123456789012:function:RevocationWorkflowFunction:live",
                "RefundCheckFunctionSchedule lambda:InvokeFunction arn:aws:lambda:us-east-1:123456789012:function:RefundCheckFunction"),
                recorded());
        assertEquals(2L, calls.calls().entrySet().stream().filter(e -> e.getKey().principal().equals("RefundCheckFunctionSchedule"))
                .findFirst().orElseThrow().getValue());
    }

    @Test
    void aServiceIntegrationsCallIsTheCallOfTheMachineWhoseDefinitionMakesIt() {
        describe();
        Map<String, List<String>> headers = new java.util.HashMap<>(MOTO);
        headers.put("X-Amz-Target", List.of("AWSStepFunctions.StartExecution"));
        headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=ak/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00"));
        calls.forwarded("POST", "/", headers, ("{\"stateMachineArn\":\"" + MACHINE + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of("RevocationBatchStateMachine states:StartExecution " + MACHINE), recorded());
    }

    private void describe() {
        calls.describeStack("certshop-local", n -> n.endsWith(".Arn") ? "arn:aws:lambda:us-east-1:123456789012:function:"
                + n.replace(".Arn", "") : "value-of-" + n, MACHINES);
    }

    @Test
    void aRequestWithoutAFunctionOrWithoutAKnownActionIsRecordedAsSuch() {
        calls.forwarded("GET", "/v2/email/identities", Map.of(), new byte[0]);
        AwsCall call = calls.calls().keySet().iterator().next();
        assertEquals("", call.principal());
        assertEquals("unknown:GET /v2/email/identities", call.action());
    }

    @Test
    void theFileGetsOneLinePerStackWithItsNamesOnceDescribed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.jsonl");
        send("DeleteCertificateFunction", "DynamoDB_20120810.GetItem", "dynamodb", "{\"TableName\":\"certshop-local-certificates\"}");
        calls.appendTo(file);
        assertTrue(Files.notExists(file), "nothing before the stack is described");
        Map<String, String> names = Map.of("CertificateTable", "certshop-local-certificates", "CertificateTable.Arn", TABLE);
        calls.describeStack("certshop-local", n -> names.getOrDefault(n,
                n.endsWith(".Arn") ? "arn:aws:lambda:us-east-1:123456789012:function:" + n.replace(".Arn", "") : "value-of-" + n), MACHINES);
        calls.appendTo(file);
        calls.appendTo(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        Map<String, Object> line = JSON.std.mapFrom(lines.get(0));
        Map<String, Object> stack = SamTemplate.cast(line.get("stack"));
        Map<String, Object> resources = SamTemplate.cast(stack.get("resources"));
        assertEquals(Map.of("Ref", "certshop-local-certificates", "Arn", TABLE), resources.get("CertificateTable"));
        assertEquals(Map.of("Ref", "DeleteCertificateFunction", "Arn", "arn:aws:lambda:us-east-1:123456789012:function:DeleteCertificateFunction"),
                resources.get("DeleteCertificateFunction"));
        assertEquals(MACHINE, SamTemplate.<Map<String, Object>>cast(resources.get("RevocationStateMachine")).get("Ref"));
        assertEquals("value-of-SenderEmail", SamTemplate.<Map<String, Object>>cast(stack.get("parameters")).get("SenderEmail"));
        List<Map<String, Object>> recorded = SamTemplate.cast(line.get("calls"));
        assertEquals(List.of(Map.of("principal", "DeleteCertificateFunction", "action", "dynamodb:GetItem", "resource", TABLE,
                "operation", "GetItem", "context", Map.of(), "count", 1)), recorded);
    }
}
