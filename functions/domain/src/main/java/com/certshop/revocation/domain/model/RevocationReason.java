package com.certshop.revocation.domain.model;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The RFC 5280 CRLReason codes a subscriber may choose (the CA/Browser Forum baseline requirements
 * reserve the others: cACompromise(2), certificateHold(6), removeFromCRL(8), privilegeWithdrawn(9)
 * and aACompromise(10) are the CA's to use, and 7 is unassigned).
 */
public enum RevocationReason {
    UNSPECIFIED("unspecified", 0),
    KEY_COMPROMISE("keyCompromise", 1),
    AFFILIATION_CHANGED("affiliationChanged", 3),
    SUPERSEDED("superseded", 4),
    CESSATION_OF_OPERATION("cessationOfOperation", 5);

    private static final List<String> ALLOWED = Arrays.stream(values())
            .map(r -> r.rfcName + " (" + r.code + ")")
            .toList();

    private final String rfcName;
    private final int code;

    RevocationReason(String rfcName, int code) {
        this.rfcName = rfcName;
        this.code = code;
    }

    /** The RFC 5280 name, e.g. {@code keyCompromise}. */
    public String rfcName() {
        return rfcName;
    }

    /** The RFC 5280 CRLReason code, e.g. 1 for keyCompromise. */
    public int code() {
        return code;
    }

    /** The values a caller may send, as shown in the error that refuses any other. */
    public static List<String> allowedValues() {
        return ALLOWED;
    }

    /**
     * Accepts the RFC name (any letter case) or the numeric code as text. Anything else, including
     * reasons RFC 5280 defines but a subscriber may not choose, is refused with the allowed list.
     */
    public static RevocationReason parse(String value) {
        if (value == null || value.isBlank()) {
            throw new DomainException(ErrorCode.REASON_REQUIRED,
                    "A revocation reason is required. Allowed: " + String.join(", ", ALLOWED) + ".", ALLOWED);
        }
        String given = value.trim();
        for (RevocationReason reason : values()) {
            if (reason.rfcName.toLowerCase(Locale.ROOT).equals(given.toLowerCase(Locale.ROOT))
                    || Integer.toString(reason.code).equals(given)) {
                return reason;
            }
        }
        throw new DomainException(ErrorCode.INVALID_REASON,
                "'" + given + "' is not a revocation reason a subscriber may choose. Allowed: "
                        + String.join(", ", ALLOWED) + ".", ALLOWED);
    }
}
