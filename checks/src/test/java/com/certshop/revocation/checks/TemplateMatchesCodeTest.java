package com.certshop.revocation.checks;

import static com.certshop.revocation.checks.Template.cast;
import static com.certshop.revocation.checks.Template.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.certshop.revocation.aws.config.SettingBounds;
import com.certshop.revocation.aws.dynamodb.CertificateTable;
import com.certshop.revocation.aws.telemetry.Metric;
import com.certshop.revocation.aws.telemetry.Telemetry;
import com.certshop.revocation.local.template.SamTemplate;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** template.yaml and the state machines' ASL files agree with the code and the built jars. */
class TemplateMatchesCodeTest {
    /**
     * Variables Lambda itself sets (region, function name), and those only the local stack sets (its
     * emulator endpoint, Pebble's TLS trust).
     */
    private static final Set<String> PLATFORM_VARIABLES = Set.of("AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_ENDPOINT_URL",
            "CA_TRUST_PEM_FILE");
    /** Step Functions actions with no resource type (Service Authorization Reference). */
    private static final Set<String> TASK_TOKEN_ACTIONS = Set.of("states:SendTaskSuccess", "states:SendTaskFailure",
            "states:SendTaskHeartbeat");
    private static final Set<String> HANDLER_INTERFACES = Set.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private final Template template = Template.load();
    private final Map<String, Map<String, Object>> functions = template.resourcesOfType("AWS::Serverless::Function");

    private Path jarOf(String functionId) {
        Path jar = Template.ROOT.resolve(functions.get(functionId).get("CodeUri").toString());
        if (!Files.isRegularFile(jar)) {
            fail(functionId + ": " + jar + " does not exist; build it with mvn -B package from the repository root");
        }
        return jar;
    }

    private static String handlerClass(Map<String, Object> function) {
        return function.get("Handler").toString().replaceFirst("::.*", "");
    }

    /** A loader that sees the function's jar and the JDK, nothing from this build: what Lambda sees. */
    private static URLClassLoader isolated(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void everyHandlerIsAClassInItsFunctionsJarImplementingALambdaHandlerInterface() throws Exception {
        Map<String, Long> sizes = new TreeMap<>();
        for (Map.Entry<String, Map<String, Object>> f : functions.entrySet()) {
            Path jar = jarOf(f.getKey());
            sizes.put(jar.getFileName().toString(), Files.size(jar));
            try (URLClassLoader loader = isolated(jar)) {
                Class<?> handler = loader.loadClass(handlerClass(f.getValue()));
                Set<String> interfaces = new TreeSet<>();
                for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
                    for (Class<?> i : c.getInterfaces()) {
                        interfaces.add(i.getName());
                    }
                }
                assertTrue(interfaces.stream().anyMatch(HANDLER_INTERFACES::contains),
                        f.getKey() + ": " + handler.getName() + " implements " + interfaces);
                assertEquals("handleRequest", f.getValue().get("Handler").toString().replaceFirst(".*::", ""));
                handler.getConstructor(); // Lambda needs the no-argument constructor
            }
        }
        System.out.println("Deployment jars (bytes): " + sizes);
    }

    @Test
    void everyVariableAFunctionReadsIsSetForItAndEveryVariableItIsGivenIsRead() throws Exception {
        for (Map.Entry<String, Map<String, Object>> f : functions.entrySet()) {
            Map<String, String> environment = template.environmentOf(f.getKey());
            environment.put("AWS_REGION", "eu-west-1");
            RecordingMap recording = new RecordingMap(environment);
            try (URLClassLoader loader = isolated(jarOf(f.getKey()))) {
                Class<?> environmentClass = loader.loadClass("com.certshop.revocation.aws.config.Environment");
                Object env = environmentClass.getConstructor(Map.class).newInstance(recording);
                try {
                    loader.loadClass(handlerClass(f.getValue())).getConstructor(environmentClass).newInstance(env);
                } catch (InvocationTargetException e) {
                    fail(f.getKey() + " cannot start with the template's environment: " + e.getCause(), e.getCause());
                }
            }
            Set<String> unset = new TreeSet<>(recording.read);
            unset.removeAll(environment.keySet());
            unset.removeAll(PLATFORM_VARIABLES);
            assertEquals(Set.of(), unset, f.getKey() + " reads variables template.yaml does not set");
            Set<String> unread = new TreeSet<>(template.functionVariables(f.getKey()).keySet());
            unread.removeAll(recording.read);
            assertEquals(Set.of(), unread, f.getKey() + " is given variables it never reads");
        }
    }

