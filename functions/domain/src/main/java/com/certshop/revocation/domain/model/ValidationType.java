package com.certshop.revocation.domain.model;

/** How the CA validated the subject when issuing. OV and EV revocations need the applicant's e-mail confirmation. */
public enum ValidationType {
    DV(false),
    OV(true),
    EV(true);

    private final boolean revocationNeedsConfirmation;

    ValidationType(boolean revocationNeedsConfirmation) {
        this.revocationNeedsConfirmation = revocationNeedsConfirmation;
    }

    public boolean revocationNeedsConfirmation() {
        return revocationNeedsConfirmation;
    }
}
