package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.config.AwsFailures;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.Transition;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.refund.RefundPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The transactions' ClientRequestToken, seen in the requests the store sends. (moto ignores the
 * token, so what DynamoDB does with a repeated one can only be shown against DynamoDB itself.)
 */
class DynamoDbCertificateStoreTest {
    private static final Instant ISSUED = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-10T10:00:00Z");
    private final RefundPolicy refundPolicy = RevocationSettings.defaults().refundPolicy();
    private final Certificate dv = TestCertificates.issued("dv1", ValidationType.DV, ISSUED);
    private final List<TransactWriteItemsRequest> sent = new ArrayList<>();
    private Supplier<RuntimeException> failure = () -> null;

    /** Records every transaction it is sent, and answers as the test says. */
    private final DynamoDbClient dynamo = new DynamoDbClient() {
        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            sent.add(request);
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
            return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    };
    private final DynamoDbCertificateStore store = new DynamoDbCertificateStore(dynamo, "certificates");

    private Transition submit(RevocationReason reason) {
        return Lifecycle.submit(dv, new RevocationRequest(reason, Actor.customer(ACCOUNT_A, "alice"), null),
                refundPolicy.claimFor(ISSUED, NOW), NOW);
    }

    private String tokenOf(Transition transition) {
        assertTrue(store.apply(transition));
        return sent.get(sent.size() - 1).clientRequestToken();
    }

    @Test
    void theSameTransitionSentAgainCarriesTheSameTokenAndADifferentOneAnother() {
        String token = tokenOf(submit(RevocationReason.SUPERSEDED));

        assertEquals(token, tokenOf(submit(RevocationReason.SUPERSEDED)), "computed again from the same state, at the same time");
        assertNotEquals(token, tokenOf(submit(RevocationReason.KEY_COMPROMISE)), "a racer's other transition");
        assertNotEquals(token, tokenOf(Lifecycle.submit(dv, new RevocationRequest(RevocationReason.SUPERSEDED,
                Actor.customer(ACCOUNT_A, "alice"), null), refundPolicy.claimFor(ISSUED, NOW), NOW.plusMillis(1))));
        assertEquals(token, UUID.fromString(token).toString(), "a UUID: 36 characters, DynamoDB's limit");
        assertEquals(8, UUID.fromString(token).version());
    }

    @Test
    void theTokenDependsOnTheContentNotOnTheOrderOfItsMaps() {
        Map<String, AttributeValue> item = CertificateItems.toItem(dv);
        List<String> names = new ArrayList<>(item.keySet());
        Collections.reverse(names);
        Map<String, AttributeValue> reversed = new LinkedHashMap<>();
        names.forEach(name -> reversed.put(name, item.get(name)));
        Put put = Put.builder().tableName("t").item(item).conditionExpression("attribute_not_exists(pk)").build();

        assertEquals(ClientRequestTokens.of(List.of(TransactWriteItem.builder().put(put).build())),
                ClientRequestTokens.of(List.of(TransactWriteItem.builder().put(put.toBuilder().item(reversed).build()).build())));
        assertNotEquals(ClientRequestTokens.of(List.of(TransactWriteItem.builder().put(put).build())),
                ClientRequestTokens.of(List.of(TransactWriteItem.builder().put(put.toBuilder().tableName("u").build()).build())));
    }

    @Test
    void aTokenUsedForOtherContentReadsAsALostRace() {
        failure = () -> IdempotentParameterMismatchException.builder().message("simulated").build();
        assertFalse(store.apply(submit(RevocationReason.SUPERSEDED)));
    }

    private static TransactionCanceledException canceled(String... reasons) {
        return TransactionCanceledException.builder().statusCode(400).message("Transaction cancelled")
                .cancellationReasons(Arrays.stream(reasons).map(r -> CancellationReason.builder().code(r).build()).toList())
                .build();
    }

    @Test
    void aTransactionDynamoDbCanceledForThrottlingFailsAsThrottlingWhichTheApiAnswers503AndTheWorkflowRetries() {
        for (String throttled : List.of("ThrottlingError", "ProvisionedThroughputExceeded")) {
            failure = () -> canceled("None", throttled);
            RuntimeException e = assertThrows(RuntimeException.class, () -> store.apply(submit(RevocationReason.SUPERSEDED)));
            assertTrue(AwsFailures.isTransient(e), throttled);
        }
    }

    @Test
    void aTransactionCanceledForAnotherReasonIsALostRaceOrARefusal() {
        failure = () -> canceled("ConditionalCheckFailed", "None");
        assertFalse(store.apply(submit(RevocationReason.SUPERSEDED)));
        failure = () -> canceled("ValidationError", "None");
        assertFalse(AwsFailures.isTransient(assertThrows(TransactionCanceledException.class,
                () -> store.apply(submit(RevocationReason.SUPERSEDED)))));
    }

    @Test
    void addingACertificateLeavesTheTokenToTheSdk() {
        store.add(dv, AuditEvent.added(dv, Actor.SYSTEM, ISSUED));
        assertNull(sent.get(0).clientRequestToken());
    }
}
