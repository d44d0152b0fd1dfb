package com.certshop.revocation.domain.model;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import com.certshop.revocation.domain.text.InputText;

/**
 * The RFC 5280 CRLReason codes a subscriber may choose (the CA/Browser Forum baseline requirements
 * reserve the others: cACompromise(2), certificateHold(6), removeFromCRL(8), privilegeWithdrawn(9)
 * and aACompromise(10) are the CA's to use, and 7 is unassigned).
 */
public enum RevocationReason {
    UNSPECIFIED("unspecified", 0, "Unspecified"),
    KEY_COMPROMISE("keyCompromise", 1, "Key compromise: the private key leaked or may have"),
    AFFILIATION_CHANGED("affiliationChanged", 3, "Affiliation changed: the name or organisation changed"),
    SUPERSEDED("superseded", 4, "Superseded: replaced by a new certificate"),
    CESSATION_OF_OPERATION("cessationOfOperation", 5, "Cessation of operation: the site is no longer run");

    private static final List<String> ALLOWED = Arrays.stream(values())
            .map(r -> r.rfcName + " (" + r.code + ")")
            .toList();

    private final String rfcName;
    private final int code;
    private final String label;

    RevocationReason(String rfcName, int code, String label) {
        this.rfcName = rfcName;
        this.code = code;
        this.label = label;
    }

    /** What the reason means, in words a customer choosing it understands. */
    public String label() {
        return label;
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
     * Accepts the RFC name (any ASCII letter case) or the numeric code as text, with surrounding
     * ASCII spaces at most. Anything else, including reasons RFC 5280 defines but a subscriber may
     * not choose and values with control characters (a tab, a NUL), is refused with the allowed
     * list; the reason is recorded and sent to the CA, so only an exact choice counts.
     */
    public static RevocationReason parse(String value) {
        if (InputText.isAbsent(value)) {
            throw new DomainException(ErrorCode.REASON_REQUIRED,
                    "A revocation reason is required. Allowed: " + String.join(", ", ALLOWED) + ".", ALLOWED);
        }
        String given = InputText.stripSpaces(value);
        for (RevocationReason reason : values()) {
            // equalsIgnoreCase over the ASCII names only: no other character folds onto an ASCII letter.
            if (isAscii(given) && reason.rfcName.equalsIgnoreCase(given) || Integer.toString(reason.code).equals(given)) {
                return reason;
            }
        }
        throw new DomainException(ErrorCode.INVALID_REASON,
                "'" + InputText.echo(given) + "' is not a revocation reason a subscriber may choose. Allowed: "
                        + String.join(", ", ALLOWED) + ".", ALLOWED);
    }

    private static boolean isAscii(String value) {
        return value.chars().allMatch(c -> c < 0x80);
    }
}
