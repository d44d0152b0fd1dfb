package com.certshop.revocation.aws.dynamodb;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.confirmation.PendingConfirmation;
import com.certshop.revocation.domain.confirmation.TokenDigest;
import com.certshop.revocation.domain.model.CertificateId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

abstract class DynamoDbConfirmationStoreContract {
    private static final Instant EXPIRES = Instant.parse("2026-11-13T10:00:00Z");
    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoDbConfirmationStore store;
    private final TokenDigest digest = new ConfirmationToken("Q".repeat(43)).digest();

    DynamoDbConfirmationStoreContract(AwsEmulator aws) {
        dynamo = Emulators.dynamo(aws);
        table = Emulators.newTable(dynamo);
        store = new DynamoDbConfirmationStore(dynamo, table);
    }

    @Test
    void aConfirmationIsFoundByItsDigestAndUsedOnce() {
        PendingConfirmation pending = new PendingConfirmation(digest, ACCOUNT_A, new CertificateId("ov1"), 2, EXPIRES);
        store.save(pending);
        assertEquals(Optional.of(pending), store.find(digest));

        Instant at = EXPIRES.minusSeconds(60);
        assertTrue(store.markUsed(digest, at, PendingConfirmation.Answer.CONFIRM));
        assertFalse(store.markUsed(digest, at.plusSeconds(1), PendingConfirmation.Answer.REJECT), "the second answer loses");
        assertEquals(at, store.find(digest).orElseThrow().usedAt());
        // The answer it was used for is kept: the same answer again may finish what it began.
        assertEquals(PendingConfirmation.Answer.CONFIRM, store.find(digest).orElseThrow().answer());
    }

    @Test
    void anUnknownDigestIsNeitherFoundNorUsable() {
        assertEquals(Optional.empty(), store.find(digest));
        assertFalse(store.markUsed(digest, EXPIRES, PendingConfirmation.Answer.CONFIRM));
        assertEquals(Optional.empty(), store.find(digest), "marking must not create the item");
    }

    @Test
    void onlyTheDigestIsStoredAndTheItemExpiresAWeekAfterTheLink() {
        store.save(new PendingConfirmation(digest, ACCOUNT_A, new CertificateId("ov1"), 1, EXPIRES));
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("CONFIRMATION#" + digest.hex()), "sk", AttributeValue.fromS("CONFIRMATION")))).item();
        assertEquals(String.valueOf(EXPIRES.plus(DynamoDbConfirmationStore.KEEP_AFTER_EXPIRY).getEpochSecond()),
                item.get(CertificateTable.TTL).n());
        assertFalse(item.toString().contains("Q".repeat(43)), "the token itself is never stored");
        assertEquals("ENABLED", dynamo.describeTimeToLive(r -> r.tableName(table))
                .timeToLiveDescription().timeToLiveStatusAsString());
    }
}
