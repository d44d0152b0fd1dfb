package com.certshop.revocation.domain.ca;

import java.time.Duration;
import java.util.Optional;

/**
 * The CA could not be reached or answered with a temporary error. The workflow retries the step
 * with backoff: Lambda reports a Java exception's fully qualified class name as the error type,
 * which the state machine's Retry rules match, so keep this class's name and package stable.
 * When the CA said how long to wait (HTTP Retry-After), the workflow waits that long instead.
 */
public final class CaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Serializable (unlike Optional); null when the CA gave no Retry-After. */
    private final Duration retryAfter;

    public CaUnavailableException(String message) {
        this(message, null, null);
    }

    public CaUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the CA asked us to wait before trying again, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
