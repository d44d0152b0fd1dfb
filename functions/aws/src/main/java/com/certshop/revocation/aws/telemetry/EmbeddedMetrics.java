package com.certshop.revocation.aws.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics of one log event in CloudWatch's Embedded Metric Format: CloudWatch Logs turns them
 * into metrics as it ingests the line, so a function publishes them with no client and no call.
 * The event gets an {@code _aws} object with the {@code Timestamp} (epoch milliseconds) and one
 * {@code CloudWatchMetrics} directive per dimension set, each naming its {@code Namespace},
 * {@code Dimensions} and {@code Metrics} ({@code Name}, {@code Unit}); the values, and the
 * dimensions' values, are members of the event itself. A count recorded more than once in an
 * event is summed; other values are kept as an array of observations, which EMF allows.
 */
public final class EmbeddedMetrics {
    /** Metrics by dimension set (dimension name to value; empty for none), then by metric. */
    private final Map<Map<String, String>, Map<Metric, List<Double>>> metrics = new LinkedHashMap<>();

    /** Adds {@code amount} to a count without dimensions. */
    public void count(Metric metric, long amount) {
        count(metric, amount, Map.of());
    }

    /** Adds {@code amount} to a count for this dimension set. */
    public void count(Metric metric, long amount, Map<String, String> dimensions) {
        requireUnit(metric, Metric.Unit.Count);
        List<Double> values = values(metric, dimensions);
        if (values.isEmpty()) {
            values.add((double) amount);
        } else {
            values.set(0, values.get(0) + amount);
        }
    }

    /** Records one observation of a value without dimensions, e.g. a duration. */
    public void observe(Metric metric, double value) {
        if (metric.unit() == Metric.Unit.Count) {
            throw new IllegalArgumentException(metric + " is a count");
        }
        values(metric, Map.of()).add(value);
    }

    public boolean isEmpty() {
        return metrics.isEmpty();
    }

    /** The members these metrics add to a log event: {@code _aws}, the values and the dimensions' values. */
    public Map<String, Object> members(String namespace, Instant at) {
        Map<String, Object> members = new LinkedHashMap<>();
        List<Map<String, Object>> directives = new ArrayList<>();
        metrics.forEach((dimensions, byMetric) -> {
            List<Map<String, Object>> definitions = new ArrayList<>();
            byMetric.forEach((metric, values) -> {
                definitions.add(Map.of("Name", metric.name(), "Unit", metric.unit().name()));
                members.put(metric.name(), values.size() == 1 ? number(values.get(0))
                        : values.stream().map(EmbeddedMetrics::number).toList());
            });
            members.putAll(dimensions);
            directives.add(Map.of("Namespace", namespace, "Dimensions", List.of(List.copyOf(dimensions.keySet())),
                    "Metrics", definitions));
        });
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", at.toEpochMilli());
        aws.put("CloudWatchMetrics", directives);
        members.put("_aws", aws);
        return members;
    }

    private List<Double> values(Metric metric, Map<String, String> dimensions) {
        // A dimension's value is a member of the event, so one event can hold only one value per dimension.
        metrics.keySet().forEach(set -> dimensions.forEach((key, value) -> {
            if (set.containsKey(key) && !set.get(key).equals(value)) {
                throw new IllegalArgumentException("dimension " + key + " is already " + set.get(key) + " in this event");
            }
        }));
        return metrics.computeIfAbsent(new TreeMap<>(dimensions), d -> new EnumMap<>(Metric.class))
                .computeIfAbsent(metric, m -> new ArrayList<>());
    }

    private static void requireUnit(Metric metric, Metric.Unit unit) {
        if (metric.unit() != unit) {
            throw new IllegalArgumentException(metric + " is measured in " + metric.unit() + ", not " + unit);
        }
    }

    /** Whole numbers as integers, so a count reads as 1, not 1.0. */
    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }
}
