package com.certshop.revocation.aws.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Which failed AWS calls the API answers 503 and the workflow retries. */
class AwsFailuresTest {

    private static TransactionCanceledException canceled(String... codes) {
        return TransactionCanceledException.builder().statusCode(400)
                .cancellationReasons(Arrays.stream(codes).map(c -> CancellationReason.builder().code(c).build()).toList())
                .build();
    }

    @Test
    void aTransactionDynamoDbCanceledBecauseItWasThrottledIsTransientEvenWrapped() {
        assertTrue(AwsFailures.isTransient(canceled("None", "ThrottlingError")));
        assertTrue(AwsFailures.isTransient(new IllegalStateException(canceled("ProvisionedThroughputExceeded", "None"))));
    }

    @Test
    void aTransactionCanceledForAnyOtherReasonIsNot() {
        assertFalse(AwsFailures.isTransient(canceled("ValidationError", "None")));
        assertFalse(AwsFailures.isTransient(canceled("ItemCollectionSizeLimitExceeded")));
        assertFalse(AwsFailures.isTransient(TransactionCanceledException.builder().statusCode(400).build()));
    }
}
