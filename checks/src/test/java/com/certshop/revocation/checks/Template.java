package com.certshop.revocation.checks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * template.yaml as data, with CloudFormation's short-form tags (!Ref, !Sub, !GetAtt) read as
 * their long forms, and a way to turn any property value into a plausible sample string.
 */
final class Template {
    static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();

    private final Map<String, Object> template;

    private Template(Map<String, Object> template) {
        this.template = template;
    }

    static Template load() {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("template.yaml"), StandardCharsets.UTF_8)) {
            return new Template(new Yaml(new IntrinsicsConstructor()).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> resources() {
        return map(template, "Resources");
    }

    /** Logical id to Properties of every resource of the given type. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            Map<String, Object> r = cast(resource);
            if (type.equals(r.get("Type"))) {
                found.put(id, map(r, "Properties"));
            }
        });
        return found;
    }

    /** The environment a function gets: the Globals' variables, then its own, values resolved to samples. */
    Map<String, String> environmentOf(String functionId) {
        Map<String, String> env = new LinkedHashMap<>();
        variables(map(map(template, "Globals"), "Function")).forEach((k, v) -> env.put(k, sample(v)));
        functionVariables(functionId).forEach((k, v) -> env.put(k, sample(v)));
        return env;
    }

    /** Only the variables the function itself declares, values unresolved. */
    Map<String, Object> functionVariables(String functionId) {
        return variables(resourcesOfType("AWS::Serverless::Function").get(functionId));
    }

    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        Map<String, Object> environment = cast(functionProperties.get("Environment"));
        return environment == null ? Map.of() : map(environment, "Variables");
    }

    /** A value as a deployed function would see it, with parameters at their defaults and samples for the rest. */
    String sample(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Map.Entry<?, ?> e = m.entrySet().iterator().next();
            return switch (e.getKey().toString()) {
                case "Ref" -> sampleOfRef(e.getValue().toString());
                case "Fn::Sub" -> sampleOfSub(e.getValue().toString());
                case "Fn::GetAtt" -> "arn:aws:sample:eu-west-1:123456789012:" + e.getValue();
                default -> throw new IllegalArgumentException("unhandled intrinsic " + e.getKey());
            };
        }
        return String.valueOf(value);
    }

    private String sampleOfRef(String name) {
        Map<String, Object> parameter = cast(map(template, "Parameters").get(name));
        if (parameter == null) {
            return name.startsWith("AWS::") ? "aws-" + name.substring(5).toLowerCase() : "sample-" + name;
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

    private String sampleOfSub(String text) {
        Matcher m = Pattern.compile("\\$\\{([^}!.]+)(\\.[^}]+)?}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(sampleOfRef(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Map<String, Object> child = cast(parent.get(key));
        if (child == null) {
            throw new IllegalStateException("template lacks " + key);
        }
        return child;
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object value) {
        return (T) value;
    }

    /** Reads !Ref x as {Ref: x}, !Sub s as {Fn::Sub: s}, !GetAtt a.b as {Fn::GetAtt: a.b}, and so on. */
    private static final class IntrinsicsConstructor extends SafeConstructor {
        IntrinsicsConstructor() {
            super(new LoaderOptions());
            for (String tag : List.of("Ref", "Sub", "GetAtt", "Join", "If", "Equals", "Select", "Split", "ImportValue",
                    "FindInMap", "Not", "And", "Or", "Base64", "GetAZs", "Condition", "Cidr")) {
                String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                this.yamlConstructors.put(new org.yaml.snakeyaml.nodes.Tag("!" + tag), new AbstractConstruct() {
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
