package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.confirmation.TokenDigest;
import java.time.Instant;
import java.util.Optional;

/** Confirmation links, by token digest. Single use is enforced here, atomically. */
public interface ConfirmationStore {

    /** Stores a new confirmation; it may be purged some time after it expires. */
    void save(PendingConfirmation confirmation);

    Optional<PendingConfirmation> find(TokenDigest digest);

    /**
     * Marks the confirmation used for this answer, if it exists and nobody used it yet.
     *
     * @return false when it was already used (or is gone): the caller lost the race
     */
    boolean markUsed(TokenDigest digest, Instant at, PendingConfirmation.Answer answer);
}
