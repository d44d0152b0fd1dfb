package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.aws.dynamodb.CertificateTable.LIST_INDEX;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.LIST_PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.LIST_SK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.SK;

import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.port.CertificateListing;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.port.Page;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The customer's listing, a Query of {@link CertificateTable#LIST_INDEX} newest first, with the
 * position of the next page sealed in a page token ({@link PageTokens}).
 */
public final class DynamoDbCertificateListing implements CertificateListing {
    /** Items a filtered or searched listing reads per Query request. */
    private static final int FILTERED_READ = 200;

    private final DynamoDbClient dynamo;
    private final String table;
    private final PageTokens pageTokens;

    /** @param pageTokens seals listing positions */
    public DynamoDbCertificateListing(DynamoDbClient dynamo, String table, PageTokens pageTokens) {
        this.dynamo = Objects.requireNonNull(dynamo);
        this.table = Objects.requireNonNull(table);
        this.pageTokens = Objects.requireNonNull(pageTokens);
    }

    @Override
    public Page<Certificate> list(AccountId account, CertificateQuery query) {
        String listing = listing(query);
        Map<String, AttributeValue> start = query.pageToken() == null ? null
                : positionToKey(pageTokens.open(query.pageToken(), account, listing));
        List<Map<String, AttributeValue>> page = new ArrayList<>();
        boolean more = false;
        do {
            QueryResponse response = dynamo.query(listQuery(account, query, start));
            for (Map<String, AttributeValue> item : response.items()) {
                if (page.size() == query.limit()) {
                    more = true;
                    break;
                }
                page.add(item);
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
            // The filter runs after DynamoDB's Limit, so a response may hold fewer items than asked for.
        } while (!more && page.size() < query.limit() && start != null);
        more = more || (page.size() == query.limit() && start != null);
        Optional<String> next = more
                ? Optional.of(pageTokens.seal(account, listing, keyToPosition(page.get(page.size() - 1))))
                : Optional.empty();
        return new Page<>(page.stream().map(CertificateItems::fromItem).toList(), next);
    }

    private QueryRequest listQuery(AccountId account, CertificateQuery query, Map<String, AttributeValue> start) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#pk", LIST_PK);
        values.put(":pk", AttributeValue.fromS(CertificateItems.listPartition(account)));
        List<String> filters = new ArrayList<>();
        query.status().ifPresent(s -> {
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(s.name()));
            filters.add("#status = :status");
        });
        query.type().ifPresent(t -> {
            names.put("#type", "type");
            values.put(":type", AttributeValue.fromS(t.name()));
            filters.add("#type = :type");
        });
        query.search().ifPresent(q -> {
            names.put("#names", CertificateTable.SEARCH_NAMES);
            values.put(":q", AttributeValue.fromS(q));
            filters.add("contains(#names, :q)");
        });
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(LIST_INDEX)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                // A filter that matches few items would otherwise cost a round trip per page size
                // read; items read past the page are read again by the next page, never skipped.
                .limit(filters.isEmpty() ? query.limit() : Math.max(query.limit(), FILTERED_READ))
                .exclusiveStartKey(start);
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        return request.build();
    }

    /** What a page token is valid for: the same filters and page size. */
    private static String listing(CertificateQuery query) {
        return "status=" + query.status().map(Enum::name).orElse("") + "&type="
                + query.type().map(Enum::name).orElse("") + "&q=" + query.search().orElse("") + "&limit=" + query.limit();
    }

    private static List<String> keyToPosition(Map<String, AttributeValue> item) {
        return List.of(item.get(PK).s(), item.get(SK).s(), item.get(LIST_PK).s(), item.get(LIST_SK).s());
    }

    private static Map<String, AttributeValue> positionToKey(List<String> position) {
        if (position.size() != 4) {
            throw new IllegalStateException("a sealed position has four parts");
        }
        return Map.of(PK, AttributeValue.fromS(position.get(0)), SK, AttributeValue.fromS(position.get(1)),
                LIST_PK, AttributeValue.fromS(position.get(2)), LIST_SK, AttributeValue.fromS(position.get(3)));
    }
}
