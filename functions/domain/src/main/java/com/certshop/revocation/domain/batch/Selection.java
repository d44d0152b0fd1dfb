package com.certshop.revocation.domain.batch;

import com.certshop.revocation.domain.model.Certificate;
import java.util.List;
import java.util.Locale;

/**
 * Which certificates a bulk revocation is about: ids the customer lists, or every ISSUED
 * certificate of the account that shares a public key (the key-compromise case) or covers a domain.
 */
public sealed interface Selection {
    /** At most this many certificates per request; a larger selection is taken in several requests. */
    int MAX_ITEMS = 1000;

    /** What the batch's record says it selected, and what makes two requests the same request. */
    String describe();

    /** True when this selection takes the certificate. */
    boolean matches(Certificate c);

    /** The ids as given, duplicates dropped, order kept. Each is checked when its item is applied. */
    record Listed(List<String> ids) implements Selection {
        public Listed {
            ids = List.copyOf(ids);
        }

        @Override
        public String describe() {
            return "ids:" + String.join(",", ids);
        }

        @Override
        public boolean matches(Certificate c) {
            return ids.contains(c.id().value());
        }
    }

    /** Every ISSUED certificate whose SubjectPublicKeyInfo has this SHA-256 (lower-case hex). */
    record SharingKey(String spkiSha256) implements Selection {
        @Override
        public String describe() {
            return "publicKeySha256:" + spkiSha256;
        }

        @Override
        public boolean matches(Certificate c) {
            return c.x509().spkiSha256().equals(spkiSha256);
        }
    }

    /** Every ISSUED certificate with a name that is the domain, one of its subdomains, or a wildcard covering it. */
    record CoveringDomain(String domain) implements Selection {
        @Override
        public String describe() {
            return "domain:" + domain;
        }

        @Override
        public boolean matches(Certificate c) {
            return c.x509().subjectAlternativeNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).anyMatch(this::covers);
        }

        boolean covers(String name) {
            if (name.equals(domain) || name.endsWith("." + domain)) {
                return true;
            }
            // *.example.com covers www.example.com: exactly one label more than the wildcard's base.
            return name.startsWith("*.") && domain.endsWith(name.substring(1))
                    && domain.indexOf('.') == domain.length() - name.length() + 1;
        }
    }
}
