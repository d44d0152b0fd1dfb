package com.certshop.revocation.domain.confirmation;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.util.regex.Pattern;

/**
 * The secret in a confirmation link: 256 random bits as unpadded base64url (43 characters), safe
 * in a URL without escaping. It is a credential, so it is never stored (only its
 * {@link TokenDigest}) and never printed.
 */
public record ConfirmationToken(String value) {
    static final int BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    public ConfirmationToken {
        if (value == null || !FORMAT.matcher(value).matches()) {
            // Malformed and unknown tokens get the same answer, so the error is no oracle.
            throw new DomainException(ErrorCode.CONFIRMATION_NOT_FOUND,
                    "This confirmation link is not valid. Use the link from the most recent e-mail.");
        }
    }

    public TokenDigest digest() {
        return TokenDigest.of(this);
    }

    @Override
    public String toString() {
        return "ConfirmationToken[redacted]";
    }
}
