package com.certshop.revocation.bench;

import com.certshop.revocation.local.EmulatedStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Submits the scale run's bulk revocation and watches its batches through the API. The API takes
 * at most 1,000 certificates per selector request and says {@code moreMatching}; the same selector
 * again with a new key takes the next ones, but only once the earlier batch's items are applied:
 * until then they are still ISSUED and would be selected again. So each request waits for its
 * batch to leave QUEUED before the next is sent.
 *
 * <p>Watching costs DynamoDB requests (a report reads every item's certificate); this counts the
 * submit function's requests around each report, which are the bench's own, so they can be taken
 * out of the service's figures. Nothing else calls that function while the bench watches.
 */
final class BatchProgress {
    /** Each report of 1,000 items is 1,000 reads on the emulator the run shares: not too often. */
    private static final Duration BETWEEN_REPORTS = Duration.ofSeconds(10);

    private final BulkRevocationClient client;
    private final EmulatedStack stack;
    private final String submitFunction;
    private final Instant deadline;
    private final List<String> batchIds = new ArrayList<>();
    private long observerRequests;

    BatchProgress(BulkRevocationClient client, EmulatedStack stack, String submitFunction, Duration timeout) {
        this.client = client;
        this.stack = stack;
        this.submitFunction = submitFunction;
        this.deadline = Instant.now().plus(timeout);
    }

    /** One bulk revocation of every ISSUED certificate under the domain: selector requests while more match. */
    void submitAll(String domain) {
        String run = Long.toString(System.currentTimeMillis(), 36);
        boolean more = true;
        while (more) {
            BulkRevocationClient.Submitted submitted = client.revokeDomain(domain, "scale-" + run + "-" + batchIds.size());
            batchIds.add(submitted.batchId());
            System.out.println("scale run: batch " + submitted.batchId() + " takes " + submitted.requested()
                    + (submitted.moreMatching() ? ", more match" : ""));
            more = submitted.moreMatching();
            if (more) {
                awaitNone("QUEUED", submitted.batchId());
            }
        }
    }

    /** Waits until the batches' REVOKED items number {@code expected}; false (with the counts printed) at the deadline. */
    boolean awaitAllRevoked(int expected) {
        while (true) {
            Map<String, Long> totals = totals();
            if (totals.getOrDefault("REVOKED", 0L) == expected) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                System.out.println("scale run: NOT all revoked by the deadline; items by outcome: " + totals);
                return false;
            }
            pause();
        }
    }

    long observerDynamoDbRequests() {
        return observerRequests;
    }

    private void awaitNone(String outcome, String batchId) {
        while (count(report(batchId), outcome) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("batch " + batchId + " still has " + outcome + " items at the deadline");
            }
            pause();
        }
    }

    /** Items by outcome over every batch. */
    private Map<String, Long> totals() {
        Map<String, Long> sum = new TreeMap<>();
        for (String batchId : batchIds) {
            report(batchId).forEach((outcome, count) -> sum.merge(outcome, ((Number) count).longValue(), Long::sum));
        }
        sum.values().removeIf(count -> count == 0);
        System.out.println("scale run: " + sum);
        return sum;
    }

    private Map<String, Object> report(String batchId) {
        long before = RequestCounts.of(stack.awsCalls()).dynamoDbOf(submitFunction);
        Map<String, Object> totals = client.totals(batchId);
        observerRequests += RequestCounts.of(stack.awsCalls()).dynamoDbOf(submitFunction) - before;
        return totals;
    }

    private static long count(Map<String, Object> totals, String outcome) {
        Object count = totals.get(outcome);
        return count == null ? 0 : ((Number) count).longValue();
    }

    private static void pause() {
        try {
            Thread.sleep(BETWEEN_REPORTS.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
