package com.certshop.revocation.domain.model;

/** Why a claim was settled without a refund. */
public enum RefundDenial {
    /** The revocation was applied for after the refund window had closed. */
    APPLIED_AFTER_WINDOW,
    /** The CA completed the revocation at or after the end of the window. */
    COMPLETED_AFTER_WINDOW,
    /**
     * The window closed while the revocation was still unconfirmed or with the CA: how claims were
     * settled before the CA's own revocation time decided them. No longer given; kept because
     * stored claims carry it.
     */
    NOT_COMPLETED_WITHIN_WINDOW
}
