package com.certshop.revocation.local;

import com.certshop.revocation.domain.fakes.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A local stack for end-to-end journeys, at test pace: the simulated CA answers in seconds and is
 * polled every second; the refund check runs only when a test asks. With Alice's API client and
 * a view of the state machine's executions.
 */
final class Journey implements AutoCloseable {
    final LocalStack stack;
    final Api alice;
    final Executions executions;

    private Journey(LocalStack stack) {
        this.stack = stack;
        this.alice = new Api(stack.apiEndpoint(), stack.issueToken(TestCertificates.ACCOUNT_A.value(), "alice@corp.example"));
        this.executions = new Executions(stack);
    }

    /** Test pace, plus any further template parameters as name, value pairs. */
    static Journey start(Object... parameters) {
        LocalStackConfig config = LocalStackConfig.defaults(Path.of(System.getProperty("repository.root")))
                .withParameter("CaSimulatedDelaySeconds", 2)
                .withParameter("CaPollFirstSeconds", 1)
                .withParameter("CaPollMultiplier", 1)
                .withRefundCheckEvery(Duration.ZERO);
        for (int i = 0; i < parameters.length; i += 2) {
            config = config.withParameter(parameters[i].toString(), parameters[i + 1]);
        }
        return new Journey(LocalStack.start(config));
    }

    /** A client for another caller (another account, or nobody when the token is null). */
    Api as(String token) {
        return new Api(stack.apiEndpoint(), token);
    }

    @Override
    public void close() {
        executions.close();
        stack.close();
    }
}
