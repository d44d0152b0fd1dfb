package com.certshop.revocation.domain.ca;

/**
 * The CA could not be reached or answered with a temporary error. The workflow retries the step
 * with backoff: Lambda reports a Java exception's fully qualified class name as the error type,
 * which the state machine's Retry rules match, so keep this class's name and package stable.
 */
public final class CaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaUnavailableException(String message) {
        super(message);
    }
}
