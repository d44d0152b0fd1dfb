package com.certshop.revocation.aws.ssm;

import com.certshop.revocation.aws.config.AwsClients;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The public base URL of the API, which confirmation links point to. The stack writes it to SSM
 * Parameter Store: its own execute-api URL, or the custom domain an operator configured. Functions
 * cannot get it as an environment variable, because the API depends on them (its routes call
 * them), and an API URL in their configuration would make a dependency cycle. Read once, when the
 * first confirmation mail is written; most functions never need it, and their jars do not even
 * carry the SSM client.
 */
public final class PublicApiBaseUrl implements Supplier<URI> {
    private final AwsClients clients;
    private final String parameterName;
    private URI confirmPage;

    public PublicApiBaseUrl(AwsClients clients, String parameterName) {
        this.clients = clients;
        this.parameterName = parameterName;
    }

    /** The URL of GET /revocations/confirm under the public base URL. */
    @Override
    public synchronized URI get() {
        if (confirmPage == null) {
            String base = ParameterStore.read(clients, parameterName);
            confirmPage = URI.create(base.replaceAll("/+$", "") + "/revocations/confirm");
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
