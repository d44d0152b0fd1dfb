package com.certshop.revocation.domain.model;

import java.util.Objects;

/** Who caused a transition, as recorded in the audit trail. */
public record Actor(Kind kind, String id) {
    public enum Kind {
        /** The account holder, identified by the authenticated subject. */
        CUSTOMER,
        /** The person the confirmation e-mail went to, identified by that address. */
        APPLICANT,
        /** The revocation workflow or the scheduled refund check. */
        SYSTEM,
        /** The certificate authority reporting an outcome. */
        CA
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "revocation-service");
    public static final Actor CERTIFICATE_AUTHORITY = new Actor(Kind.CA, "certificate-authority");

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("actor id must not be blank");
        }
    }

    public static Actor customer(AccountId account, String subject) {
        return new Actor(Kind.CUSTOMER, subject == null || subject.isBlank() ? account.value() : subject);
    }

    public static Actor applicant(String email) {
        return new Actor(Kind.APPLICANT, email);
    }
}
