package com.certshop.revocation.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IAM against real calls. The end-to-end journeys (local/stack's ITs) record every AWS call each
 * function made, each Lambda invocation of the state machine and each run of the schedule, as IAM
 * authorizes it: principal, action, resource ARN, condition keys (local/stack's AwsCalls, in
 * {@code local/stack/target/iam-calls.jsonl}). Here template.yaml is translated with
 * aws-sam-translator into the roles CloudFormation would create, cfn-lint checks the translation,
 * and every recorded authorization is evaluated against its caller's role with an offline IAM
 * policy evaluator (@cloud-copilot/iam-simulate, checks/iam). Any implicit or explicit deny fails
 * the build: on AWS that call would be refused.
 */
class RolesAllowTheJourneysCallsIT {
    private static final Path CALLS = Path.of(System.getProperty("iam.calls.file",
            Template.ROOT.resolve("local/stack/target/iam-calls.jsonl").toString()));
    private static final Path TOOLS = Template.ROOT.resolve("checks/iam");
    private static final Path WORK = Path.of(System.getProperty("iam.work.dir", "target/iam")).toAbsolutePath();
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    /** What a deny of these actions usually means. */
    private static final Map<String, String> HINTS = Map.of(
            "ses:SendEmail", "SES authorizes a send against the identity of the From address's domain and also against the"
                    + " From address's own identity when that is verified separately: grant ses:SendEmail on both",
            "states:SendTaskSuccess", "task-token actions have no resource type: grant them on Resource '*'",
            "states:SendTaskFailure", "task-token actions have no resource type: grant them on Resource '*'",
            "states:SendTaskHeartbeat", "task-token actions have no resource type: grant them on Resource '*'");

    private static Path translated;

    @BeforeAll
    static void translateTheTemplate() throws Exception {
        Files.createDirectories(WORK);
        translated = WORK.resolve("template.json");
        Files.deleteIfExists(translated);
        Run run = run(List.of("python3", TOOLS.resolve("translate.py").toString(), Template.ROOT.resolve("template.yaml").toString(),
                translated.toString(), JSON.std.asString(Template.load().requiredParameterSamples())));
        assertEquals(0, run.exit, "aws-sam-translator cannot translate template.yaml:\n" + run.output);
    }

    @Test
    void cfnLintFindsNoErrorInTheTranslatedTemplate() throws Exception {
        Run run = run(List.of("cfn-lint", translated.toString()));
        if (!run.output.isBlank()) {
            System.out.println("cfn-lint on the translated template (" + translated + "):\n" + run.output);
        }
        // cfn-lint's exit status is a bit mask: 2 errors, 4 warnings, 8 informational; 1 is a crash.
        assertEquals(0, run.exit & 3, "cfn-lint finds errors in the translated template " + translated + ":\n" + run.output);
    }

    @Test
    void everyCallTheJourneysMadeIsAllowedByItsCallersRole() throws Exception {
        List<Map<String, Object>> stacks = recordedStacks();
        TranslatedTemplate template = TranslatedTemplate.read(translated);

        // One simulation per distinct question; a row per (principal, action, resource) over all stacks.
        Map<String, Map<String, Object>> requests = new LinkedHashMap<>();
        Map<String, List<String>> rowsOfRequest = new LinkedHashMap<>();
        Map<String, Row> rows = new TreeMap<>();
        for (int stackNumber = 0; stackNumber < stacks.size(); stackNumber++) {
            Map<String, Object> line = stacks.get(stackNumber);
            TranslatedTemplate.Stack stack = template.in(SamTemplate.cast(line.get("stack")));
            List<Map<String, Object>> calls = SamTemplate.cast(line.get("calls"));
            for (Map<String, Object> call : calls) {
                String principal = String.valueOf(call.get("principal"));
                String action = String.valueOf(call.get("action"));
                String resource = String.valueOf(call.get("resource"));
                // The local stack runs a schedule's function itself; which version or alias EventBridge
                // Scheduler invokes is the schedule's target in the translated template.
                String target = stack.scheduleTarget(principal).orElse(null);
                boolean notTheTarget = false;
                if (target != null && action.equals("lambda:InvokeFunction")) {
                    notTheTarget = !target.equals(resource) && !target.startsWith(resource + ":");
                    resource = notTheTarget ? resource : target;
                }
                String resourceOfRow = resource;
                Row row = rows.computeIfAbsent(principal + "\t" + action + "\t" + resource, k -> new Row(principal, action, resourceOfRow));
                row.calls += ((Number) call.get("count")).longValue();
                row.stacks.add(stackNumber);
                row.operations.add(String.valueOf(call.get("operation")));
                if (principal.isEmpty()) {
                    row.deny("NoCaller", "the request's User-Agent has no app/<function> token: an SDK client not built by AwsClients?");
                    continue;
                }
                if (notTheTarget) {
                    row.deny("NotTheTarget", "the schedule's target is " + target + ", but the local stack ran " + resource);
                    continue;
                }
                if (action.startsWith("unknown:")) {
                    row.deny("Unknown", "the recorder (local/stack AwsCalls) does not know which IAM action this is: "
                            + call.get("context") + "; teach IamActions this request");
                    continue;
                }
                TranslatedTemplate.Role role = stack.roleOf(principal).orElse(null);
                if (role == null) {
                    row.deny("NoRole", principal + " is no function, state machine or schedule with a role in the translated template");
                    continue;
                }
                row.role = role.logicalId();
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("principal", role.arn());
                request.put("action", action);
                request.put("resource", resource);
                request.put("account", stack.account());
                request.put("context", call.get("context"));
                request.put("policies", role.policies());
                String key = JSON.std.asString(request);
                requests.computeIfAbsent(key, k -> {
                    request.put("id", Integer.toString(requests.size()));
                    return request;
                });
                rowsOfRequest.computeIfAbsent(requests.get(key).get("id").toString(), k -> new ArrayList<>()).add(row.key());
            }
        }

        for (Map<String, Object> result : evaluate(new ArrayList<>(requests.values()))) {
            for (String rowKey : rowsOfRequest.get(result.get("id").toString())) {
                Row row = rows.get(rowKey);
                if ("Allowed".equals(result.get("result"))) {
                    row.allowed++;
                } else {
                    row.deny(result.get("result").toString(), String.valueOf(result.get("why")));
                }
            }
        }

        System.out.println(table(rows.values(), stacks.size()));
        List<Row> denied = rows.values().stream().filter(r -> !r.denials.isEmpty()).toList();
        if (!denied.isEmpty()) {
            StringBuilder message = new StringBuilder("template.yaml's roles refuse " + denied.size()
                    + " authorization(s) the code needed in the end-to-end journeys; on AWS these calls would fail with"
                    + " AccessDenied. Fix the Policies in template.yaml (or, for NoCaller/Unknown, the recording):\n");
            for (Row row : denied) {
                message.append("  ").append(row.principal).append(row.role == null ? "" : " (" + row.role + ")")
                        .append(": ").append(row.action).append(" on ").append(row.resource).append(" [").append(String.join(",", row.operations))
                        .append("]\n");
                row.denials.forEach((decision, why) -> message.append("      ").append(decision).append(": ").append(why).append('\n'));
                if (HINTS.containsKey(row.action)) {
                    message.append("      hint: ").append(HINTS.get(row.action)).append('\n');
                }
            }
            fail(message.toString());
        }
    }

    /** The recorded file's lines; fails when there is nothing to check, so the check never passes vacuously. */
    private static List<Map<String, Object>> recordedStacks() throws IOException {
        if (!Files.isRegularFile(CALLS)) {
            fail("no recorded AWS calls at " + CALLS + ": the end-to-end journeys (local/stack's ITs, run by mvn -B verify"
                    + " before this module) write them there");
        }
        List<Map<String, Object>> stacks = new ArrayList<>();
        for (String line : Files.readAllLines(CALLS, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                stacks.add(JSON.std.mapFrom(line));
            }
        }
        long calls = stacks.stream().mapToLong(s -> SamTemplate.<List<?>>cast(s.get("calls")).size()).sum();
        assertTrue(calls > 0, CALLS + " records no AWS call (" + stacks.size() + " stacks): nothing to check");
        System.out.println("IAM check: " + calls + " distinct calls of " + stacks.size() + " local stacks from " + CALLS
                + " (written " + Files.getLastModifiedTime(CALLS) + "), against " + translated);
        return stacks;
    }

    private static List<Map<String, Object>> evaluate(List<Map<String, Object>> requests) throws Exception {
        Path input = WORK.resolve("requests.json");
        Files.writeString(input, JSON.std.asString(Map.of("requests", requests)), StandardCharsets.UTF_8);
        Run run = run(List.of("node", TOOLS.resolve("evaluate.mjs").toString(), input.toString()));
        assertEquals(0, run.exit, "the IAM evaluator failed (is checks/iam installed? npm ci there):\n" + run.output);
        List<Map<String, Object>> results = SamTemplate.cast(JSON.std.listFrom(run.stdout));
        assertEquals(requests.size(), results.size(), "the evaluator answered " + results.size() + " of " + requests.size() + " requests");
        return results;
    }

    private static String table(Iterable<Row> rows, int stacks) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"principal", "action", "resource", "calls", "stacks", "allowed?"});
        for (Row r : rows) {
            cells.add(new String[] {r.principal.isEmpty() ? "(none)" : r.principal, r.action, r.resource, Long.toString(r.calls),
                    Integer.toString(r.stacks.size()), r.denials.isEmpty() ? "Allowed" : String.join(",", r.denials.keySet())});
        }
        int[] widths = new int[6];
        cells.forEach(c -> {
            for (int i = 0; i < c.length; i++) {
                widths[i] = Math.max(widths[i], c[i].length());
            }
        });
        StringBuilder out = new StringBuilder("Recorded AWS calls of " + stacks + " local stacks against the translated template's roles:\n");
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                out.append(i == 3 || i == 4 ? String.format("%" + widths[i] + "s", c[i]) : String.format("%-" + widths[i] + "s", c[i]))
                        .append(i < c.length - 1 ? "  " : "\n");
            }
        }
        return out.toString();
    }

    /** One line of the table: what a principal did on a resource, over all stacks. */
    private static final class Row {
        final String principal;
        final String action;
        final String resource;
        final TreeSet<String> operations = new TreeSet<>();
        final Map<String, String> denials = new TreeMap<>();
        String role;
        long calls;
        final TreeSet<Integer> stacks = new TreeSet<>();
        int allowed;

        Row(String principal, String action, String resource) {
            this.principal = principal;
            this.action = action;
            this.resource = resource;
        }

        String key() {
            return principal + "\t" + action + "\t" + resource;
        }

        void deny(String decision, String why) {
            denials.merge(decision, why, (a, b) -> a.equals(b) ? a : a + "; " + b);
        }
    }

    private record Run(int exit, String stdout, String output) {
    }

    /** Runs a tool; stdout apart (it may be data), everything it printed together for messages. */
    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(WORK, "out", ".txt");
        Path err = Files.createTempFile(WORK, "err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(TOOLS.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + TOOL_TIMEOUT);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            return new Run(process.exitValue(), stdout, (stdout.length() > 4000 ? stdout.substring(0, 4000) + "..." : stdout) + stderr);
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (see README: Python 3 with aws-sam-translator, cfn-lint, Node.js): " + e, e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
