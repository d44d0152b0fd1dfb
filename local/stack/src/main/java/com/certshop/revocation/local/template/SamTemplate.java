package com.certshop.revocation.local.template;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as data: CloudFormation's short-form tags (!Ref, !Sub, !GetAtt, ...) read as
 * their long forms, and the parts the local stack and the build's checks need. Intrinsics are
 * resolved by a caller-supplied function from a name ({@code Param}, {@code Resource},
 * {@code Resource.Attribute}, {@code AWS::Region}) to its value.
 */
public final class SamTemplate {
    /** What Lambda gives a function whose template names no MemorySize. */
    private static final int LAMBDA_DEFAULT_MEMORY_MB = 128;
    /** What Lambda gives a function whose template names no Timeout. */
    private static final int LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;
    private final Map<String, Object> template;

    private SamTemplate(Map<String, Object> template) {
        this.template = template;
    }

    public static SamTemplate load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new SamTemplate(new Yaml(new IntrinsicsConstructor()).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Object> parameters() {
        return map(template, "Parameters");
    }

    public Map<String, Object> resources() {
        return map(template, "Resources");
    }

    /** The template's Conditions, unevaluated. */
    public Map<String, Object> conditions() {
        Map<String, Object> conditions = cast(template.get("Conditions"));
        return conditions == null ? Map.of() : conditions;
    }

    /** The Properties of a resource. */
    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = cast(resources().get(logicalId));
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return map(resource, "Properties");
    }

