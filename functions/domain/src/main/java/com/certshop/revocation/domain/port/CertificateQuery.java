package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.text.InputText;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Filters, search and paging for a certificate listing.
 *
 * @param search    lower-case text that the common name or a SAN must contain (README, "Finding a certificate")
 * @param pageToken the opaque token from the previous page, or null for the first page
 */
public record CertificateQuery(Optional<CertificateStatus> status, Optional<ValidationType> type,
        Optional<String> search, int limit, String pageToken) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final List<String> STATUSES = Arrays.stream(CertificateStatus.values())
            .filter(CertificateStatus::visibleToCustomer).map(Enum::name).toList();
    private static final List<String> TYPES = Arrays.stream(ValidationType.values()).map(Enum::name).toList();
    /** ASCII only: upper-casing other letters can land on ASCII ones ("ı" becomes "I"). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]{1,32}");
    /** ASCII digits only: Integer.parseInt also takes a sign and other scripts' digits. */
    /**
     * What a DNS name (RFC 1035, with a wildcard's {@code *} and the {@code _} of service names) can
     * hold, up to its 253 characters: anything else could never match a stored name.
     */
    private static final Pattern SEARCH = Pattern.compile("[a-z0-9.*_-]{1,253}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    public CertificateQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new DomainException(ErrorCode.INVALID_LIMIT, "limit must be between 1 and " + MAX_LIMIT + ".");
        }
    }

    public static CertificateQuery firstPage(int limit) {
        return new CertificateQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit, null);
    }

    /** Builds a query from the raw query-string values; each may be null or blank for "not given". */
    public static CertificateQuery parse(String status, String type, String search, String limit, String nextToken) {
        return new CertificateQuery(parseStatus(status), parseType(type), parseSearch(search), parseLimit(limit),
                InputText.isAbsent(nextToken) ? null : nextToken);
    }

    /**
     * The names a search looks in, as one lower-case text: the common name and every SAN, wildcard
     * names as written ({@code *.example.com}), separated by a space, which no search text can hold,
     * so a match never spans two names. Stores keep it beside the certificate and match by contains.
     */
    public static String searchableNames(Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        names.add(certificate.commonName().toLowerCase(Locale.ROOT));
        certificate.subjectAlternativeNames().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return String.join(" ", names);
    }

    /** Whether a certificate is in this listing (status, type and search), for stores that filter in memory. */
    public boolean matches(Certificate certificate) {
        return status.map(s -> s == certificate.status()).orElse(true)
                && type.map(t -> t == certificate.type()).orElse(true)
                && search.map(q -> searchableNames(certificate).contains(q)).orElse(true);
    }

    /** Names are case-insensitive (RFC 4343): the search is lower-cased as the stored names are. */
    private static Optional<String> parseSearch(String value) {
        if (InputText.isAbsent(value)) {
            return Optional.empty();
        }
        String given = InputText.stripSpaces(value);
        // ASCII letters only are folded: "İ".toLowerCase is not a DNS character, and must not become one.
        String wanted = given.chars().allMatch(c -> c < 0x80) ? given.toLowerCase(Locale.ROOT) : given;
        if (!SEARCH.matcher(wanted).matches()) {
            throw new DomainException(ErrorCode.INVALID_SEARCH, "q must be part of a DNS name: up to 253 letters,"
                    + " digits, '.', '-', '_' or '*', not '" + InputText.echo(given) + "'.");
        }
        return Optional.of(wanted);
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
