package com.certshop.revocation.local;

import com.certshop.revocation.local.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * What the template's names mean on this machine: parameters from the configuration or their
 * defaults, pseudo parameters for a fixed local account and region, and local names and ARNs for
 * the template's resources, and the ARNs of the secrets made in the emulator for this run.
 */
final class LocalNames {
    static final String REGION = "us-east-1";
    /** moto's default account. */
    static final String ACCOUNT = "123456789012";

    private final SamTemplate template;
    private final String stackName;
    private final Map<String, String> parameters;
    private final Map<String, String> localDefaults;
    private final Map<String, String> secretArns;

    LocalNames(SamTemplate template, String stackName, Map<String, String> parameters, Map<String, String> localDefaults,
            Map<String, String> secretArns) {
        this.template = template;
        this.stackName = stackName;
        this.parameters = parameters;
        this.localDefaults = localDefaults;
        this.secretArns = Map.copyOf(secretArns);
    }

    /** A template value, resolved for this machine; {@code Fn::If} takes the branch its condition chooses here. */
    String resolve(Object value) {
        return template.resolveChoosing(value, this::name);
    }

    /** What {@code Ref}, {@code ${...}} or {@code Fn::GetAtt} of {@code name} stands for here. */
    String name(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT;
            case "AWS::Partition":
                return "aws";
            case "AWS::StackName":
                return stackName;
            case "AWS::StackId":
                // A stack's id ends in a UUID, which the template names things after: one per local stack name.
                return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + stackName + "/"
                        + UUID.nameUUIDFromBytes(stackName.getBytes(StandardCharsets.UTF_8));
            case "AWS::URLSuffix":
                return "amazonaws.com";
            default:
                break;
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            return attribute(name.substring(0, dot), name.substring(dot + 1));
        }
        if (template.parameters().containsKey(name)) {
            return parameter(name);
        }
        // Ref of a secret or a state machine is its ARN, as CloudFormation gives it.
        if (secretArns.containsKey(name)) {
            return secretArns.get(name);
        }
        if ("AWS::Serverless::StateMachine".equals(typeOf(name))) {
            return stateMachineArn(name);
        }
        return resourceName(name);
    }

    String stateMachineArn(String logicalId) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + stateMachineName(logicalId);
    }

    /** The name the template gives a state machine, or a local one where it gives none. */
    String stateMachineName(String logicalId) {
        Object name = template.properties(logicalId).get("Name");
        return name == null ? resourceName(logicalId) : resolve(name);
    }

    private String typeOf(String logicalId) {
        Map<String, Object> resource = SamTemplate.cast(template.resources().get(logicalId));
        return resource == null ? "" : String.valueOf(resource.get("Type"));
    }

    String parameter(String name) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Map<String, Object> definition = SamTemplate.cast(template.parameters().get(name));
        if (definition.containsKey("Default")) {
            return String.valueOf(definition.get("Default"));
        }
        String local = localDefaults.get(name);
        if (local == null) {
            throw new IllegalStateException("template parameter " + name + " has no default; set it for the local stack");
        }
        return local;
    }

    String resourceName(String logicalId) {
        return switch (logicalId) {
            case "CertificateTable" -> stackName + "-certificates";
            default -> stackName + "-" + logicalId;
        };
    }

    String functionArn(String logicalId) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId;
    }

    private String attribute(String logicalId, String attribute) {
        String type = typeOf(logicalId);
        if ("Name".equals(attribute) && type.equals("AWS::Serverless::StateMachine")) {
            return stateMachineName(logicalId);
        }
        if ("Arn".equals(attribute) && type.equals("AWS::Serverless::Function")) {
            return functionArn(logicalId);
        }
        if ("Alias".equals(attribute) && type.equals("AWS::Serverless::Function")) {
            return functionArn(logicalId) + ":" + template.autoPublishAlias();
        }
        if ("Arn".equals(attribute) && type.equals("AWS::DynamoDB::Table")) {
            return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + resourceName(logicalId);
        }
        return "arn:aws:local:" + REGION + ":" + ACCOUNT + ":" + resourceName(logicalId) + "/" + attribute;
    }
}
