package com.certshop.revocation.domain.fakes;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.batch.BatchId;
import com.certshop.revocation.domain.batch.ItemResult;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.port.BatchStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Batches in memory, keyed within their account as the real store keys them. */
public final class InMemoryBatchStore implements BatchStore {
    private final Map<String, Batch> batches = new HashMap<>();
    private final Map<String, TreeMap<Integer, List<ItemResult>>> results = new HashMap<>();

    @Override
    public synchronized boolean create(Batch batch) {
        return batches.putIfAbsent(key(batch.accountId(), batch.id()), batch) == null;
    }

    @Override
    public synchronized Optional<Batch> find(AccountId account, BatchId id) {
        return Optional.ofNullable(batches.get(key(account, id)));
    }

    @Override
    public synchronized boolean nextRun(Batch batch) {
        return batches.replace(key(batch.accountId(), batch.id()), batch, batch.nextRun());
    }

    @Override
    public synchronized void saveResults(AccountId account, BatchId id, int chunk, List<ItemResult> chunkResults) {
        results.computeIfAbsent(key(account, id), k -> new TreeMap<>()).put(chunk, List.copyOf(chunkResults));
    }

    @Override
    public synchronized List<ItemResult> results(AccountId account, BatchId id) {
        List<ItemResult> all = new ArrayList<>();
        results.getOrDefault(key(account, id), new TreeMap<>()).values().forEach(all::addAll);
        return all;
    }

    private static String key(AccountId account, BatchId id) {
        return account.value() + "#" + id.value();
    }
}
