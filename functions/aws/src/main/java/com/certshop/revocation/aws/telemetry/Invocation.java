package com.certshop.revocation.aws.telemetry;

import com.certshop.revocation.domain.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one log line of a request or step, built while it runs and written when it is closed:
 * {@code message}, {@code requestId}, the caller's fields ({@code route}, {@code accountHash},
 * {@code certificateId}, ...), {@code outcome} ({@code OK}, {@code REFUSED} or {@code FAILED}),
 * {@code errorCode} when it did not succeed, {@code durationMs}, an {@code exception} when one
 * ended it, and its metrics in Embedded Metric Format.
 */
public final class Invocation implements AutoCloseable {
    public static final String OK = "OK";
    public static final String REFUSED = "REFUSED";
    public static final String FAILED = "FAILED";

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final EmbeddedMetrics metrics = new EmbeddedMetrics();
    private final String namespace;
    private final boolean publishesMetrics;
    private final long startedNanos = System.nanoTime();
    private LogLine.Level level = LogLine.Level.INFO;
    private Throwable error;
    private boolean silent;

    Invocation(String message, String requestId, String namespace) {
        this.namespace = namespace;
        this.publishesMetrics = requestId != null;
        fields.put("message", message);
        fields.put("requestId", requestId == null ? "snapstart-priming" : requestId);
        fields.put("outcome", OK);
    }

    /** Sets a field of the line; a null value leaves it out. */
    public Invocation field(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    /**
     * The account, as {@code accountHash}: the first 16 hex digits of its SHA-256, enough to tell
     * one account's requests from another's without writing who it is into the log.
     */
    public Invocation account(String accountId) {
        return accountId == null ? this : field("accountHash", hash(accountId));
    }

    /** A refusal: the caller's request was not carried out, with the code the caller got. */
    public Invocation refused(String errorCode) {
        fields.put("outcome", REFUSED);
        fields.put("errorCode", errorCode);
        return this;
    }

    /** A failure of ours, with the code the caller got; the error, if any, goes into the line with its stack trace. */
    public Invocation failed(String errorCode, Throwable error) {
        fields.put("outcome", FAILED);
        fields.put("errorCode", errorCode);
        this.error = error;
        level = LogLine.Level.ERROR;
        return this;
    }

    /**
     * What a thrown exception ended: a domain refusal is {@link #refused} with its code (the step was
     * not allowed, nothing of ours broke); anything else is {@link #failed} under its class name.
     */
    public Invocation threw(RuntimeException error) {
        return error instanceof DomainException refusal ? refused(refusal.code().name())
                : failed(error.getClass().getSimpleName(), error);
    }

    /** The request id the line carries ({@code snapstart-priming} outside an invocation). */
    public String requestId() {
        return (String) fields.get("requestId");
    }

    /** The code recorded by {@link #refused} or {@link #failed}, if any. */
    public Optional<String> errorCode() {
        return Optional.ofNullable((String) fields.get("errorCode"));
    }

    /** Writes no line: for a scheduled run that found nothing to do, which would otherwise log every minute. */
    public Invocation silence() {
        silent = true;
        return this;
    }

    public EmbeddedMetrics metrics() {
        return metrics;
    }

    /** The line as it would be written now. */
    String line(Instant now) {
        Map<String, Object> line = new LinkedHashMap<>(fields);
        line.put("durationMs", (System.nanoTime() - startedNanos) / 1_000_000);
        if (publishesMetrics && !metrics.isEmpty()) {
            line.putAll(metrics.members(namespace, now));
        }
        return LogLine.render(now, level, line, error);
    }

    @Override
    public void close() {
        Telemetry.ended(this);
        if (!silent) {
            System.out.println(line(Instant.now()));
        }
    }

    /** The first 16 hex digits of the text's SHA-256, as {@link #account} writes an account. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
