package com.certshop.revocation.checks;

import static com.certshop.revocation.checks.Template.cast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What would break a deployment on AWS although moto accepts it: names that collide or overflow
 * their limits, an execution that loops (its history could outgrow Step Functions' cap), Retry rules that match
 * no error the functions throw, a log group outside the vended-logs prefix.
 */
class DeployabilityTest {
    /** Step Functions fails an execution (with no Catch possible) at this many history events. */
    private static final int HISTORY_LIMIT = 25_000;
    /** CloudFormation accepts stack names up to 128 characters. */
    private static final int LONGEST_STACK_NAME = 128;
    /** The UUID in an AWS::StackId. */
    private static final int STACK_UUID_LENGTH = 36;

    private final SamTemplate template = SamTemplate.load(Template.ROOT.resolve("template.yaml"));
    private final Map<String, Object> asl = readAsl();

    private static Map<String, Object> readAsl() {
        try {
            return JSON.std.mapFrom(Template.ROOT.resolve("statemachine/revocation.asl.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> state(String name) {
        return cast(SamTemplate.<Map<String, Object>>cast(asl.get("States")).get(name));
    }

    @Test
    void theScheduleIsNamedFromTheStackIdWithinSixtyFourCharactersSoStacksSideBySideDoNotCollide() {
        List<Map<String, Object>> schedules = new java.util.ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").values().forEach(f -> {
            Map<String, Object> events = cast(f.get("Events"));
            if (events != null) {
                events.values().stream().map(e -> SamTemplate.<Map<String, Object>>cast(e))
                        .filter(e -> "ScheduleV2".equals(e.get("Type")))
                        .forEach(e -> schedules.add(SamTemplate.map(e, "Properties")));
            }
        });
        assertFalse(schedules.isEmpty());
        for (Map<String, Object> schedule : schedules) {
            Object name = schedule.get("Name");
            String expression = String.valueOf(name);
            assertTrue(expression.contains("AWS::StackId"), "the schedule's name must come from the stack: " + name);
            // !Join ['-', [prefix, <uuid>]]
            List<Object> join = cast(SamTemplate.<Map<String, Object>>cast(name).get("Fn::Join"));
            List<Object> parts = cast(join.get(1));
            int length = parts.get(0).toString().length() + join.get(0).toString().length() + STACK_UUID_LENGTH;
            assertTrue(length <= 64, "schedule name of " + length + " characters; the limit is 64");
        }
    }

    @Test
    void theStateMachinesAreNamedFromTheStackIdWithinEightyCharactersForAnyStackName() {
        String stackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/" + "s".repeat(LONGEST_STACK_NAME)
                + "/" + UUID.randomUUID();
        for (String machine : template.resourcesOfType("AWS::Serverless::StateMachine").keySet()) {
            Object name = template.properties(machine).get("Name");
            assertTrue(String.valueOf(name).contains("AWS::StackId"), machine + "'s name must come from the stack id: " + name);
            String resolved = SamTemplate.resolve(name, n -> n.equals("AWS::StackId") ? stackId : n);
            assertTrue(resolved.length() <= 80, machine + ": a name of " + resolved.length() + " characters; the limit is 80");
            assertTrue(resolved.endsWith(stackId.substring(stackId.lastIndexOf('/') + 1)), resolved);
        }
    }

    /** By name, not by reference (template.yaml says why), so nothing but this test ties the two together; its role by RolesAllowTheJourneysCallsIT. */
    @Test
    void theSubmitFunctionNamesTheStateMachinesAsTheyAreNamed() {
        String stackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/" + UUID.randomUUID();
        java.util.function.Function<String, String> names = n -> switch (n) {
            case "AWS::StackId" -> stackId;
            case "AWS::Partition" -> "aws";
            case "AWS::Region" -> "eu-west-1";
            case "AWS::AccountId" -> "123456789012";
            default -> n;
        };
        Map<String, Object> variables = cast(SamTemplate.map(template.properties("SubmitRevocationFunction"), "Environment")
                .get("Variables"));
        for (Map.Entry<String, String> machine : Map.of("STATE_MACHINE_ARN", "RevocationStateMachine",
                "BATCH_STATE_MACHINE_ARN", "RevocationBatchStateMachine").entrySet()) {
            String name = SamTemplate.resolve(template.properties(machine.getValue()).get("Name"), names);
            assertEquals("arn:aws:states:eu-west-1:123456789012:stateMachine:" + name,
                    SamTemplate.resolve(variables.get(machine.getKey()), names), machine.getKey());
        }
    }

    @Test
    void theStateMachineLogsUnderTheVendedLogsPrefix() {
        Map<String, Object> group = template.properties("StateMachineLogGroup");
        assertTrue(String.valueOf(group.get("LogGroupName")).contains("/aws/vendedlogs/states/"), group.toString());
    }

    /**
     * The execution no longer loops while it waits for the CA (it waits on a task token, see
     * README "The state machine"), so its history is bounded by its longest path, whatever the
     * CA's delay: no state may lead back to one before it, and even that path with every retry
     * used stays far below the cap. Events per state are what Step Functions records: a Task's
     * entered, scheduled, started, succeeded, exited, plus failed, scheduled and started for each retry.
     */
    @Test
    void theExecutionHasNoLoopSoItsHistoryIsBoundedWhateverTheCasDelay() {
        List<String> longest = longestPath(String.valueOf(asl.get("StartAt")), new java.util.ArrayList<>());
        int transitions = longest.size();
        int worst = 2 + longest.stream().mapToInt(this::worstEvents).sum();
        System.out.printf("Longest path: %d states %s, at most %d history events (limit %d)%n", transitions, longest,
                worst, HISTORY_LIMIT);
        assertTrue(transitions <= 10, "the longest path enters " + transitions + " states: " + longest);
        assertTrue(worst < HISTORY_LIMIT / 100, worst + " events at most");
    }

    /** The longest path of states from {@code state} to an end; fails on a loop. */
    private List<String> longestPath(String state, List<String> before) {
        assertFalse(before.contains(state), "the state machine loops back to " + state + " after " + before);
        List<String> path = new java.util.ArrayList<>(before);
        path.add(state);
        List<String> best = path;
        for (String next : successors(state(state))) {
            List<String> candidate = longestPath(next, path);
            if (candidate.size() > best.size()) {
                best = candidate;
            }
        }
        return best;
    }

    private static Set<String> successors(Map<String, Object> state) {
        Set<String> next = new TreeSet<>();
        if (state.get("Next") != null) {
            next.add(String.valueOf(state.get("Next")));
        }
        if (state.get("Default") != null) {
            next.add(String.valueOf(state.get("Default")));
        }
        for (String rules : List.of("Choices", "Catch")) {
            SamTemplate.<List<Map<String, Object>>>cast(state.getOrDefault(rules, List.of()))
                    .forEach(r -> next.add(String.valueOf(r.get("Next"))));
        }
        return next;
    }

    private int worstEvents(String stateName) {
        Map<String, Object> state = state(stateName);
        if (!"Task".equals(state.get("Type"))) {
            return 2;
        }
        List<Map<String, Object>> retries = cast(state.getOrDefault("Retry", List.of()));
        int attempts = retries.stream().mapToInt(r -> ((Number) r.getOrDefault("MaxAttempts", 3)).intValue()).sum();
        return 5 + 3 * attempts;
    }

    @Test
    void caDoneRoutesEveryOutcomeTheWorkflowFunctionsSendWithTheToken() throws Exception {
        Map<String, String> routes = new java.util.TreeMap<>();
        SamTemplate.<List<Map<String, Object>>>cast(state("CaDone").get("Choices"))
                .forEach(c -> routes.put(String.valueOf(c.get("StringEquals")), String.valueOf(c.get("Next"))));
        Path jar = Template.ROOT.resolve(String.valueOf(template.properties("RevocationWorkflowFunction").get("CodeUri")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Set<String> outcomes = new TreeSet<>();
            for (Object outcome : loader.loadClass("com.certshop.revocation.domain.port.WorkflowSignals$CaOutcome").getEnumConstants()) {
                outcomes.add(((Enum<?>) outcome).name());
            }
            assertEquals(outcomes, routes.keySet(), "each outcome has its own route, none falls to the Default");
        }
        assertEquals("Lapsed", routes.get("LAPSED"), "a run whose revocation was cancelled before it began succeeds");
    }

    @Test
    void everyErrorTheStateMachineRetriesOrCatchesIsAStepFunctionsErrorOrAnExceptionOfTheWorkflowJar() throws Exception {
        // Sandbox.Timedout is what Lambda reports for a function that ran out of time.
        Set<String> ours = new TreeSet<>();
        SamTemplate.<Map<String, Object>>cast(asl.get("States")).values().forEach(s -> {
            Map<String, Object> state = cast(s);
            for (String rule : List.of("Retry", "Catch")) {
                List<Map<String, Object>> rules = cast(state.getOrDefault(rule, List.of()));
                rules.forEach(r -> SamTemplate.<List<String>>cast(r.get("ErrorEquals")).stream()
                        .filter(e -> !e.startsWith("States.") && !e.startsWith("Lambda.") && !e.equals("Sandbox.Timedout"))
                        .forEach(ours::add));
            }
        });
        assertFalse(ours.isEmpty());
        Path jar = Template.ROOT.resolve(String.valueOf(template.properties("RevocationWorkflowFunction").get("CodeUri")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String error : ours) {
                Class<?> type = loader.loadClass(error);
                assertTrue(Throwable.class.isAssignableFrom(type), error + " is not an exception");
            }
        }
        assertEquals(Set.of("com.certshop.revocation.functions.workflow.DependencyUnavailableException"), ours);
    }

    @Test
    void theRefundCheckRunsOneAtATimeAndAFailedRunIsKeptSomewhereAPersonLooks() {
        Map<String, Object> refundCheck = template.properties("RefundCheckFunction");
        // One reserved execution, unless the account's quota cannot spare it (a parameter says so).
        List<Object> reservation = cast(SamTemplate.<Map<String, Object>>cast(refundCheck.get("ReservedConcurrentExecutions"))
                .get("Fn::If"));
        assertEquals(1, reservation.get(1));
        assertEquals(1, SamTemplate.<Map<String, Object>>cast(template.parameters().get("RefundCheckReservedConcurrency"))
                .get("Default"));
        Map<String, Object> invokeConfig = SamTemplate.map(refundCheck, "EventInvokeConfig");
        Map<String, Object> onFailure = SamTemplate.map(SamTemplate.map(invokeConfig, "DestinationConfig"), "OnFailure");
        assertEquals("SQS", onFailure.get("Type"));
    }

    @Test
    void everyLambdaTaskRetriesTheInvokeErrorsAndCaRetriesSpreadWithJitter() {
        SamTemplate.<Map<String, Object>>cast(asl.get("States")).forEach((name, s) -> {
            Map<String, Object> state = cast(s);
            if (!"Task".equals(state.get("Type"))) {
                return;
            }
            List<Map<String, Object>> retries = cast(state.get("Retry"));
            assertTrue(retries.stream().anyMatch(r -> SamTemplate.<List<String>>cast(r.get("ErrorEquals"))
                    .contains("Lambda.ClientExecutionTimeoutException")), name + " retries Lambda's client timeout");
            retries.stream().filter(r -> SamTemplate.<List<String>>cast(r.get("ErrorEquals"))
                    .contains("com.certshop.revocation.domain.ca.CaUnavailableException"))
                    .forEach(r -> assertEquals("FULL", r.get("JitterStrategy"), name + ": CA retries spread out"));
        });
    }

    @Test
    void thePublicRoutesAreThrottled() {
        Map<String, Object> routeSettings = SamTemplate.map(template.properties("HttpApi"), "RouteSettings");
        template.httpRoutes().stream().filter(SamTemplate.HttpRoute::isPublic).forEach(route -> {
            Map<String, Object> settings = cast(routeSettings.get(route.routeKey()));
            assertTrue(settings != null && settings.containsKey("ThrottlingRateLimit"), route.routeKey() + " is throttled");
        });
    }

    @Test
    void noSecretValueIsInAFunctionsConfiguration() {
        template.resourcesOfType("AWS::Serverless::Function").keySet().forEach(id ->
                template.ownVariables(template.properties(id)).forEach((name, value) ->
                        assertFalse(String.valueOf(value).contains("{{resolve:secretsmanager"), id + " " + name)));
    }

    /**
     * Lambda keeps the functions' JSON lines by their level, and the metrics ride on INFO lines: the
     * application level can be lowered for detail but never raised above INFO, or the alarms would
     * watch metrics nobody receives.
     */
    @Test
    void everyFunctionLogsJsonAtLevelsThatKeepItsMetrics() {
        Map<String, Object> logging = SamTemplate.map(template.globalFunctionProperties(), "LoggingConfig");
        assertEquals("JSON", logging.get("LogFormat"));
        assertEquals(Map.of("Ref", "ApplicationLogLevel"), logging.get("ApplicationLogLevel"));
        assertEquals(Map.of("Ref", "SystemLogLevel"), logging.get("SystemLogLevel"));
        Map<String, Object> level = cast(template.parameters().get("ApplicationLogLevel"));
        assertEquals(List.of("TRACE", "DEBUG", "INFO"), level.get("AllowedValues"));
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, f) -> {
            Map<String, Object> own = cast(f.get("LoggingConfig"));
            assertTrue(own == null || !own.containsKey("LogFormat") && !own.containsKey("ApplicationLogLevel"),
                    id + " keeps the global log format and level");
        });
    }

    /**
     * Every alarm mails the topic when an address is given, and nothing otherwise (no topic exists
     * then); every queue where failed work is kept has an alarm on its depth, and no queue is made
     * behind the template's back (a schedule's dead-letter queue is one of its own queues).
     */
    @Test
    void everyAlarmMailsTheOptionalTopicAndEveryQueueOfFailuresHasADepthAlarm() {
        Map<String, Map<String, Object>> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        assertTrue(alarms.size() >= 7, "the alarms README's Operating it describes");
        Map<String, Object> mailed = Map.of("Fn::If", List.of("MailsAlarms", List.of(Map.of("Ref", "AlarmTopic")), List.of()));
        alarms.forEach((id, alarm) -> {
            Map<String, Object> properties = alarm;
            assertEquals(mailed, properties.get("AlarmActions"), id);
            assertEquals(mailed, properties.get("OKActions"), id);
            assertEquals("notBreaching", properties.get("TreatMissingData"), id + ": no data is no trouble");
        });
        assertEquals("MailsAlarms", template.resources().entrySet().stream().filter(e -> e.getKey().equals("AlarmTopic"))
                .map(e -> SamTemplate.<Map<String, Object>>cast(e.getValue()).get("Condition")).findFirst().orElseThrow());

        Set<String> watchedQueues = new TreeSet<>();
        alarms.values().forEach(alarm -> {
            Object dimensions = alarm.get("Dimensions");
            if (dimensions instanceof List<?> list) {
                list.stream().map(d -> SamTemplate.<Map<String, Object>>cast(d)).filter(d -> "QueueName".equals(d.get("Name")))
                        .forEach(d -> watchedQueues.add(String.valueOf(SamTemplate.<Map<String, Object>>cast(d.get("Value"))
                                .get("Fn::GetAtt")).replace(".QueueName", "")));
            }
        });
        assertEquals(template.resourcesOfType("AWS::SQS::Queue").keySet(), watchedQueues);
        template.schedules().forEach(schedule -> {
            Map<String, Object> properties = SamTemplate.map(SamTemplate.map(
                    SamTemplate.map(template.properties(schedule.functionId()), "Events"), "Schedule"), "Properties");
            Object deadLetters = properties.get("DeadLetterConfig");
            assertTrue(deadLetters == null || SamTemplate.<Map<String, Object>>cast(deadLetters).containsKey("Arn"),
                    schedule.functionId() + "'s dead-letter queue is the template's own");
        });
    }

    /** `mvn -B package -DskipTests` must build with Java and Maven alone: every tool a check runs is skipped with the tests. */
    @Test
    void everyExternalToolTheBuildRunsIsSkippedWithTheTests() throws IOException {
        try (var poms = java.nio.file.Files.walk(Template.ROOT)) {
            List<Path> files = poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("node_modules") && !p.toString().contains("/target/")).toList();
            for (Path pom : files) {
                String xml = java.nio.file.Files.readString(pom);
                int at = 0;
                while ((at = xml.indexOf("<goal>exec</goal>", at)) >= 0) {
                    int end = xml.indexOf("</execution>", at);
                    assertTrue(xml.substring(at, end).contains("<skip>${skipTests}</skip>"),
                            pom + ": an exec execution that -DskipTests does not skip");
                    at = end;
                }
            }
        }
    }
}
