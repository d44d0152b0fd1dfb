package com.certshop.revocation.domain.batch;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.RevocationReason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A bulk revocation as applied for: one reason for every certificate it selected. Its items are
 * applied in chunks, each exactly as a single revocation with the batch id as its Idempotency-Key.
 *
 * @param selection    what the request selected, as {@link Selection#describe()} puts it: with the
 *                     reason, what tells a replay of this request from another request with the same key
 * @param ids          the certificate ids the selection resolved to when the batch was made
 * @param moreMatching true when a selector matched more than {@link Selection#MAX_ITEMS} certificates:
 *                     the rest are left for another request
 * @param run          which run applies it, from 1: a run that stopped before the end is followed by
 *                     the next when the request is sent again (applying an item twice is harmless)
 */
public record Batch(BatchId id, AccountId accountId, RevocationReason reason, Actor requestedBy, Instant requestedAt,
        String selection, List<String> ids, boolean moreMatching, int run) {
    /** Items per chunk: each chunk is one workflow task, well inside a function's time limit. */
    public static final int CHUNK_SIZE = 50;

    public Batch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(selection, "selection");
        ids = List.copyOf(ids);
        if (run < 1) {
            throw new IllegalArgumentException("a batch's runs count from 1, not " + run);
        }
    }

    /** The same batch, applied by its next run. */
    public Batch nextRun() {
        return new Batch(id, accountId, reason, requestedBy, requestedAt, selection, ids, moreMatching, run + 1);
    }

    public int chunks() {
        return (ids.size() + CHUNK_SIZE - 1) / CHUNK_SIZE;
    }

    /** The ids of chunk {@code index} (from 0). */
    public List<String> chunk(int index) {
        if (index < 0 || index >= chunks()) {
            throw new IllegalArgumentException("batch " + id + " has no chunk " + index);
        }
        return ids.subList(index * CHUNK_SIZE, Math.min(ids.size(), (index + 1) * CHUNK_SIZE));
    }

    /** True when a request with this reason and selection is the one that made this batch. */
    public boolean isSameRequest(RevocationReason otherReason, String otherSelection) {
        return reason == otherReason && selection.equals(otherSelection);
    }
}
