package com.certshop.revocation.aws.telemetry;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One log event as Lambda's JSON log format reads it from standard output: a single-line JSON
 * object with {@code timestamp} (RFC 3339) and {@code level}, which Lambda uses for its
 * application log-level filter, then the caller's fields. An exception is one field holding its
 * type, message and stack trace, so it stays one event instead of one per line. Every string is
 * scrubbed of credentials on the way out (PEM blocks, JWTs, bearer tokens, confirmation tokens),
 * so no field can carry one into the log, whatever an exception message quotes.
 */
public final class LogLine {
    /** The levels Lambda's log-level filter knows. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----.*?(-----END [A-Z0-9 ]+-----|$)",
            Pattern.DOTALL);
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)\\S+");
    /** A confirmation link's token, or any token=… parameter. */
    private static final Pattern TOKEN_PARAMETER = Pattern.compile("(?i)((?:task)?token=)[^&\\s\"']+");
    private static final String REMOVED = "[removed]";

    private LogLine() {
    }

    /** The line for these fields, at this time and level; the error, if any, as the field {@code exception}. */
    public static String render(Instant at, Level level, Map<String, ?> fields, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", at.toString());
        line.put("level", level.name());
        fields.forEach((name, value) -> line.put(name, scrubbed(value)));
        if (error != null) {
            line.put("exception", Map.of("type", error.getClass().getName(),
                    "message", scrub(String.valueOf(error.getMessage())), "stackTrace", scrub(stackTrace(error))));
        }
        try {
            // jackson-jr escapes line breaks inside strings, so the object is one line.
            return JSON.std.asString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every credential it quotes replaced by {@value #REMOVED}. */
    public static String scrub(String text) {
        String scrubbed = PEM.matcher(text).replaceAll(REMOVED);
        scrubbed = JWT.matcher(scrubbed).replaceAll(REMOVED);
        scrubbed = BEARER.matcher(scrubbed).replaceAll("$1" + REMOVED);
        return TOKEN_PARAMETER.matcher(scrubbed).replaceAll("$1" + REMOVED);
    }

    private static Object scrubbed(Object value) {
        if (value instanceof String text) {
            return scrub(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, scrubbed(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(LogLine::scrubbed).toList();
        }
        return value;
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
