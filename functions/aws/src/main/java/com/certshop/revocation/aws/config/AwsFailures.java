package com.certshop.revocation.aws.config;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** How a failed AWS call is told apart from a refusal: the API answers it 503, the workflow retries it. */
public final class AwsFailures {
    private AwsFailures() {
    }

    /**
     * An AWS call that failed in a way the SDK calls transient (throttling, a 5xx) or that never got
     * an answer (no connection, a timeout: {@link SdkClientException}), possibly wrapped by an
     * adapter. Retrying later can succeed.
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // An exception's retryable() is false unless the SDK marked it, which it does for almost
            // none: the SDK's retry strategy decides on throttling codes (DynamoDB's is a 400), 5xx
            // and calls that got no answer, and so does this.
            if (t instanceof SdkClientException || (t instanceof SdkException sdk && sdk.retryable())
                    || (t instanceof SdkServiceException service
                            && (service.isThrottlingException() || service.statusCode() >= 500))) {
                return true;
            }
        }
        return false;
    }
}
