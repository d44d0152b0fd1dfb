package com.certshop.revocation.domain.model;

import java.util.regex.Pattern;

/**
 * The customer account that owns certificates: the authenticated caller's subject. Restricted to
 * characters that identity providers use in subjects and that cannot break a composite key.
 */
public record AccountId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._@:|+-]{1,128}");

    public AccountId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid account id: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