    @Test
    void everyPlaceholderInEachStateMachineIsSubstitutedAndEverySubstitutionIsUsed() throws IOException {
        Map<String, Map<String, Object>> machines = template.resourcesOfType("AWS::Serverless::StateMachine");
        assertEquals(Set.of("RevocationStateMachine", "RevocationBatchStateMachine"), machines.keySet());
        for (Map.Entry<String, Map<String, Object>> machine : machines.entrySet()) {
            String asl = Files.readString(Template.ROOT.resolve(String.valueOf(machine.getValue().get("DefinitionUri"))),
                    StandardCharsets.UTF_8);
            Set<String> placeholders = new TreeSet<>();
            Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(asl);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
            assertFalse(placeholders.isEmpty(), machine.getKey());
            assertEquals(placeholders, new TreeSet<>(map(machine.getValue(), "DefinitionSubstitutions").keySet()), machine.getKey());
        }
    }

    @Test
    void theTableIsTheOneTheCodeExpects() {
        Map<String, Object> table = map(cast(template.resources().get("CertificateTable")), "Properties");
        CreateTableRequest expected = CertificateTable.createRequest("any");
        assertEquals(expected.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList(),
                keys(cast(table.get("KeySchema"))));
        List<Map<String, Object>> definitions = cast(table.get("AttributeDefinitions"));
        assertEquals(expected.attributeDefinitions().stream().map(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .collect(Collectors.toSet()), definitions.stream()
                .map(a -> a.get("AttributeName") + ":" + a.get("AttributeType")).collect(Collectors.toSet()));
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        List<Map<String, Object>> templateIndexes = cast(table.get("GlobalSecondaryIndexes"));
        for (Map<String, Object> index : templateIndexes) {
            indexes.put(index.get("IndexName").toString(), keys(cast(index.get("KeySchema"))));
        }
        Map<String, List<String>> expectedIndexes = new LinkedHashMap<>();
        expected.globalSecondaryIndexes().forEach(i -> expectedIndexes.put(i.indexName(),
                i.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList()));
        assertEquals(expectedIndexes, indexes);
        assertEquals(CertificateTable.TTL, map(table, "TimeToLiveSpecification").get("AttributeName"));
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(true, table.get("DeletionProtectionEnabled"));
        assertEquals(true, map(table, "PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled"));
    }

    /**
     * Each numeric setting's range is written twice, as the parameter's MinValue/MaxValue (what
     * CloudFormation refuses) and in SettingBounds (what a function refuses at start): they must be
     * the same, and no numeric parameter may reach a function unchecked.
     */
    @Test
    void everyNumericSettingHasTheSameBoundsInTheTemplateAndInTheCode() {
        Map<String, Map<String, Object>> variables = template.variablesByName();
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> declared = new TreeMap<>();
        for (SettingBounds setting : SettingBounds.values()) {
            Map<String, Object> values = variables.get(setting.variable());
            assertTrue(values != null, setting.variable() + " is bounded in the code but no function is given it");
            for (Map.Entry<String, Object> value : values.entrySet()) {
                String parameter = String.valueOf(Template.<Map<String, Object>>cast(value.getValue()).get("Ref"));
                Map<String, Object> definition = template.parameter(parameter);
                String where = setting.variable() + " = !Ref " + parameter;
                expected.put(where, setting.min() + ".." + setting.max());
                declared.put(where, definition.get("MinValue") + ".." + definition.get("MaxValue"));
            }
        }
        assertEquals(expected, declared);
        variables.forEach((name, values) -> values.forEach((function, value) -> {
            if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String parameter
                    && template.parameter(parameter) != null
                    && "Number".equals(template.parameter(parameter).get("Type"))) {
                assertTrue(Arrays.stream(SettingBounds.values()).anyMatch(s -> s.variable().equals(name)),
                        function + " reads the Number parameter " + parameter + " as " + name + " without SettingBounds");
            }
        }));
    }

