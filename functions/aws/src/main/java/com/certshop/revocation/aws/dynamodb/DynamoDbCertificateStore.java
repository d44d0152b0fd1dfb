package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.aws.dynamodb.CertificateTable.CA_CHECK_INDEX;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.CA_CHECK_PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.CA_CHECK_SK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.CA_SERIAL_INDEX;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.CA_SERIAL_PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.IN_PROGRESS_INDEX;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.IN_PROGRESS_PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.IN_PROGRESS_SK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.LIST_INDEX;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.LIST_PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.REFUNDS_DUE_INDEX;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.REFUNDS_DUE_PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.REFUNDS_DUE_SK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.SK;

import com.certshop.revocation.aws.telemetry.Telemetry;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.port.CertificateStore;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Certificates and audit events in {@link CertificateTable}. Every read is a GetItem or a Query;
 * every change writes the certificate and its event in one transaction, conditional on the
 * certificate's status and version, so a lost race writes nothing and reports false.
 */
public final class DynamoDbCertificateStore implements CertificateStore {
    /** Items per Query page of the sweeps' indexes: a page is at most 1 MB however many it holds. */
    private static final int QUERY_PAGE = 500;
    /** BatchGetItem's limit per request. */
    private static final int BATCH_GET_KEYS = 100;
    private static final int BATCH_GET_ROUNDS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbCertificateStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(Certificate certificate, AuditEvent added) {
        Put put = Put.builder().tableName(table).item(CertificateItems.toItem(certificate))
                .conditionExpression("attribute_not_exists(" + PK + ")").build();
        // No token of its own (the SDK draws one per call, which its retries reuse): adding the same
        // certificate again is a mistake to report, not a transition to repeat.
        if (!write(transaction(put, added, certificate.accountId()), null)) {
            throw new IllegalStateException("certificate " + certificate.id() + " already exists");
        }
    }

