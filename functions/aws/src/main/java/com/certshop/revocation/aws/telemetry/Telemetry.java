package com.certshop.revocation.aws.telemetry;

import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.domain.model.Transition;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where a function's log line and metrics come together. A handler opens one {@link Invocation}
 * per request or step ({@link #begin}) and closes it when done, which writes its one log line with
 * the invocation's metrics embedded. Code below the handler (the store, the CA adapter) adds
 * metrics to the invocation under way on its thread ({@link #current}), so a revocation counted as
 * revoked is exactly one the store recorded as revoked, not a second opinion about it.
 */
public final class Telemetry {
    /** The CloudWatch namespace of the metrics; one per stack, so stacks side by side stay apart. */
    public static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";

    private static volatile String namespace = "CertShop/unconfigured";
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    private Telemetry() {
    }

    /** Reads the namespace once per execution environment, with the rest of the function's configuration. */
    public static void configure(Environment env) {
        namespace = env.require(METRICS_NAMESPACE);
    }

    /**
     * Starts the log line of one invocation on this thread.
     *
     * @param message   what ran, e.g. {@code request} or {@code workflow step}
     * @param requestId Lambda's request id, or null outside an invocation (SnapStart priming),
     *                  whose line publishes no metrics
     */
    public static Invocation begin(String message, String requestId) {
        Invocation invocation = new Invocation(message, requestId, namespace);
        CURRENT.set(invocation);
        return invocation;
    }

    /** The invocation under way on this thread, if a handler opened one. */
    public static Optional<Invocation> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** What a store calls once a transition is written: its audit event becomes the invocation's business metrics. */
    public static void committed(Transition transition) {
        current().ifPresent(invocation -> BusinessMetrics.record(transition, invocation.metrics()));
    }

    /**
     * Writes a line of its own now, beside the invocation under way (if any) and leaving it be: for
     * what is not the invocation's outcome, such as an item a scheduled run skipped, or priming.
     */
    public static void write(LogLine.Level level, Map<String, ?> fields, Throwable error) {
        System.out.println(LogLine.render(Instant.now(), level, fields, error));
    }

    /**
     * A SnapStart priming that failed, as an ERROR line with its exception. Priming must never fail
     * the snapshot: the function then merely starts unprimed.
     */
    public static void primingFailed(Throwable error) {
        write(LogLine.Level.ERROR, Map.of("message", "SnapStart priming failed; starting unprimed"), error);
    }

    static void ended(Invocation invocation) {
        if (CURRENT.get() == invocation) {
            CURRENT.remove();
        }
    }
}
