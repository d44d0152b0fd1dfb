package com.certshop.revocation.domain.port;

/**
 * A stored certificate that cannot be turned back into a {@code Certificate}: an attribute is
 * missing or holds a value the model no longer knows. Nothing a caller sends can cure it, so it is
 * reported with the item's key (for an operator to repair) and never guessed around.
 */
public final class UnreadableCertificateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String itemKey;

    /**
     * @param itemKey the stored item's key as the store names it
     * @param cause   what the mapping tripped over
     */
    public UnreadableCertificateException(String itemKey, RuntimeException cause) {
        super("stored certificate " + itemKey + " cannot be read: " + cause.getMessage(), cause);
        this.itemKey = itemKey;
    }

    public String itemKey() {
        return itemKey;
    }
}
