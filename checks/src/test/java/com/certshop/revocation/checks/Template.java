package com.certshop.revocation.checks;

import com.certshop.revocation.local.template.SamTemplate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml for the checks: the shared reader, with every intrinsic resolved to a plausible
 * sample value (parameters at their defaults) so a function can be built with its environment.
 */
final class Template {
    static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    private final SamTemplate template = SamTemplate.load(ROOT.resolve("template.yaml"));

    static Template load() {
        return new Template();
    }

    Map<String, Object> resources() {
        return template.resources();
    }

    Map<String, Map<String, Object>> resourcesOfType(String type) {
        return template.resourcesOfType(type);
    }

    List<SamTemplate.HttpRoute> httpRoutes() {
        return template.httpRoutes();
    }

    /** The environment a function gets, values resolved to samples. */
    Map<String, String> environmentOf(String functionId) {
        Map<String, String> env = new LinkedHashMap<>();
        template.functions().stream().filter(f -> f.logicalId().equals(functionId)).findFirst().orElseThrow()
                .environment().forEach((k, v) -> env.put(k, template.resolveChoosing(v, this::sample)));
        return env;
    }

    /** Every variable of every function (the Globals' and its own), values unresolved: variable → function → value. */
    Map<String, Map<String, Object>> variablesByName() {
        Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
        template.functions().forEach(f -> f.environment().forEach((name, value) ->
                variables.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(f.logicalId(), value)));
        return variables;
    }

    Map<String, Object> parameter(String name) {
        return SamTemplate.cast(template.parameters().get(name));
    }

    /** Only the variables the function itself declares, values unresolved. */
    Map<String, Object> functionVariables(String functionId) {
        return template.ownVariables(template.resourcesOfType("AWS::Serverless::Function").get(functionId));
    }

    /** Samples for the parameters a deployment must set: those without a default, and those a rule demands. */
    Map<String, String> requiredParameterSamples() {
        Map<String, String> samples = new LinkedHashMap<>();
        template.parameters().forEach((name, definition) -> {
            Object fallback = SamTemplate.<Map<String, Object>>cast(definition).get("Default");
            if (fallback == null || !String.valueOf(fallback).equals(sample(name))) {
                samples.put(name, sample(name));
            }
        });
        return samples;
    }

    private String sample(String name) {
        if (name.contains(".")) {
            return "arn:aws:sample:eu-west-1:123456789012:" + name;
        }
        Map<String, Object> parameter = SamTemplate.cast(template.parameters().get(name));
        if (name.equals("AWS::StackId")) {
            return "arn:aws:cloudformation:eu-west-1:123456789012:stack/sample-stack/0f8e7a2c-54b1-11ef-9c3d-0a1b2c3d4e5f";
        }
        if (parameter == null) {
            return name.startsWith("AWS::") ? "aws-" + name.substring(5).toLowerCase() : "sample-" + name;
        }
        if (name.equals("AcmeAccountKeySecretArn")) {
            // Empty by default, but the template's rule demands it with the default CaAdapter (acme).
            return "arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-account-AbCdEf";
        }
        if (parameter.containsKey("Default")) {
            return String.valueOf(parameter.get("Default"));
        }
        return switch (name) {
            case "PublicApiBaseUrl" -> "https://api.certshop.example";
            case "SenderEmail" -> "revocations@certshop.example";
            default -> "sample-" + name;
        };
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return SamTemplate.map(parent, key);
    }

    static <T> T cast(Object value) {
        return SamTemplate.cast(value);
    }
}
