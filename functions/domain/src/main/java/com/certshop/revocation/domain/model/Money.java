package com.certshop.revocation.domain.model;

import java.util.Currency;
import java.util.Objects;

/** An amount in the currency's minor units (cents), so no rounding ever happens in a refund. */
public record Money(long minorUnits, Currency currency) {
    public Money {
        Objects.requireNonNull(currency, "currency");
        if (minorUnits < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + minorUnits);
        }
    }

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }

    public boolean isZero() {
        return minorUnits == 0;
    }
}
