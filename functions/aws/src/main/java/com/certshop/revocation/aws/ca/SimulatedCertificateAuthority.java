package com.certshop.revocation.aws.ca;

import static com.certshop.revocation.aws.dynamodb.CertificateTable.PK;
import static com.certshop.revocation.aws.dynamodb.CertificateTable.SK;

import com.certshop.revocation.domain.ca.CaStatus;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.ca.HandOver;
import com.certshop.revocation.domain.ca.RevocationEvidence;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.port.CertificateAuthority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A stand-in CA for what a real one cannot script: days of processing, rejections, outages. It
 * revokes every request after a configurable delay. Its state lives in the table, so it behaves
 * the same across invocations and functions. Tests and demos may script a certificate's fate: a
 * different delay, a rejection, or a number of transient failures before it answers.
 */
public final class SimulatedCertificateAuthority implements CertificateAuthority {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration defaultDelay;

    public SimulatedCertificateAuthority(DynamoDbClient dynamo, String table, Clock clock, Duration defaultDelay) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.defaultDelay = defaultDelay;
    }

    /** How the simulated CA treats one certificate's revocations. */
    public record Script(Duration delay, String rejection, int transientFailures) {
        public Script {
            Objects.requireNonNull(delay, "delay");
        }

        public static Script revokeAfter(Duration delay) {
            return new Script(delay, null, 0);
        }

        public static Script rejectAfter(Duration delay, String reason) {
            return new Script(delay, reason, 0);
        }

        public Script failingFirst(int times) {
            return new Script(delay, rejection, times);
        }
    }

    /** Scripts the fate of {@code certificate}'s future revocation requests. */
    public void script(CertificateId certificate, Script script) {
        Map<String, AttributeValue> item = new HashMap<>(key("CA_SCRIPT#" + certificate.value(), "CA_SCRIPT"));
        item.put("delaySeconds", AttributeValue.fromN(Long.toString(script.delay().toSeconds())));
        item.put("transientFailures", AttributeValue.fromN(Integer.toString(script.transientFailures())));
        if (script.rejection() != null) {
            item.put("rejection", AttributeValue.fromS(script.rejection()));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public HandOver requestRevocation(Certificate certificate) {
        failIfScriptedTo(certificate.id());
        String requestId = "sim-" + certificate.id() + "-" + certificate.revocation().attempt();
        Map<String, AttributeValue> script = scriptFor(certificate.id());
        Map<String, AttributeValue> item = new HashMap<>(key("CA#" + requestId, "CA"));
        item.put("certificateId", AttributeValue.fromS(certificate.id().value()));
        item.put("reason", AttributeValue.fromN(Integer.toString(certificate.revocation().reason().code())));
        item.put("receivedAt", AttributeValue.fromS(clock.instant().toString()));
        item.put("delaySeconds", script.getOrDefault("delaySeconds",
                AttributeValue.fromN(Long.toString(defaultDelay.toSeconds()))));
        if (script.containsKey("rejection")) {
            item.put("rejection", script.get("rejection"));
        }
        try {
            // Idempotent per certificate and attempt: the first request fixes the outcome.
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(" + PK + ")"));
        } catch (ConditionalCheckFailedException alreadyReceived) {
            // Same request again: same reference.
        }
        return new HandOver.Accepted(requestId);
    }

    @Override
    public CaStatus status(Certificate certificate) {
        String requestId = certificate.revocation().caRequestId();
        Map<String, AttributeValue> request = dynamo.getItem(r -> r.tableName(table)
                .key(key("CA#" + requestId, "CA")).consistentRead(true)).item();
        if (request == null || request.isEmpty()) {
            throw new IllegalStateException("the simulated CA never received request " + requestId);
        }
        failIfScriptedTo(certificate.id());
        Instant doneAt = Instant.parse(request.get("receivedAt").s())
                .plusSeconds(Long.parseLong(request.get("delaySeconds").n()));
        Instant now = clock.instant();
        if (now.isBefore(doneAt)) {
            return new CaStatus.Pending();
        }
        AttributeValue rejection = request.get("rejection");
        if (rejection != null) {
            return new CaStatus.Rejected(rejection.s());
        }
        return new CaStatus.Revoked(new RevocationEvidence("simulated CA", doneAt,
                Integer.valueOf(request.get("reason").n()), now));
    }

    /** Consumes one scripted transient failure, if any are left, by throwing it. */
    private void failIfScriptedTo(CertificateId certificate) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key("CA_SCRIPT#" + certificate.value(), "CA_SCRIPT"))
                    .updateExpression("SET transientFailures = transientFailures - :one")
                    .conditionExpression("transientFailures > :zero")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":zero", AttributeValue.fromN("0"))));
        } catch (ConditionalCheckFailedException noneLeft) {
            return;
        }
        throw new CaUnavailableException("simulated CA: temporarily unavailable (scripted for " + certificate + ")");
    }

    private Map<String, AttributeValue> scriptFor(CertificateId certificate) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(key("CA_SCRIPT#" + certificate.value(), "CA_SCRIPT")).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
