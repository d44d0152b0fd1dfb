package com.certshop.revocation.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many state transitions a DV revocation costs, from the revocation machine's ASL alone: the
 * path an execution takes for a DV input ({@code confirmationRequired} false) whose CA wait ends
 * with the outcome the CA check sends once the CA has revoked. The CA's delay (up to the SLA's
 * 5 business days) costs transitions only if the path waits in the machine itself (a Wait state,
 * or a loop back to a state already entered); then there is no single answer, and this refuses to
 * give one. A task-token wait is one state however long it lasts.
 */
final class DvTransitionPolicy {
    private static final String TASK_TOKEN = ".waitForTaskToken";
    private final Map<String, Object> machine;

    private DvTransitionPolicy(Map<String, Object> machine) {
        this.machine = machine;
    }

    static DvTransitionPolicy read(Path asl) {
        try {
            return new DvTransitionPolicy(JSON.std.mapFrom(Files.readString(asl)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + asl, e);
        }
    }

    /** The states a DV revocation enters, in order, when the CA answers "revoked". */
    List<String> dvPathWhenRevoked() {
        Map<String, Object> data = new HashMap<>();
        data.put("confirmationRequired", false);
        Map<String, Object> states = object(machine.get("States"));
        List<String> path = new ArrayList<>();
        String name = String.valueOf(machine.get("StartAt"));
        while (name != null) {
            if (path.contains(name)) {
                throw new IllegalStateException("the DV path loops back to " + name + ": its transitions depend on the CA's delay");
            }
            path.add(name);
            Map<String, Object> state = object(states.get(name));
            String type = String.valueOf(state.get("Type"));
            name = switch (type) {
                case "Choice" -> choose(state, data);
                case "Task" -> {
                    if (!String.valueOf(state.get("Resource")).endsWith(TASK_TOKEN)) {
                        throw new IllegalStateException(name + " is not a task-token wait: this reading of the path does not model its result");
                    }
                    // The CA check completes the token with the CA's outcome (README: The state machine).
                    set(data, String.valueOf(state.get("ResultPath")), Map.of("outcome", "REVOKED"));
                    yield next(state);
                }
                case "Pass" -> next(state);
                case "Succeed", "Fail" -> null;
                case "Wait" -> throw new IllegalStateException(name + " is a Wait state: the path's transitions depend on the CA's delay");
                default -> throw new IllegalStateException(name + " is a " + type + " state, which this reading does not model");
            };
        }
        return path;
    }

    private static String next(Map<String, Object> state) {
        return Boolean.TRUE.equals(state.get("End")) ? null : String.valueOf(state.get("Next"));
    }

    /** The first rule that holds, of the two comparisons the revocation machine uses; else Default. */
    private static String choose(Map<String, Object> state, Map<String, Object> data) {
        for (Object rule : (List<?>) state.get("Choices")) {
            Map<String, Object> choice = object(rule);
            Object value = get(data, String.valueOf(choice.get("Variable")));
            if (choice.containsKey("BooleanEquals") && choice.get("BooleanEquals").equals(value)
                    || choice.containsKey("StringEquals") && choice.get("StringEquals").equals(value)) {
                return String.valueOf(choice.get("Next"));
            }
            if (!choice.containsKey("BooleanEquals") && !choice.containsKey("StringEquals")) {
                throw new IllegalStateException("a Choice rule this reading does not model: " + choice);
            }
        }
        return String.valueOf(state.get("Default"));
    }

    /** A value at a simple path such as {@code $.progress.outcome}; null when absent. */
    private static Object get(Map<String, Object> data, String path) {
        Object at = data;
        for (String field : fields(path)) {
            at = at instanceof Map<?, ?> map ? map.get(field) : null;
        }
        return at;
    }

    private static void set(Map<String, Object> data, String path, Object value) {
        List<String> fields = fields(path);
        Map<String, Object> at = data;
        for (String field : fields.subList(0, fields.size() - 1)) {
            at = object(at.computeIfAbsent(field, f -> new HashMap<String, Object>()));
        }
        at.put(fields.get(fields.size() - 1), value);
    }

    private static List<String> fields(String path) {
        if (!path.startsWith("$.")) {
            throw new IllegalStateException("a path this reading does not model: " + path);
        }
        return List.of(path.substring(2).split("\\."));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return (Map<String, Object>) value;
    }
}
