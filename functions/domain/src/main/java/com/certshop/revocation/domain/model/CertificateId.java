package com.certshop.revocation.domain.model;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.util.regex.Pattern;

/** A certificate's identifier. Opaque to customers; restricted to characters safe in keys and URLs. */
public record CertificateId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public CertificateId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            // A malformed id names no certificate: answer exactly as for a missing one.
            throw new DomainException(ErrorCode.CERTIFICATE_NOT_FOUND, "No such certificate.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
