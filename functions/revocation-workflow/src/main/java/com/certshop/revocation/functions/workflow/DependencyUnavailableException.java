package com.certshop.revocation.functions.workflow;

/**
 * An AWS service the step depends on (DynamoDB, SES, Secrets Manager, Step Functions) failed in a way worth
 * retrying: throttling, a timeout, a 5xx; or the certificate changed under the step at each of its
 * tries (CONCURRENT_UPDATE), which a later try decides afresh. Lambda reports an exception's class name as the error,
 * and the state machine retries this one on every task, whereas an SDK exception's own name would
 * be caught as a failure (lapsing an e-mail confirmation, say). Keep the name and package stable.
 */
public final class DependencyUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DependencyUnavailableException(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }
}
