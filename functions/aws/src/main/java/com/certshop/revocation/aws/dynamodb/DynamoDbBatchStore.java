package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.aws.dynamodb.Attributes.bool;
import static com.certshop.revocation.aws.dynamodb.Attributes.instant;
import static com.certshop.revocation.aws.dynamodb.Attributes.list;
import static com.certshop.revocation.aws.dynamodb.Attributes.n;
import static com.certshop.revocation.aws.dynamodb.Attributes.requireS;
import static com.certshop.revocation.aws.dynamodb.Attributes.s;

import com.certshop.revocation.domain.batch.Batch;
import com.certshop.revocation.domain.batch.BatchId;
import com.certshop.revocation.domain.batch.ItemOutcome;
import com.certshop.revocation.domain.batch.ItemResult;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.port.BatchStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Bulk revocations in the certificate table: one item per batch ({@code BATCH#{account}#{id}},
 * {@code BATCH}) holding what was asked and the ids it resolved to (1,000 ids fit well inside an
 * item's 400 KB), and one item per applied chunk ({@code CHUNK#{n}}) with its items' results, so
 * chunks applied in parallel never write the same item.
 */
public final class DynamoDbBatchStore implements BatchStore {
    private static final String BATCH_SK = "BATCH";
    private static final String CHUNK_SK_PREFIX = "CHUNK#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbBatchStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean create(Batch b) {
        Map<String, AttributeValue> item = Attributes.item()
                .s(CertificateTable.PK, partition(b.accountId(), b.id()))
                .s(CertificateTable.SK, BATCH_SK)
                .s("batchId", b.id().value())
                .s("accountId", b.accountId().value())
                .s("reason", b.reason().name())
                .s("requestedByKind", b.requestedBy().kind())
                .s("requestedById", b.requestedBy().id())
                .s("requestedAt", b.requestedAt())
                .s("selection", b.selection())
                .list("ids", b.ids())
                .bool("moreMatching", b.moreMatching())
                .n("run", b.run())
                .build();
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(" + CertificateTable.PK + ")"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Batch> find(AccountId account, BatchId id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key(account, id))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Batch(id, account, RevocationReason.valueOf(requireS(item, "reason")),
                new Actor(Actor.Kind.valueOf(requireS(item, "requestedByKind")), requireS(item, "requestedById")),
                instant(item, "requestedAt"), requireS(item, "selection"), list(item, "ids"), bool(item, "moreMatching"),
                (int) n(item, "run")));
    }

    @Override
    public boolean nextRun(Batch b) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(b.accountId(), b.id()))
                    .updateExpression("SET #run = :next")
                    .conditionExpression("#run = :current")
                    .expressionAttributeNames(Map.of("#run", "run"))
                    .expressionAttributeValues(Map.of(":current", AttributeValue.fromN(Integer.toString(b.run())),
                            ":next", AttributeValue.fromN(Integer.toString(b.run() + 1)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void saveResults(AccountId account, BatchId id, int chunk, List<ItemResult> results) {
        List<AttributeValue> items = results.stream().map(r -> AttributeValue.fromM(Attributes.item()
                .s("certificateId", r.certificateId())
                .s("outcome", r.outcome().name())
                .n("attempt", r.attempt())
                .s("errorCode", r.errorCode())
                .s("message", r.message())
                .build())).toList();
        dynamo.putItem(r -> r.tableName(table).item(Map.of(
                CertificateTable.PK, AttributeValue.fromS(partition(account, id)),
                CertificateTable.SK, AttributeValue.fromS(CHUNK_SK_PREFIX + String.format("%04d", chunk)),
                "results", AttributeValue.fromL(items))));
    }

    @Override
    public List<ItemResult> results(AccountId account, BatchId id) {
        List<ItemResult> results = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :chunks)")
                        .expressionAttributeNames(Map.of("#pk", CertificateTable.PK, "#sk", CertificateTable.SK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition(account, id)),
                                ":chunks", AttributeValue.fromS(CHUNK_SK_PREFIX))))
                .items().forEach(item -> item.get("results").l().forEach(v -> {
                    Map<String, AttributeValue> m = v.m();
                    results.add(new ItemResult(requireS(m, "certificateId"), ItemOutcome.valueOf(requireS(m, "outcome")),
                            (int) n(m, "attempt"), s(m, "errorCode"), s(m, "message")));
                }));
        return results;
    }

    private static Map<String, AttributeValue> key(AccountId account, BatchId id) {
        return Map.of(CertificateTable.PK, AttributeValue.fromS(partition(account, id)),
                CertificateTable.SK, AttributeValue.fromS(BATCH_SK));
    }

    private static String partition(AccountId account, BatchId id) {
        return "BATCH#" + account.value() + "#" + id.value();
    }
}
