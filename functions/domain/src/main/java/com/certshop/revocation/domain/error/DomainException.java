package com.certshop.revocation.domain.error;

import java.util.List;
import java.util.Objects;

/**
 * A request the rules refuse. Carries a stable {@link ErrorCode}, a message meant for the person
 * who made the request, and, where the refusal is about a choice among fixed values, those values.
 */
public final class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<String> allowedValues;

    public DomainException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public DomainException(ErrorCode code, String message, List<String> allowedValues) {
        super(message);
        this.code = Objects.requireNonNull(code);
        this.allowedValues = List.copyOf(allowedValues);
    }

    public ErrorCode code() {
        return code;
    }

    /** The values the caller may choose from; empty unless the refusal is about such a choice. */
    public List<String> allowedValues() {
        return allowedValues;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
