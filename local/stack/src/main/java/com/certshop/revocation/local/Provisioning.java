package com.certshop.revocation.local;

import com.certshop.revocation.local.iam.AwsCalls;
import com.certshop.revocation.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * Creates in the emulator what template.yaml declares: the table (keys, indexes, TTL), the SES
 * sender identity, and the state machine from the real ASL file with its substitutions resolved
 * to local ARNs, so the local and the deployed definitions cannot drift apart.
 */
final class Provisioning {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private final SamTemplate template;
    private final LocalNames names;
    private final Path root;

    Provisioning(SamTemplate template, LocalNames names, Path root) {
        this.template = template;
        this.names = names;
        this.root = root;
    }

    /** Creates the table of the template's CertificateTable; returns its name. */
    String createTable(DynamoDbClient dynamo) {
        Map<String, Object> p = template.properties("CertificateTable");
        String name = names.resourceName("CertificateTable");
        List<Map<String, Object>> definitions = SamTemplate.cast(p.get("AttributeDefinitions"));
        List<Map<String, Object>> indexes = SamTemplate.cast(p.get("GlobalSecondaryIndexes"));
        dynamo.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.fromValue(String.valueOf(p.get("BillingMode"))))
                .attributeDefinitions(definitions.stream().map(d -> AttributeDefinition.builder()
                        .attributeName(d.get("AttributeName").toString())
                        .attributeType(d.get("AttributeType").toString()).build()).toList())
                .keySchema(keys(SamTemplate.cast(p.get("KeySchema"))))
                .globalSecondaryIndexes(indexes == null ? List.of() : indexes.stream().map(i -> GlobalSecondaryIndex.builder()
                        .indexName(i.get("IndexName").toString())
                        .keySchema(keys(SamTemplate.cast(i.get("KeySchema"))))
                        .projection(Projection.builder().projectionType(
                                SamTemplate.<Map<String, Object>>cast(i.get("Projection")).get("ProjectionType").toString()).build())
                        .build()).toList()));
        Map<String, Object> ttl = SamTemplate.cast(p.get("TimeToLiveSpecification"));
        if (ttl != null) {
            dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t
                    .attributeName(ttl.get("AttributeName").toString()).enabled(Boolean.TRUE.equals(ttl.get("Enabled")))));
        }
        return name;
    }

    private static List<KeySchemaElement> keys(List<Map<String, Object>> schema) {
        return schema.stream().map(k -> KeySchemaElement.builder().attributeName(k.get("AttributeName").toString())
                .keyType(k.get("KeyType").toString()).build()).toList();
    }

    /** Verifies the sender identity, as an operator does once per account on AWS. */
    void verifySender(SesV2Client ses) {
        ses.createEmailIdentity(r -> r.emailIdentity(names.parameter("SenderIdentity")));
    }

    /** Creates each of the template's state machines from its ASL file; returns them by logical id. */
    Map<String, AwsCalls.StateMachine> createStateMachines(SfnClient sfn) {
        Map<String, AwsCalls.StateMachine> arns = new java.util.LinkedHashMap<>();
        for (String logicalId : template.resourcesOfType("AWS::Serverless::StateMachine").keySet()) {
            arns.put(logicalId, createStateMachine(sfn, logicalId));
        }
        return arns;
    }

    private AwsCalls.StateMachine createStateMachine(SfnClient sfn, String logicalId) {
        Map<String, Object> p = template.properties(logicalId);
        Map<String, Object> substitutions = SamTemplate.cast(p.get("DefinitionSubstitutions"));
        String asl;
        try {
            asl = Files.readString(root.resolve(p.get("DefinitionUri").toString()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher m = PLACEHOLDER.matcher(asl);
        StringBuilder definition = new StringBuilder();
        while (m.find()) {
            Object value = substitutions.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the ASL uses ${" + m.group(1) + "}, which DefinitionSubstitutions lacks");
            }
            m.appendReplacement(definition, Matcher.quoteReplacement(names.resolve(value)));
        }
        m.appendTail(definition);
        String arn = sfn.createStateMachine(r -> r.name(names.stateMachineName(logicalId))
                .definition(definition.toString())
                .type(StateMachineType.fromValue(String.valueOf(p.getOrDefault("Type", "STANDARD"))))
                .roleArn("arn:aws:iam::" + LocalNames.ACCOUNT + ":role/" + names.resourceName("StateMachineRole")))
                .stateMachineArn();
        return new AwsCalls.StateMachine(arn, definition.toString());
    }
}
