package com.certshop.revocation.domain.model;

/** What a customer may ask of one of their certificates; each view says which are allowed now. */
public enum Action {
    REVOKE, CANCEL, DOWNLOAD, DELETE
}
