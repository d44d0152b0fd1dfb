package com.certshop.revocation.bench;

import com.certshop.revocation.aws.dynamodb.CertificateTable;
import com.certshop.revocation.aws.dynamodb.DynamoDbCertificateStore;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.RefundStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The end state of every certificate of the run, read from the table straight from the emulator
 * (outside the counted requests). A certificate is lost unless it is REVOKED with a trail that
 * says so exactly once and a refund settled exactly once; a refund is duplicated when the refund
 * ledger holds more than one record, or the trail more than one settlement, for one certificate.
 */
final class OutcomeAudit implements AutoCloseable {
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbCertificateStore store;

    OutcomeAudit(URI moto, String table) {
        this.dynamo = DynamoDbClient.builder().endpointOverride(moto).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.table = table;
        this.store = new DynamoDbCertificateStore(dynamo, table);
    }

    /** @param examples a few lost certificates with what is wrong, for the report */
    record Result(int lost, int duplicateRefunds, List<String> examples) {
    }

    Result of(List<CertificateId> ids) {
        Map<String, Integer> ledger = refundRecordsByCertificate();
        int lost = 0;
        int duplicates = 0;
        List<String> examples = new ArrayList<>();
        for (CertificateId id : ids) {
            List<AuditEvent> trail = store.events(ScaleCertificates.ACCOUNT, id);
            long settlements = trail.stream().filter(e -> e.type() == EventType.REFUND_SETTLED).count();
            if (ledger.getOrDefault(id.value(), 0) > 1 || settlements > 1) {
                duplicates++;
            }
            Optional<String> wrong = whatIsWrong(store.find(ScaleCertificates.ACCOUNT, id), trail,
                    ledger.getOrDefault(id.value(), 0));
            if (wrong.isPresent()) {
                lost++;
                if (examples.size() < 5) {
                    examples.add(id.value() + ": " + wrong.get());
                }
            }
        }
        return new Result(lost, duplicates, examples);
    }

    private static Optional<String> whatIsWrong(Optional<Certificate> stored, List<AuditEvent> trail, int refundRecords) {
        if (stored.isEmpty()) {
            return Optional.of("missing from the table");
        }
        Certificate c = stored.get();
        if (c.status() != CertificateStatus.REVOKED) {
            return Optional.of("status " + c.status());
        }
        for (int i = 1; i < trail.size(); i++) {
            if (trail.get(i).sequence() <= trail.get(i - 1).sequence()) {
                return Optional.of("trail out of order at event " + trail.get(i).sequence());
            }
        }
        List<EventType> types = trail.stream().map(AuditEvent::type).toList();
        if (types.stream().filter(t -> t == EventType.REVOKED).count() != 1
                || types.stream().filter(t -> t == EventType.REVOCATION_REQUESTED).count() != 1
                || types.contains(EventType.REVOCATION_FAILED) || types.contains(EventType.REVOCATION_LAPSED)) {
            return Optional.of("trail " + types);
        }
        if (c.revocation().refund() == null || c.revocation().refund().status() != RefundStatus.REFUNDED || refundRecords != 1) {
            return Optional.of("refund " + (c.revocation().refund() == null ? "none" : c.revocation().refund().status())
                    + " with " + refundRecords + " ledger records");
        }
        return Optional.empty();
    }

    /** The refund ledger's records (items {@code REFUND#{key}}) counted by the certificate they refund. */
    private Map<String, Integer> refundRecordsByCertificate() {
        Map<String, Integer> counts = new HashMap<>();
        // A scan: this is an audit after the run, not a pattern of the service (README: DynamoDB access patterns).
        dynamo.scanPaginator(r -> r.tableName(table).filterExpression("begins_with(#pk, :refund)")
                        .expressionAttributeNames(Map.of("#pk", CertificateTable.PK))
                        .expressionAttributeValues(Map.of(":refund", AttributeValue.fromS("REFUND#"))))
                .items().forEach(item -> counts.merge(item.get("certificateId").s(), 1, Integer::sum));
        return counts;
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
