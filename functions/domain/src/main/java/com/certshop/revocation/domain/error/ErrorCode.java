package com.certshop.revocation.domain.error;

/**
 * Every way a request can be refused, each with a stable code that clients may switch on. The
 * {@link Kind} tells an adapter which family of response to give (the HTTP layer maps it to a
 * status code); the code itself never changes once published.
 */
public enum ErrorCode {
    REASON_REQUIRED(Kind.INVALID_INPUT),
    INVALID_REASON(Kind.INVALID_INPUT),
    INVALID_STATUS_FILTER(Kind.INVALID_INPUT),
    INVALID_TYPE_FILTER(Kind.INVALID_INPUT),
    INVALID_SEARCH(Kind.INVALID_INPUT),
    INVALID_LIMIT(Kind.INVALID_INPUT),
    INVALID_PAGE_TOKEN(Kind.INVALID_INPUT),
    INVALID_IDEMPOTENCY_KEY(Kind.INVALID_INPUT),
    INVALID_JSON(Kind.INVALID_INPUT),
    INVALID_ANSWER(Kind.INVALID_INPUT),
    /** A bulk revocation's body selects no certificates in a way this API reads. */
    INVALID_SELECTION(Kind.INVALID_INPUT),
    TOO_MANY_CERTIFICATES(Kind.INVALID_INPUT),
    /** A bulk revocation needs an Idempotency-Key: its id is derived from it. */
    IDEMPOTENCY_KEY_REQUIRED(Kind.INVALID_INPUT),
    INVALID_DRY_RUN(Kind.INVALID_INPUT),
    /** A body that does not decode: a broken percent escape, base64 or UTF-8, a form field given twice. */
    MALFORMED_BODY(Kind.INVALID_INPUT),
    INVALID_SERIAL_NUMBER(Kind.INVALID_INPUT),

    /** A body in a format the route does not read (JSON routes take application/json only). */
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_FORMAT),
    /** A body over the size any request of this API needs; refused before it is parsed. */
    PAYLOAD_TOO_LARGE(Kind.TOO_LARGE),

    CERTIFICATE_NOT_FOUND(Kind.NOT_FOUND),
    CONFIRMATION_NOT_FOUND(Kind.NOT_FOUND),
    BATCH_NOT_FOUND(Kind.NOT_FOUND),

    UPLOADED_NOT_REVOCABLE(Kind.CONFLICT),
    CERTIFICATE_EXPIRED(Kind.CONFLICT),
    ALREADY_REVOKED(Kind.CONFLICT),
    REVOCATION_IN_PROGRESS(Kind.CONFLICT),
    NO_REVOCATION_TO_CANCEL(Kind.CONFLICT),
    ALREADY_WITH_CA(Kind.CONFLICT),
    REVOKE_FIRST(Kind.CONFLICT),
    CERTIFICATE_LOCKED(Kind.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(Kind.CONFLICT),
    CONCURRENT_UPDATE(Kind.CONFLICT),
    CONFIRMATION_ALREADY_USED(Kind.CONFLICT),
    STEP_OUT_OF_ORDER(Kind.CONFLICT),

    CONFIRMATION_EXPIRED(Kind.GONE),
    CONFIRMATION_WITHDRAWN(Kind.GONE);

    /** The family of refusal; adapters translate it (400, 404, 409, 410, 415, 413 over HTTP). */
    public enum Kind { INVALID_INPUT, NOT_FOUND, CONFLICT, GONE, UNSUPPORTED_FORMAT, TOO_LARGE }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
