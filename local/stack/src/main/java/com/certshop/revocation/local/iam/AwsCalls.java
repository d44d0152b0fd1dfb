package com.certshop.revocation.local.iam;

import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every AWS authorization the local stack's callers needed, for the build's IAM check: the
 * functions' SDK calls (which function made a call is the {@code app/<name>} token of its
 * User-Agent, set from {@code AWS_LAMBDA_FUNCTION_NAME}), the state machines' Lambda invocations and service integrations
 * and the schedule's runs of its function. Kept in memory per stack, distinct with counts; with
 * the system property {@value #FILE_PROPERTY} or the variable {@value #FILE_VARIABLE} set, the
 * stack appends them on close to that file as one JSON line, together with the names and
 * parameters the stack used, so the check can resolve the template's policies to the same ARNs.
 */
public final class AwsCalls {
    public static final String FILE_PROPERTY = "iam.calls.file";
    public static final String FILE_VARIABLE = "IAM_CALLS_FILE";
    private static final Pattern APP_ID = Pattern.compile("(?:^|\\s)app/(\\S+)");

    private final SamTemplate template;
    private final String region;
    private final String account;
    private final IamActions actions;
    private final Map<AwsCall, LongAdder> calls = new ConcurrentHashMap<>();
    /** Requests, not authorizations: a transaction is one request but one authorization per item. */
    private final Map<Request, LongAdder> requests = new ConcurrentHashMap<>();
    /** Lambda invocations served, by function name: one each, however many machines may have made it. */
    private final Map<String, LongAdder> invocations = new ConcurrentHashMap<>();
    private volatile Map<String, Object> stack;
    /** Each state machine's definition as the stack created it, by logical id. */
    private volatile Map<String, String> definitions = Map.of();

    private AwsCalls(SamTemplate template, String region, String account) {
        this.template = template;
        this.region = region;
        this.account = account;
        this.actions = new IamActions(region, account);
    }

    /** Records for a stack of this template, in the given region and account. */
    public static AwsCalls forTemplate(SamTemplate template, String region, String account) {
        return new AwsCalls(template, region, account);
    }

    /** A request the local AWS endpoint forwards to the emulator. */
    public void forwarded(String method, String rawPath, Map<String, List<String>> headers, byte[] body) {
        String caller = caller(headers);
        for (AwsCall call : actions.of(caller, method, rawPath, headers, body)) {
            if (!caller.isEmpty()) {
                add(call);
                continue;
            }
            // Without an app/ token the call is moto's Step Functions running a service
            // integration: it is the call of each state machine whose definition makes it.
            List<String> machines = machinesWhoseDefinitionHas(integrationOf(call.action()));
            if (machines.isEmpty()) {
                add(call);
            }
            machines.forEach(machine -> add(new AwsCall(machine, call.action(), call.resource(), call.operation(), call.context())));
        }
        String target = IamActions.header(headers, "X-Amz-Target");
        requests.computeIfAbsent(new Request(caller, target == null ? method + " " + rawPath : target), r -> new LongAdder())
                .increment();
    }

    /** The Task resource of the optimized integration that makes an IAM action's call, e.g. arn:aws:states:::states:startExecution. */
    private static String integrationOf(String iamAction) {
        int colon = iamAction.indexOf(':');
        String operation = iamAction.substring(colon + 1);
        return "arn:aws:states:::" + iamAction.substring(0, colon) + ":" + Character.toLowerCase(operation.charAt(0))
                + operation.substring(1) + "\"";
    }

    private List<String> machinesWhoseDefinitionHas(String text) {
        return definitions.entrySet().stream().filter(e -> e.getValue().contains(text)).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * One kind of request forwarded to the emulator: who sent it and what it asked for.
     *
     * @param caller    the function's name from its User-Agent, empty when the request named none
     * @param operation the JSON protocol's {@code X-Amz-Target} (e.g. {@code DynamoDB_20120810.GetItem}),
     *                  else method and path
     */
    public record Request(String caller, String operation) {
    }

    /**
     * How many Lambda invocations of the function the endpoint served so far. Unlike {@link #calls()},
     * which attributes an invocation by a state machine to every machine that may have made it,
     * each counts once.
     */
    public long invocationsOf(String functionName) {
        LongAdder count = invocations.get(functionName);
        return count == null ? 0 : count.sum();
    }

    /** How many requests of each kind went on to the emulator so far, one per HTTP request. */
    public Map<Request, Long> forwardedRequests() {
        Map<Request, Long> snapshot = new LinkedHashMap<>();
        requests.forEach((request, count) -> snapshot.put(request, count.sum()));
        return snapshot;
    }

    /**
     * A Lambda Invoke the local AWS endpoint serves. Without an {@code app/} token it comes from
     * moto's Step Functions, which calls Lambda for the template's state machine.
     */
    public void invoked(String rawPath, String rawQuery, Map<String, List<String>> headers) {
        String caller = caller(headers);
        AwsCall call = actions.invoke(caller, rawPath, rawQuery, headers);
        // arn:aws:lambda:region:account:function:Name[:alias]
        String function = call.resource().split(":")[6];
        invocations.computeIfAbsent(function, f -> new LongAdder()).increment();
        if (!caller.isEmpty()) {
            add(call);
            return;
        }
        // moto's Step Functions: the call of each state machine whose definition invokes that function.
        List<String> machines = machinesWhoseDefinitionHas(":function:" + function);
        if (machines.isEmpty()) {
            add(call);
        }
        machines.forEach(machine -> add(actions.invoke(machine, rawPath, rawQuery, headers)));
    }

    /** The template's schedule (ScheduleV2 event) invoking its function. */
    public void scheduled(String functionId) {
        add(new AwsCall(scheduleOf(functionId), "lambda:InvokeFunction", actions.functionArn(region, functionId),
                "Invoke", Map.of()));
    }

    /**
     * What the template's names stood for in this stack: pseudo parameters, every parameter's value,
     * and Ref and GetAtt Arn of its resources as the functions were told them, so the template's
     * policies can be resolved to the ARNs the calls named. A function's name is its logical id
     * here (its ARN's last part); the state machine is the one the stack created.
     *
     * @param names           Ref / GetAtt ("Resource.Attribute") / parameter / pseudo parameter to its local value
     * @param stateMachines the state machines the stack created, by logical id: their ARNs and definitions
     */
    public void describeStack(String stackName, Function<String, String> names, Map<String, StateMachine> stateMachines) {
        this.definitions = stateMachines.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().definition()));
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("stackName", stackName);
        Map<String, String> pseudo = new LinkedHashMap<>();
        pseudo.put("AWS::Region", region);
        pseudo.put("AWS::AccountId", account);
        pseudo.put("AWS::Partition", "aws");
        pseudo.put("AWS::StackName", stackName);
        pseudo.put("AWS::URLSuffix", "amazonaws.com");
        // The stack's id as the stack resolves it, since names derived from it must match the calls' ARNs.
        pseudo.put("AWS::StackId", names.apply("AWS::StackId"));
        description.put("pseudoParameters", pseudo);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : template.parameters().keySet()) {
            try {
                parameters.put(parameter, names.apply(parameter));
            } catch (RuntimeException e) {
                // a parameter the stack never needed a value for
            }
        }
        description.put("parameters", parameters);
        Map<String, Map<String, String>> resources = new LinkedHashMap<>();
        template.resources().forEach((id, resource) -> {
            String type = String.valueOf(SamTemplate.<Map<String, Object>>cast(resource).get("Type"));
            switch (type) {
                case "AWS::Serverless::Function" -> {
                    String arn = names.apply(id + ".Arn");
                    resources.put(id, Map.of("Ref", arn.substring(arn.lastIndexOf(':') + 1), "Arn", arn));
                }
                case "AWS::Serverless::StateMachine" -> {
                    String arn = stateMachines.get(id).arn();
                    resources.put(id, Map.of("Ref", arn, "Arn", arn, "Name", arn.substring(arn.lastIndexOf(':') + 1)));
                }
                default -> {
                    Map<String, String> resolved = new LinkedHashMap<>();
                    resolved.put("Ref", tryName(names, id));
                    resolved.put("Arn", tryName(names, id + ".Arn"));
                    resolved.values().removeIf(Objects::isNull);
                    resources.put(id, resolved);
                }
            }
        });
        description.put("resources", resources);
        this.stack = description;
    }

    /** What the stack's names make of a reference, or null where they cannot tell. */
    private static String tryName(Function<String, String> names, String reference) {
        try {
            return names.apply(reference);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Every distinct call so far, with how often it was made. */
    public Map<AwsCall, Long> calls() {
        Map<AwsCall, Long> snapshot = new LinkedHashMap<>();
        calls.forEach((call, count) -> snapshot.put(call, count.sum()));
        return snapshot;
    }

    /** Appends this stack's line to the file {@value #FILE_PROPERTY} or {@value #FILE_VARIABLE} names, if either does. */
    public void appendToConfiguredFile() {
        String file = System.getProperty(FILE_PROPERTY, System.getenv(FILE_VARIABLE));
        if (file != null && !file.isBlank()) {
            appendTo(Path.of(file));
        }
    }

    /** Appends one JSON line: {"stack": what {@link #describeStack} recorded, "calls": [...]}; nothing before the stack was described. */
    public void appendTo(Path file) {
        Map<String, Object> description = stack;
        if (description == null) {
            return;
        }
        List<Object> recorded = new ArrayList<>();
        calls().forEach((call, count) -> recorded.add(call.toJson(count)));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("stack", description);
        line.put("calls", recorded);
        try {
            byte[] bytes = (JSON.std.asString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (AwsCalls.class) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the AWS calls to " + file, e);
        }
    }

    private void add(AwsCall call) {
        calls.computeIfAbsent(call, c -> new LongAdder()).increment();
    }

    /** The function named by the User-Agent's app/ token (the SDK's appId), or "" when there is none. */
    private static String caller(Map<String, List<String>> headers) {
        String agent = IamActions.header(headers, "User-Agent");
        Matcher m = agent == null ? null : APP_ID.matcher(agent);
        return m != null && m.find() ? m.group(1) : "";
    }

    /** A state machine the stack created: its ARN and its definition with the substitutions made. */
    public record StateMachine(String arn, String definition) {
    }

    /** The logical id SAM gives a function's ScheduleV2 event's schedule: function id + event name. */
    private String scheduleOf(String functionId) {
        Map<String, Object> events = SamTemplate.cast(template.resourcesOfType("AWS::Serverless::Function").get(functionId).get("Events"));
        if (events != null) {
            for (Map.Entry<String, Object> e : events.entrySet()) {
                if ("ScheduleV2".equals(SamTemplate.<Map<String, Object>>cast(e.getValue()).get("Type"))) {
                    return functionId + e.getKey();
                }
            }
        }
        return "";
    }
}
