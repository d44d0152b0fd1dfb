package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.text.InputText;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Filters and paging for a certificate listing.
 *
 * @param pageToken the opaque token from the previous page, or null for the first page
 */
public record CertificateQuery(
        Optional<CertificateStatus> status, Optional<ValidationType> type, int limit, String pageToken) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final List<String> STATUSES = Arrays.stream(CertificateStatus.values())
            .filter(CertificateStatus::visibleToCustomer).map(Enum::name).toList();
    private static final List<String> TYPES = Arrays.stream(ValidationType.values()).map(Enum::name).toList();
    /** ASCII only: upper-casing other letters can land on ASCII ones ("ı" becomes "I"). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]{1,32}");
    /** ASCII digits only: Integer.parseInt also takes a sign and other scripts' digits. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    public CertificateQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + MAX_LIMIT + ".");
        }
    }

    public static CertificateQuery firstPage(int limit) {
        return new CertificateQuery(Optional.empty(), Optional.empty(), limit, null);
    }

    /** Builds a query from the raw query-string values; each may be null or blank for "not given". */
    public static CertificateQuery parse(String status, String type, String limit, String nextToken) {
        return new CertificateQuery(parseStatus(status), parseType(type), parseLimit(limit),
                InputText.isAbsent(nextToken) ? null : nextToken);
    }

    private static Optional<CertificateStatus> parseStatus(String value) {
        if (InputText.isAbsent(value)) {
            return Optional.empty();
        }
        String given = InputText.stripSpaces(value);
        String wanted = given.toUpperCase(Locale.ROOT);
        if (!NAME.matcher(given).matches() || !STATUSES.contains(wanted)) {
            throw new DomainException(ErrorCode.INVALID_STATUS_FILTER,
                    "Unknown status '" + InputText.echo(given) + "'. Allowed: " + String.join(", ", STATUSES) + ".", STATUSES);
        }
        return Optional.of(CertificateStatus.valueOf(wanted));
    }

    private static Optional<ValidationType> parseType(String value) {
        if (InputText.isAbsent(value)) {
            return Optional.empty();
        }
        String given = InputText.stripSpaces(value);
        String wanted = given.toUpperCase(Locale.ROOT);
        if (!NAME.matcher(given).matches() || !TYPES.contains(wanted)) {
            throw new DomainException(ErrorCode.INVALID_TYPE_FILTER,
                    "Unknown type '" + InputText.echo(given) + "'. Allowed: " + String.join(", ", TYPES) + ".", TYPES);
        }
        return Optional.of(ValidationType.valueOf(wanted));
    }

    private static int parseLimit(String value) {
        if (InputText.isAbsent(value)) {
            return DEFAULT_LIMIT;
        }
        String given = InputText.stripSpaces(value);
        if (!DIGITS.matcher(given).matches()) {
            throw new DomainException(ErrorCode.INVALID_LIMIT, "limit must be a whole number between 1 and "
                    + MAX_LIMIT + ".");
        }
        return Integer.parseInt(given);
    }
}
