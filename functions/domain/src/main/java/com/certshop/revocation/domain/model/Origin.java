package com.certshop.revocation.domain.model;

/** Where a certificate came from: bought and issued here, or a third-party certificate the customer stored here. */
public enum Origin {
    ISSUED,
    UPLOADED
}
