package com.certshop.revocation.aws.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Gives tests one LocalStack container for the run. Use it only on classes annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)}, so that machines without Docker skip
 * them instead of failing.
 */
public final class LocalStackExtension implements ParameterResolver {
    /**
     * Pinned: since 23 March 2026 {@code localstack/localstack:latest} refuses to start without a
     * LOCALSTACK_AUTH_TOKEN; 4.14.0 is a Community release that needs none.
     */
    public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14.0");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent("localstack", k -> Running.start(), Running.class);
        // /_aws/ses is LocalStack's own endpoint listing the messages SES accepted.
        return AwsEmulator.at(() -> running.container().getEndpoint(), "/_aws/ses");
    }

    private record Running(LocalStackContainer container) implements AutoCloseable {
        static Running start() {
            LocalStackContainer container = new LocalStackContainer(IMAGE).withServices("dynamodb", "ses", "stepfunctions");
            container.start();
            return new Running(container);
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
