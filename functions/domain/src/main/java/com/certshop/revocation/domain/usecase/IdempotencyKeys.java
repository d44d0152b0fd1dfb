package com.certshop.revocation.domain.usecase;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.util.regex.Pattern;

/** The Idempotency-Key header's one rule, for single and bulk revocations alike. */
final class IdempotencyKeys {
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKeys() {
    }

    /** The key as given, or null when none was; INVALID_IDEMPOTENCY_KEY unless 1 to 255 visible ASCII characters. */
    static String valid(String key) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw new DomainException(ErrorCode.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        return key;
    }
}
