package com.certshop.revocation.domain.port;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.batch.BatchId;
import com.certshop.revocation.domain.batch.ItemResult;
import com.certshop.revocation.domain.model.AccountId;
import java.util.List;
import java.util.Optional;

/** Bulk revocations and how their items were applied, always addressed within the owning account. */
public interface BatchStore {

    /** Stores a new batch; false, writing nothing, when a batch with its id already exists. */
    boolean create(Batch batch);

    Optional<Batch> find(AccountId account, BatchId id);

    /**
     * Records that the batch's next run applies it, if {@code batch} is still its current run; false,
     * writing nothing, when another caller moved it on first.
     */
    boolean nextRun(Batch batch);

    /** Records how the items of one chunk were applied, replacing any earlier record of that chunk. */
    void saveResults(AccountId account, BatchId id, int chunk, List<ItemResult> results);

    /** Every item result recorded so far, in the batch's order. */
    List<ItemResult> results(AccountId account, BatchId id);
}