    /** Logical id to Properties of every resource of the given type, in template order. */
    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            Map<String, Object> r = cast(resource);
            if (type.equals(r.get("Type"))) {
                found.put(id, map(r, "Properties"));
            }
        });
        return found;
    }

    /** Every AWS::Serverless::Function, with what a host needs to run it. */
    public List<FunctionSpec> functions() {
        List<FunctionSpec> functions = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((id, p) -> functions.add(new FunctionSpec(id,
                p.get("CodeUri").toString(), p.get("Handler").toString(), environment(p),
                ownElseGlobal(p, "MemorySize", LAMBDA_DEFAULT_MEMORY_MB), ownElseGlobal(p, "Timeout", LAMBDA_DEFAULT_TIMEOUT_SECONDS))));
        return functions;
    }

    /** A function's number property (MemorySize, Timeout): its own, else the Globals', else Lambda's default. */
    private int ownElseGlobal(Map<String, Object> functionProperties, String property, int lambdaDefault) {
        Object value = functionProperties.getOrDefault(property, globalFunctionProperties().get(property));
        return value == null ? lambdaDefault : Integer.parseInt(value.toString());
    }

    /** The variables a function gets: the Globals' first, then its own (unresolved values). */
    private Map<String, Object> environment(Map<String, Object> functionProperties) {
        Map<String, Object> env = new LinkedHashMap<>(globalVariables());
        env.putAll(ownVariables(functionProperties));
        return env;
    }

    /** The alias SAM publishes every function under (Globals' AutoPublishAlias), or null. */
    public String autoPublishAlias() {
        return (String) globalFunctionProperties().get("AutoPublishAlias");
    }

    public Map<String, Object> globalVariables() {
        return ownVariables(globalFunctionProperties());
    }

    /** The properties every function gets from Globals (unresolved); empty without Globals. */
    public Map<String, Object> globalFunctionProperties() {
        Map<String, Object> globals = cast(template.get("Globals"));
        Map<String, Object> function = globals == null ? null : cast(globals.get("Function"));
        return function == null ? Map.of() : function;
    }

    /** The variables a function declares itself, not counting the Globals. */
    public Map<String, Object> ownVariables(Map<String, Object> functionProperties) {
        Map<String, Object> environment = cast(functionProperties.get("Environment"));
        return environment == null ? Map.of() : map(environment, "Variables");
    }

    /** Every HttpApi route: method, path, the function that serves it, and whether it skips the JWT authorizer. */
    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> routes = new ArrayList<>();
        eventsOfType("HttpApi").forEach(e -> {
            Map<String, Object> auth = cast(e.properties().get("Auth"));
            routes.add(new HttpRoute(e.properties().get("Method").toString(), e.properties().get("Path").toString(),
                    e.functionId(), auth != null && "NONE".equals(auth.get("Authorizer"))));
        });
        return routes;
    }

    /** Every scheduled invocation (ScheduleV2 events). */
    public List<Schedule> schedules() {
        return eventsOfType("ScheduleV2").stream().map(e -> new Schedule(e.functionId(),
                e.properties().get("ScheduleExpression"), String.valueOf(e.properties().get("Input")))).toList();
    }

    private List<Event> eventsOfType(String type) {
        List<Event> found = new ArrayList<>();
        resourcesOfType("AWS::Serverless::Function").forEach((id, p) -> {
            Map<String, Object> events = cast(p.get("Events"));
            if (events != null) {
                events.values().forEach(event -> {
                    Map<String, Object> e = cast(event);
                    if (type.equals(e.get("Type"))) {
                        found.add(new Event(id, map(e, "Properties")));
                    }
                });
            }
        });
        return found;
    }

    /**
     * A property value with its intrinsics resolved: {@code Ref} and {@code Fn::GetAtt} through
     * {@code names}, {@code Fn::Sub} by replacing each {@code ${name}} through it (or through its
     * own variables first, in the two-argument form), {@code Fn::Join}, {@code Fn::Select} and
     * {@code Fn::Split} as CloudFormation does.
     */
    public static String resolve(Object value, Function<String, String> names) {
        return String.valueOf(evaluate(value, names));
    }

    /**
     * As {@link #resolve(Object, Function)}, and a top-level {@code Fn::If} takes the branch its
     * condition (of this template's Conditions, evaluated through {@code names}) chooses.
     */
    public String resolveChoosing(Object value, Function<String, String> names) {
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::If")) {
            List<Object> branches = cast(m.get("Fn::If"));
            return resolveChoosing(holds(String.valueOf(branches.get(0)), names) ? branches.get(1) : branches.get(2), names);
        }
        return resolve(value, names);
    }

    /** Whether a condition of the Conditions section holds, its parameters and names resolved through {@code names}. */
    public boolean holds(String condition, Function<String, String> names) {
        Object definition = conditions().get(condition);
        if (definition == null) {
            throw new IllegalArgumentException("template.yaml has no condition " + condition);
        }
        return truth(definition, names);
    }

    private boolean truth(Object expression, Function<String, String> names) {
        Map.Entry<String, Object> e = SamTemplate.<Map<String, Object>>cast(expression).entrySet().iterator().next();
        List<Object> args = e.getValue() instanceof List<?> list ? cast(list) : List.of(e.getValue());
        return switch (e.getKey()) {
            case "Fn::Not" -> !truth(args.get(0), names);
            case "Fn::And" -> args.stream().allMatch(arg -> truth(arg, names));
            case "Fn::Or" -> args.stream().anyMatch(arg -> truth(arg, names));
            case "Fn::Equals" -> resolve(args.get(0), names).equals(resolve(args.get(1), names));
            case "Condition" -> holds(String.valueOf(e.getValue()), names);
            default -> throw new IllegalArgumentException("the local stack does not evaluate " + e.getKey());
        };
    }

    /** A string, or for {@code Fn::Split} a list of strings. */
    private static Object evaluate(Object value, Function<String, String> names) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            List<Object> args = e.getValue() instanceof List<?> list ? cast(list) : List.of(e.getValue());
            return switch (e.getKey().toString()) {
                case "Ref", "Fn::GetAtt" -> names.apply(e.getValue().toString());
                case "Fn::Sub" -> {
                    Map<String, Object> variables = args.size() > 1 ? cast(args.get(1)) : Map.of();
                    yield substitute(args.get(0).toString(), name -> variables.containsKey(name)
                            ? resolve(variables.get(name), names) : names.apply(name));
                }
                case "Fn::Join" -> String.join(args.get(0).toString(),
                        SamTemplate.<List<Object>>cast(args.get(1)).stream().map(part -> resolve(part, names)).toList());
                case "Fn::Select" -> SamTemplate.<List<Object>>cast(evaluate(args.get(1), names))
                        .get(Integer.parseInt(resolve(args.get(0), names)));
                case "Fn::Split" -> Arrays.asList((Object[]) resolve(args.get(1), names).split(Pattern.quote(args.get(0).toString()), -1));
                default -> throw new IllegalArgumentException("the local stack does not resolve " + e.getKey());
            };
        }
        return value;
    }

    private static String substitute(String text, Function<String, String> names) {
        Matcher m = Pattern.compile("\\$\\{([^}!]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(names.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static Map<String, Object> map(Map<String, Object> parent, String key) {
        Map<String, Object> child = cast(parent.get(key));
        if (child == null) {
            throw new IllegalStateException("template.yaml lacks " + key);
        }
        return child;
    }

    @SuppressWarnings("unchecked")
    public static <T> T cast(Object value) {
        return (T) value;
    }

    /**
     * A function: its logical id, the jar CodeUri names, its handler, its environment (unresolved),
     * its memory in MB and its timeout in seconds.
     */
    public record FunctionSpec(String logicalId, String codeUri, String handler, Map<String, Object> environment,
            int memoryMb, int timeoutSeconds) {
        public String handlerClass() {
            return handler.replaceFirst("::.*", "");
        }
    }

    /** An HttpApi route of the template. */
    public record HttpRoute(String method, String path, String functionId, boolean isPublic) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    /** A scheduled invocation: the function, its schedule expression (unresolved) and the input it gets. */
    public record Schedule(String functionId, Object expression, String input) {
    }

    private record Event(String functionId, Map<String, Object> properties) {
    }

    /** Reads !Ref x as {Ref: x}, !Sub s as {Fn::Sub: s}, !GetAtt a.b as {Fn::GetAtt: a.b}, and so on. */
    private static final class IntrinsicsConstructor extends SafeConstructor {
        IntrinsicsConstructor() {
            super(new LoaderOptions());
            for (String tag : List.of("Ref", "Sub", "GetAtt", "Join", "If", "Equals", "Select", "Split", "ImportValue",
                    "FindInMap", "Not", "And", "Or", "Base64", "GetAZs", "Condition", "Cidr")) {
                String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                this.yamlConstructors.put(new Tag("!" + tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode scalar) {
                            value = constructScalar(scalar);
                        } else if (node instanceof SequenceNode sequence) {
                            value = constructSequence(sequence);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(name, value);
                    }
                });
            }
        }
    }
}
