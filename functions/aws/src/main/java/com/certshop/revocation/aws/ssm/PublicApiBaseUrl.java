package com.certshop.revocation.aws.ssm;

import com.certshop.revocation.aws.config.AwsClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The public base URL of the API, which confirmation links point to. The stack writes it to SSM
 * Parameter Store: its own execute-api URL, or the custom domain an operator configured. Functions
 * cannot get it as an environment variable, because the API depends on them (its routes call
 * them), and an API URL in their configuration would make a dependency cycle. Read when the first
 * confirmation mail is written, and again after {@link #FRESH_FOR}, so that a custom domain set up
 * later reaches warm functions too; most functions never need it, and their jars do not even carry
 * the SSM client.
 */
public final class PublicApiBaseUrl implements Supplier<URI> {
    static final Duration FRESH_FOR = Duration.ofMinutes(10);

    private final AwsClients clients;
    private final String parameterName;
    private final Clock clock;
    private URI confirmPage;
    private Instant readAt;

    public PublicApiBaseUrl(AwsClients clients, String parameterName, Clock clock) {
        this.clients = clients;
        this.parameterName = parameterName;
        this.clock = clock;
    }

    /** The URL of GET /revocations/confirm under the public base URL. */
    @Override
    public synchronized URI get() {
        Instant now = clock.instant();
        if (confirmPage == null || !now.isBefore(readAt.plus(FRESH_FOR))) {
            String base = ParameterStore.read(clients, parameterName);
            confirmPage = URI.create(base.replaceAll("/+$", "") + "/revocations/confirm");
            readAt = now;
        }
        return confirmPage;
    }

    /**
     * The only code that names the SSM client. A class of its own, because the JVM verifies a
     * class's methods when it loads the class, and that loads the types they use: kept inside
     * {@link PublicApiBaseUrl}, it would fail every function whose jar has no SSM client.
     */
    private static final class ParameterStore {
        static String read(AwsClients clients, String name) {
            try (SsmClient ssm = clients.build(SsmClient.builder())) {
                return ssm.getParameter(r -> r.name(name)).parameter().value();
            }
        }
    }
}