    @Override
    public Optional<Certificate> find(AccountId account, CertificateId id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(CertificateItems.key(account, id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CertificateItems.fromItem(item));
    }

    @Override
    public Map<CertificateId, Certificate> findAll(AccountId account, Collection<CertificateId> ids) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(ids).stream()
                .map(id -> CertificateItems.key(account, id)).toList();
        Map<CertificateId, Certificate> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
            KeysAndAttributes wanted = KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS))).build();
            for (int round = 1; wanted != null; round++) {
                Map<String, KeysAndAttributes> request = Map.of(table, wanted);
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                response.responses().getOrDefault(table, List.of()).stream().map(CertificateItems::fromItem)
                        .forEach(c -> found.put(c.id(), c));
                wanted = leftUnprocessed(response, round);
            }
        }
        return found;
    }

    /**
     * The keys DynamoDB left unprocessed (it does under throttling or past 16 MB), to ask for again
     * after a pause that doubles each round; after a few rounds the read fails as a throttled call
     * would, which callers answer 503 or retry.
     */
    private KeysAndAttributes leftUnprocessed(BatchGetItemResponse response, int round) {
        KeysAndAttributes left = response.unprocessedKeys().get(table);
        if (left == null || left.keys().isEmpty()) {
            return null;
        }
        if (round == BATCH_GET_ROUNDS) {
            throw SdkClientException.create("DynamoDB left " + left.keys().size() + " keys unprocessed after "
                    + round + " BatchGetItem rounds");
        }
        try {
            Thread.sleep(25L << round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to read unprocessed keys", e);
        }
        return left;
    }

    @Override
    public Stream<Certificate> withStatus(AccountId account, CertificateStatus status) {
        // The paginator's items are fetched lazily: a stream consumer that stops early ends the reads.
        return dynamo.queryPaginator(r -> r.tableName(table)
                        .indexName(LIST_INDEX)
                        .keyConditionExpression("#pk = :pk")
                        .filterExpression("#status = :status")
                        .expressionAttributeNames(Map.of("#pk", LIST_PK, "#status", "status"))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(CertificateItems.listPartition(account)),
                                ":status", AttributeValue.fromS(status.name())))
                        .scanIndexForward(false))
                .items().stream().map(CertificateItems::fromItem);
    }

    @Override
    public boolean apply(Transition transition) {
        Put put = Put.builder()
                .tableName(table)
                .item(CertificateItems.toItem(transition.after()))
                // The heart of concurrency control: only the state this transition was computed from may be replaced.
                .conditionExpression("#status = :expectedStatus AND #version = :expectedVersion")
                .expressionAttributeNames(Map.of("#status", "status", "#version", "version"))
                .expressionAttributeValues(Map.of(
                        ":expectedStatus", AttributeValue.fromS(transition.expectedStatus().name()),
                        ":expectedVersion", AttributeValue.fromN(Long.toString(transition.expectedVersion()))))
                .build();
        if (transition.auditEvent().isEmpty()) {
            return putQuietly(put);
        }
        List<TransactWriteItem> items = transaction(put, transition.event(), transition.after().accountId());
        // A token derived from the writes themselves: if a response is lost and the same writes go
        // again (the SDK's retry, or any resend of this transition), DynamoDB answers with the
        // first commit's success instead of failing the condition that commit itself changed,
        // which would read as a lost race. A racer's transition differs in content, so it gets
        // another token and meets the condition as before.
        boolean written = write(items, ClientRequestTokens.of(items));
        if (written) {
            // Recorded, so it counts: the funnel's metrics are the trail's events.
            Telemetry.committed(transition);
        }
        return written;
    }

    /**
     * A change without an audit event is one conditional Put, at a third of a transaction's
     * cost. If its response is lost and the SDK's retry then fails the condition its own first
     * write changed, it reads as a lost race: the caller reads again and finds its change made.
     */
    private boolean putQuietly(Put put) {
        try {
            dynamo.putItem(r -> r.tableName(put.tableName()).item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames())
                    .expressionAttributeValues(put.expressionAttributeValues()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The certificate's Put and its event's, which is written only if new. */
    private List<TransactWriteItem> transaction(Put certificate, AuditEvent event, AccountId account) {
        Put eventPut = Put.builder().tableName(table).item(CertificateItems.toItem(account, event))
                .conditionExpression("attribute_not_exists(" + PK + ")").build();
        return List.of(TransactWriteItem.builder().put(certificate).build(), TransactWriteItem.builder().put(eventPut).build());
    }

    /**
     * Writes the items in one transaction; false when a condition failed or another transaction interfered.
     *
     * @param token the ClientRequestToken; null leaves it to the SDK, which draws one per call
     */
    private boolean write(List<TransactWriteItem> items, String token) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items).clientRequestToken(token));
            return true;
        } catch (TransactionCanceledException e) {
            Set<String> reasons = e.hasCancellationReasons()
                    ? e.cancellationReasons().stream().map(CancellationReason::code).collect(Collectors.toSet()) : Set.of();
            if (reasons.contains("ConditionalCheckFailed") || reasons.contains("TransactionConflict")) {
                return false;
            }
            if (reasons.contains("ThrottlingError") || reasons.contains("ProvisionedThroughputExceeded")) {
                // DynamoDB cancels a throttled transaction with a 400 that names the throttling only in
                // its reasons, and the SDK does not retry it: say it the way DynamoDB says throttling
                // elsewhere, so that the API answers 503 and the workflow retries the step.
                throw DynamoDbException.builder().message(e.getMessage()).statusCode(e.statusCode())
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
                                .errorMessage(e.getMessage()).serviceName("DynamoDb").build())
                        .cause(e).build();
            }
            throw e;
        } catch (IdempotentParameterMismatchException e) {
            // Another request used this token for other writes in the last ten minutes. Tokens are
            // digests of the writes, so that takes a digest collision; either way nothing of this
            // transaction was written, and it is reported as not applied, like a lost race.
            return false;
        }
    }

    @Override
    public List<AuditEvent> events(AccountId account, CertificateId id) {
        List<AuditEvent> events = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :events)")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(CertificateItems.partition(account, id)),
                                ":events", AttributeValue.fromS(CertificateItems.EVENT_SK_PREFIX)))
                        .consistentRead(true))
                .items().forEach(item -> events.add(CertificateItems.eventFromItem(item)));
        return events;
    }

    @Override
    public List<Certificate> revocationsInProgressSince(Instant cutoff) {
        List<Map<String, AttributeValue>> found = upTo(IN_PROGRESS_INDEX, IN_PROGRESS_PK, IN_PROGRESS_SK,
                CertificateItems.IN_PROGRESS, cutoff, Integer.MAX_VALUE);
        // Items written before the shards keep the unsharded key until their next write, and a stuck
        // revocation, the one this sweep is for, gets no next write.
        found.addAll(queryUpTo(IN_PROGRESS_INDEX, IN_PROGRESS_PK, IN_PROGRESS_SK, CertificateItems.IN_PROGRESS, cutoff,
                Integer.MAX_VALUE));
        return lazily(found);
    }

    @Override
    public List<Certificate> caChecksDueBy(Instant now, int max) {
        List<Map<String, AttributeValue>> due = upTo(CA_CHECK_INDEX, CA_CHECK_PK, CA_CHECK_SK, CertificateItems.CA_CHECK, now, max);
        due.sort(Comparator.comparing(item -> item.get(CA_CHECK_SK).s()));
        return lazily(due.subList(0, Math.min(max, due.size())));
    }

    @Override
    public List<Certificate> waitingForCaWithSerial(String serialNumber) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table)
                        .indexName(CA_SERIAL_INDEX)
                        .keyConditionExpression("#pk = :serial")
                        .expressionAttributeNames(Map.of("#pk", CA_SERIAL_PK))
                        .expressionAttributeValues(Map.of(
                                ":serial", AttributeValue.fromS(CertificateItems.caSerialPartition(serialNumber)))))
                .items().forEach(found::add);
        return lazily(found);
    }

    @Override
    public List<Certificate> pendingRefundsDueBy(Instant cutoff) {
        return lazily(queryUpTo(REFUNDS_DUE_INDEX, REFUNDS_DUE_PK, REFUNDS_DUE_SK, CertificateItems.REFUND_PENDING, cutoff,
                Integer.MAX_VALUE));
    }

    /**
     * The items of every shard of a sharded sparse time-ordered index whose sort key's instant is
     * at or before {@code cutoff}, at most {@code max} from each shard: reads proportional to the
     * items due, each shard's partition read on its own.
     */
    private List<Map<String, AttributeValue>> upTo(String index, String pk, String sk, String prefix, Instant cutoff,
            int max) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int shard = 0; shard < CertificateItems.SHARDS; shard++) {
            found.addAll(queryUpTo(index, pk, sk, CertificateItems.shardKey(prefix, shard), cutoff, max));
        }
        return found;
    }

    /** The items of one partition of a sparse time-ordered index, at or before {@code cutoff}, oldest first, at most {@code max}. */
    private List<Map<String, AttributeValue>> queryUpTo(String index, String pk, String sk, String partition, Instant cutoff,
            int max) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Iterator<Map<String, AttributeValue>> items = dynamo.queryPaginator(r -> r.tableName(table)
                        .indexName(index)
                        .keyConditionExpression("#pk = :partition AND #sk < :after")
                        .expressionAttributeNames(Map.of("#pk", pk, "#sk", sk))
                        .expressionAttributeValues(Map.of(
                                ":partition", AttributeValue.fromS(partition),
                                ":after", AttributeValue.fromS(CertificateItems.sortableInstant(cutoff.plusMillis(1)))))
                        .limit(Math.min(max, QUERY_PAGE)))
                .items().iterator();
        while (found.size() < max && items.hasNext()) {
            found.add(items.next());
        }
        return found;
    }

    /**
     * Maps each item when it is taken from the list, as the port asks, so that a malformed item
     * fails only its own element.
     */
    private static List<Certificate> lazily(List<Map<String, AttributeValue>> found) {
        return new AbstractList<>() {
            @Override
            public Certificate get(int index) {
                return CertificateItems.fromItem(found.get(index));
            }

            @Override
            public int size() {
                return found.size();
            }
        };
    }
}