    private static List<String> keys(List<Map<String, Object>> schema) {
        return schema.stream().map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).toList();
    }

    @Test
    void theApiServesEveryRouteOfTheDesignAndOnlyTheConfirmationAndTheCaCallbackArePublic() {
        Map<String, String> routes = new TreeMap<>();
        Set<String> publicRoutes = new TreeSet<>();
        for (SamTemplate.HttpRoute route : template.httpRoutes()) {
            routes.put(route.routeKey(), route.functionId());
            if (route.isPublic()) {
                publicRoutes.add(route.routeKey());
            }
        }
        assertEquals(Map.ofEntries(
                Map.entry("GET /certificates", "ListCertificatesFunction"),
                Map.entry("GET /certificates/{id}", "ListCertificatesFunction"),
                Map.entry("GET /certificates/{id}/download", "ListCertificatesFunction"),
                Map.entry("GET /certificates/{id}/events", "ListCertificatesFunction"),
                Map.entry("POST /certificates/{id}/revocation", "SubmitRevocationFunction"),
                Map.entry("DELETE /certificates/{id}/revocation", "SubmitRevocationFunction"),
                Map.entry("GET /revocations/confirm", "ConfirmRevocationFunction"),
                Map.entry("POST /revocations/confirm", "ConfirmRevocationFunction"),
                Map.entry("POST /revocations", "SubmitRevocationFunction"),
                Map.entry("GET /revocations/{batchId}", "SubmitRevocationFunction"),
                Map.entry("DELETE /certificates/{id}", "DeleteCertificateFunction"),
                Map.entry("POST /ca/callbacks", "CaCallbackFunction")), routes);
        // The mailed token is the confirmation's credential, the signature the CA's callback's.
        assertEquals(Set.of("GET /revocations/confirm", "POST /revocations/confirm", "POST /ca/callbacks"), publicRoutes);
    }

    @Test
    void functionPoliciesNameActionsAndResourcesExplicitly() {
        functions.forEach((id, function) -> {
            List<Map<String, Object>> policies = cast(function.get("Policies"));
            for (Map<String, Object> policy : withConditionsResolved(policies)) {
                List<Map<String, Object>> statements = cast(policy.get("Statement"));
                for (Map<String, Object> statement : statements) {
                    String actions = String.valueOf(statement.get("Action"));
                    assertFalse(actions.contains("*"), id + " grants a wildcard action: " + actions);
                    // Only actions without a resource type may be granted on every resource.
                    List<String> granted = statement.get("Action") instanceof List<?> list
                            ? list.stream().map(String::valueOf).toList() : List.of(actions);
                    boolean taskToken = TASK_TOKEN_ACTIONS.containsAll(granted);
                    assertEquals(taskToken, "*".equals(statement.get("Resource")), id + ": " + actions
                            + " must be granted on '*' exactly when they are task-token actions (the token is the capability)");
                }
            }
        });
    }

    /**
     * The alarms and the dashboard watch only metrics the functions publish: every metric they name
     * in the stack's namespace is one of {@link Metric}, so a renamed metric cannot leave an alarm
     * watching nothing (an alarm on a metric nobody writes stays quiet for ever).
     */
    @Test
    void everyMetricTheAlarmsAndTheDashboardWatchInTheStacksNamespaceIsOneTheFunctionsPublish() throws IOException {
        Set<String> published = java.util.Arrays.stream(Metric.values()).map(Metric::name).collect(Collectors.toSet());
        Set<String> watched = new TreeSet<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, properties) -> {
            if (isStackNamespace(properties.get("Namespace"))) {
                watched.add((String) properties.get("MetricName"));
            }
            List<Map<String, Object>> queries = properties.containsKey("Metrics") ? cast(properties.get("Metrics")) : List.of();
            for (Map<String, Object> query : queries) {
                if (query.containsKey("MetricStat")) {
                    Map<String, Object> metric = map(map(query, "MetricStat"), "Metric");
                    if (isStackNamespace(metric.get("Namespace"))) {
                        watched.add((String) metric.get("MetricName"));
                    }
                }
            }
        });
        Map<String, Object> body = cast(map(map(template.resources(), "Dashboard"), "Properties").get("DashboardBody"));
        Map<String, Object> dashboard = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom((String) body.get("Fn::Sub"));
        for (Map<String, Object> widget : SamTemplate.<List<Map<String, Object>>>cast(dashboard.get("widgets"))) {
            List<Object> metrics = cast(map(widget, "properties").getOrDefault("metrics", List.of()));
            String namespace = null;
            for (Object entry : metrics) {
                List<Object> metric = cast(entry);
                if (metric.get(0) instanceof Map<?, ?> expression) {
                    Matcher named = Pattern.compile("MetricName=\"(\\w+)\"").matcher(String.valueOf(expression.get("expression")));
                    while (named.find()) {
                        watched.add(named.group(1));
                    }
                    continue;
                }
                if (!".".equals(metric.get(0)) && !"...".equals(metric.get(0))) {
                    namespace = (String) metric.get(0);
                }
                if (STACK_NAMESPACE.equals(namespace) && !"...".equals(metric.get(0))) {
                    watched.add((String) metric.get(1));
                }
            }
        }
        assertFalse(watched.isEmpty());
        assertEquals(Map.of("Fn::Sub", STACK_NAMESPACE), SamTemplate.load(Template.ROOT.resolve("template.yaml"))
                .globalVariables().get(Telemetry.METRICS_NAMESPACE), "every function publishes under the stack's namespace");
        watched.removeAll(published);
        assertEquals(Set.of(), watched, "watched in " + STACK_NAMESPACE + " but published by no function");
    }

    /** The namespace the functions publish under, as template.yaml gives it to them (METRICS_NAMESPACE). */
    private static final String STACK_NAMESPACE = "CertShop/${AWS::StackName}";

    private boolean isStackNamespace(Object namespace) {
        return namespace instanceof Map<?, ?> sub && STACK_NAMESPACE.equals(sub.get("Fn::Sub"));
    }

    /** A policy under {@code Fn::If} counts with the branch that grants something; {@code AWS::NoValue} grants nothing. */
    private static List<Map<String, Object>> withConditionsResolved(List<Map<String, Object>> policies) {
        List<Map<String, Object>> resolved = new java.util.ArrayList<>();
        for (Map<String, Object> policy : policies) {
            if (policy.containsKey("Fn::If")) {
                List<Object> branches = cast(policy.get("Fn::If"));
                for (Object branch : branches.subList(1, 3)) {
                    if (branch instanceof Map<?, ?> map && map.containsKey("Statement")) {
                        resolved.add(cast(branch));
                    }
                }
            } else {
                resolved.add(policy);
            }
        }
        return resolved;
    }

    /** Remembers every variable name looked up. */
    private static final class RecordingMap extends HashMap<String, String> {
        private static final long serialVersionUID = 1L;
        private final Set<String> read = new TreeSet<>();

        RecordingMap(Map<String, String> values) {
            super(values);
        }

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return super.get(key);
        }
    }
}
