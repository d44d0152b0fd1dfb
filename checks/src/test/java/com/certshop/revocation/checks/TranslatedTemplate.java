package com.certshop.revocation.checks;

import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * template.yaml as aws-sam-translator translates it (plain CloudFormation: roles, policies,
 * schedules), with its intrinsics resolved for one local stack: its pseudo parameters, parameter
 * values and resource names as the stack recorded them with its calls (see the local stack's
 * AwsCalls). So a policy's resource is the very ARN the stack's calls named, not a guess at it.
 * Names the stack did not record (log groups, queues) resolve to ARNs of service "unresolved",
 * which match no call.
 */
final class TranslatedTemplate {
    /** {@code Ref: AWS::NoValue}: the property or list element is left out. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, Object> template;

    private TranslatedTemplate(Map<String, Object> template) {
        this.template = template;
    }

    static TranslatedTemplate read(Path json) {
        try {
            return new TranslatedTemplate(JSON.std.mapFrom(json.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> resources() {
        return SamTemplate.map(template, "Resources");
    }

    /** The intrinsics of this template as one stack resolves them. */
    Stack in(Map<String, Object> stackDescription) {
        return new Stack(stackDescription);
    }

    /**
     * An IAM role of the template, resolved.
     *
     * @param logicalId         the AWS::IAM::Role's logical id
     * @param arn               an ARN for it in the stack's account (the simulator's principal)
     * @param policies          its inline policies and the customer policies attached to it: {name, policy}
     * @param managedPolicyArns AWS managed policies, which cannot be read offline and are not evaluated
     */
    record Role(String logicalId, String arn, List<Map<String, Object>> policies, List<String> managedPolicyArns) {
    }

    final class Stack {
        private final Map<String, String> pseudo;
        private final Map<String, String> parameters;
        private final Map<String, Map<String, String>> names;
        private final Map<String, Boolean> conditions = new HashMap<>();

        private Stack(Map<String, Object> description) {
            this.pseudo = SamTemplate.cast(description.get("pseudoParameters"));
            this.parameters = SamTemplate.cast(description.get("parameters"));
            this.names = SamTemplate.cast(description.get("resources"));
        }

        String account() {
            return pseudo.get("AWS::AccountId");
        }

        /**
         * The role whose credentials a template resource's calls carry: a function's Role, a state
         * machine's RoleArn, a schedule's Target.RoleArn.
         */
        Optional<Role> roleOf(String principal) {
            Map<String, Object> resource = SamTemplate.cast(resources().get(principal));
            if (resource == null) {
                return Optional.empty();
            }
            Map<String, Object> properties = SamTemplate.cast(resource.getOrDefault("Properties", Map.of()));
            Object reference = switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Lambda::Function" -> properties.get("Role");
                case "AWS::StepFunctions::StateMachine" -> properties.get("RoleArn");
                case "AWS::Scheduler::Schedule" -> SamTemplate.<Map<String, Object>>cast(properties.getOrDefault("Target", Map.of())).get("RoleArn");
                default -> null;
            };
            String roleId = roleIdOf(reference);
            Map<String, Object> role = roleId == null ? null : SamTemplate.cast(resources().get(roleId));
            if (role == null || !"AWS::IAM::Role".equals(role.get("Type"))) {
                return Optional.empty();
            }
            Map<String, Object> roleProperties = SamTemplate.cast(role.getOrDefault("Properties", Map.of()));
            List<Map<String, Object>> policies = new ArrayList<>();
            for (Object policy : list(resolve(roleProperties.getOrDefault("Policies", List.of())))) {
                Map<String, Object> p = SamTemplate.cast(policy);
                policies.add(Map.of("name", String.valueOf(p.get("PolicyName")), "policy", p.get("PolicyDocument")));
            }
            // Customer policies attached to the role from outside it.
            resources().forEach((id, r) -> {
                Map<String, Object> other = SamTemplate.cast(r);
                String type = String.valueOf(other.get("Type"));
                if ((type.equals("AWS::IAM::Policy") || type.equals("AWS::IAM::ManagedPolicy"))
                        && (other.get("Condition") == null || condition(other.get("Condition").toString()))) {
                    Map<String, Object> p = SamTemplate.cast(other.get("Properties"));
                    if (list(p.get("Roles")).stream().anyMatch(ref -> roleId.equals(refName(ref)))) {
                        policies.add(Map.of("name", id, "policy", resolve(p.get("PolicyDocument"))));
                    }
                }
            });
            List<String> managed = list(resolve(roleProperties.getOrDefault("ManagedPolicyArns", List.of())))
                    .stream().map(String::valueOf).toList();
            return Optional.of(new Role(roleId, "arn:aws:iam::" + account() + ":role/" + pseudo.get("AWS::StackName") + "-" + roleId,
                    policies, managed));
        }

