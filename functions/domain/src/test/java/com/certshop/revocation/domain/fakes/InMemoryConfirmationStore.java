package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.confirmation.TokenDigest;
import com.certshop.revocation.domain.port.ConfirmationStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Confirmations in memory; single use enforced as the DynamoDB store does, atomically. */
public final class InMemoryConfirmationStore implements ConfirmationStore {
    private final Map<TokenDigest, PendingConfirmation> byDigest = new HashMap<>();

    @Override
    public synchronized void save(PendingConfirmation confirmation) {
        byDigest.put(confirmation.digest(), confirmation);
    }

    @Override
    public synchronized Optional<PendingConfirmation> find(TokenDigest digest) {
        return Optional.ofNullable(byDigest.get(digest));
    }

    @Override
    public synchronized boolean markUsed(TokenDigest digest, Instant at, PendingConfirmation.Answer answer) {
        PendingConfirmation c = byDigest.get(digest);
        if (c == null || c.isUsed()) {
            return false;
        }
        byDigest.put(digest, new PendingConfirmation(c.digest(), c.accountId(), c.certificateId(), c.attempt(),
                c.expiresAt(), at, answer));
        return true;
    }

    public synchronized List<PendingConfirmation> all() {
        return List.copyOf(byDigest.values());
    }
}
