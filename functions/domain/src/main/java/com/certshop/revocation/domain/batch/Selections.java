package com.certshop.revocation.domain.batch;

import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.text.InputText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a bulk revocation's selection from a request body's values. */
public final class Selections {
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private Selections() {
    }

    /**
     * The selection from a request body's {@code certificateIds} (a JSON array of strings) or its
     * {@code selector} (an object with exactly one of {@code publicKeySha256}, {@code domain}).
     * Exactly one of the two must be given.
     */
    public static Selection parse(Object certificateIds, Object selector) {
        if ((certificateIds == null) == (selector == null)) {
            throw invalid("Give either certificateIds (a list of certificate ids) or selector"
                    + " ({\"publicKeySha256\": \"…\"} or {\"domain\": \"…\"}), not both and not neither.");
        }
        return certificateIds != null ? listed(certificateIds) : selector(selector);
    }

    private static Selection listed(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw invalid("certificateIds must be a non-empty list of certificate ids.");
        }
        if (list.size() > Selection.MAX_ITEMS) {
            throw new DomainException(ErrorCode.TOO_MANY_CERTIFICATES, "At most " + Selection.MAX_ITEMS
                    + " certificates per request; this one lists " + list.size() + ". Send the rest in another request.");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String id)) {
                throw invalid("certificateIds[" + i + "] is not a string.");
            }
            // An id that cannot be one is refused as its item (CERTIFICATE_NOT_FOUND), shown bounded.
            ids.add(InputText.echo(id));
        }
        return new Selection.Listed(new ArrayList<>(ids));
    }

    private static Selection selector(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            throw invalid("selector must be an object with exactly one of publicKeySha256, domain.");
        }
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        String given = only.getValue() instanceof String s ? InputText.stripSpaces(s) : null;
        if ("publicKeySha256".equals(only.getKey())) {
            if (given == null || !HEX_SHA256.matcher(given).matches()) {
                throw invalid("selector.publicKeySha256 must be the SHA-256 of the public key (64 hex digits),"
                        + " as shown in a certificate's publicKey.spkiSha256.");
            }
            return new Selection.SharingKey(given.toLowerCase(Locale.ROOT));
        }
        if ("domain".equals(only.getKey())) {
            String domain = given == null ? null : given.toLowerCase(Locale.ROOT);
            if (domain == null || !DNS_NAME.matcher(domain).matches()) {
                throw invalid("selector.domain must be a DNS name such as example.com.");
            }
            return new Selection.CoveringDomain(domain);
        }
        throw invalid("selector must be an object with exactly one of publicKeySha256, domain; not '"
                + InputText.echo(String.valueOf(only.getKey())) + "'.");
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_SELECTION, message);
    }
}