        private static String roleIdOf(Object reference) {
            if (reference instanceof Map<?, ?> m && m.get("Fn::GetAtt") != null) {
                Object getAtt = m.get("Fn::GetAtt");
                List<?> parts = getAtt instanceof List<?> l ? l : List.of(getAtt.toString().split("\\.", 2));
                return parts.size() == 2 && "Arn".equals(parts.get(1)) ? parts.get(0).toString() : null;
            }
            return null;
        }

        private static String refName(Object value) {
            return value instanceof Map<?, ?> m && m.get("Ref") != null ? m.get("Ref").toString() : null;
        }

        /** A template value with every intrinsic resolved; {@code AWS::NoValue} leaves its property or element out. */
        Object resolve(Object value) {
            if (value instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                for (Object element : l) {
                    Object resolved = resolve(element);
                    if (resolved != NO_VALUE) {
                        out.add(resolved);
                    }
                }
                return out;
            }
            if (value instanceof Map<?, ?> m) {
                if (m.size() == 1) {
                    String key = m.keySet().iterator().next().toString();
                    if (key.equals("Ref") || key.startsWith("Fn::")) {
                        return intrinsic(key, m.get(key));
                    }
                }
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> {
                    Object resolved = resolve(v);
                    if (resolved != NO_VALUE) {
                        out.put(k.toString(), resolved);
                    }
                });
                return out;
            }
            return value;
        }

        private Object intrinsic(String function, Object argument) {
            List<?> args = argument instanceof List<?> l ? l : List.of(argument);
            return switch (function) {
                case "Ref" -> ref(argument.toString());
                case "Fn::GetAtt" -> {
                    List<?> parts = argument instanceof List<?> l ? l : List.of(argument.toString().split("\\.", 2));
                    yield getAtt(parts.get(0).toString(), parts.get(1).toString());
                }
                case "Fn::Sub" -> sub(args.get(0).toString(),
                        args.size() > 1 ? SamTemplate.cast(args.get(1)) : Map.of());
                case "Fn::Join" -> String.join(args.get(0).toString(), list(resolve(args.get(1))).stream().map(String::valueOf).toList());
                case "Fn::Select" -> list(resolve(args.get(1))).get(Integer.parseInt(String.valueOf(resolve(args.get(0)))));
                case "Fn::Split" -> List.of(String.valueOf(resolve(args.get(1))).split(Pattern.quote(args.get(0).toString()), -1));
                case "Fn::If" -> condition(args.get(0).toString()) ? resolve(args.get(1)) : resolve(args.get(2));
                case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> truth(Map.of(function, argument));
                default -> throw new IllegalStateException("cannot resolve " + function + " offline: " + argument);
            };
        }

        private Object ref(String name) {
            if (name.equals("AWS::NoValue")) {
                return NO_VALUE;
            }
            if (name.startsWith("AWS::")) {
                return require(pseudo.get(name), "pseudo parameter " + name);
            }
            Map<String, Object> declared = SamTemplate.cast(template.getOrDefault("Parameters", Map.of()));
            if (declared.containsKey(name)) {
                if (parameters.containsKey(name)) {
                    return parameters.get(name);
                }
                Object fallback = SamTemplate.<Map<String, Object>>cast(declared.get(name)).get("Default");
                return require(fallback == null ? null : fallback.toString(), "parameter " + name);
            }
            // Where Ref follows from the resource's own properties, as CloudFormation defines it.
            Map<String, Object> defined = SamTemplate.cast(resources().get(name));
            Map<String, Object> properties = defined == null ? Map.of() : SamTemplate.cast(defined.getOrDefault("Properties", Map.of()));
            if (defined != null && "AWS::Lambda::Alias".equals(defined.get("Type"))) {
                // An alias SAM made for AutoPublishAlias: Ref is the function's ARN qualified by the alias name.
                String function = String.valueOf(resolve(properties.get("FunctionName")));
                return (function.startsWith("arn:") ? function
                        : "arn:" + pseudo.get("AWS::Partition") + ":lambda:" + pseudo.get("AWS::Region") + ":" + account() + ":function:" + function)
                        + ":" + resolve(properties.get("Name"));
            }
            // Otherwise what the stack told the functions this resource is.
            Map<String, String> resource = names.get(name);
            if (resource != null && resource.containsKey("Ref")) {
                return resource.get("Ref");
            }
            return unresolved(name);
        }

        /** What a schedule invokes (its Target.Arn, resolved), or empty when the principal is no schedule. */
        Optional<String> scheduleTarget(String principal) {
            Map<String, Object> resource = SamTemplate.cast(resources().get(principal));
            if (resource == null || !"AWS::Scheduler::Schedule".equals(resource.get("Type"))) {
                return Optional.empty();
            }
            Map<String, Object> target = SamTemplate.cast(SamTemplate.<Map<String, Object>>cast(resource.get("Properties")).get("Target"));
            return Optional.of(String.valueOf(resolve(target.get("Arn"))));
        }

        private String getAtt(String logicalId, String attribute) {
            Map<String, String> resource = names.get(logicalId);
            return resource != null && resource.containsKey(attribute) ? resource.get(attribute) : unresolved(logicalId + "." + attribute);
        }

        /** Something the stack did not record: an ARN that names it and matches no call. */
        private String unresolved(String name) {
            return "arn:aws:unresolved:" + pseudo.get("AWS::Region") + ":" + account() + ":" + name;
        }

        private String sub(String text, Map<String, Object> variables) {
            Matcher m = SUB.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value;
                if (name.startsWith("!")) {
                    value = "${" + name.substring(1) + "}";
                } else if (variables.containsKey(name)) {
                    value = String.valueOf(resolve(variables.get(name)));
                } else if (name.contains(".") && !name.startsWith("AWS::")) {
                    String[] parts = name.split("\\.", 2);
                    value = getAtt(parts[0], parts[1]);
                } else {
                    value = String.valueOf(ref(name));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        private boolean condition(String name) {
            Boolean known = conditions.get(name);
            if (known == null) {
                Map<String, Object> all = SamTemplate.cast(template.getOrDefault("Conditions", Map.of()));
                known = truth(require(all.get(name), "condition " + name));
                conditions.put(name, known);
            }
            return known;
        }

        private boolean truth(Object expression) {
            Map<String, Object> m = SamTemplate.cast(expression);
            String function = m.keySet().iterator().next();
            List<?> args = m.get(function) instanceof List<?> l ? l : List.of(m.get(function));
            return switch (function) {
                case "Fn::Equals" -> String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
                case "Fn::Not" -> !truth(args.get(0));
                case "Fn::And" -> args.stream().allMatch(this::truth);
                case "Fn::Or" -> args.stream().anyMatch(this::truth);
                case "Condition" -> condition(args.get(0).toString());
                default -> throw new IllegalStateException("not a condition: " + expression);
            };
        }

        private static <T> T require(T value, String what) {
            if (value == null) {
                throw new IllegalStateException("the local stack recorded no value for " + what);
            }
            return value;
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of(value);
    }
}
