package com.certshop.revocation.domain.ca;

/**
 * The CA could not be reached or answered with a temporary error. The workflow retries the step
 * with backoff (the state machine matches this class's simple name in its Retry rules), so the
 * message should say what failed, not what to do.
 */
public final class CaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaUnavailableException(String message) {
        super(message);
    }
}
