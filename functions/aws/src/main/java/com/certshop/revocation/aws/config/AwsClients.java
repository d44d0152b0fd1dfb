package com.certshop.revocation.aws.config;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK clients the same way for every function: explicit region, the light URL-connection
 * HTTP client (without its wait before each request: {@link UnprobedRequests}; its TLS context
 * built on the first https connection: {@link DeferredTlsConnections}), default credentials (the
 * function's role on AWS), and an endpoint override only
 * when {@code AWS_ENDPOINT_URL} is set (the local emulators). Callers build each client once, at
 * init or on first use ({@link #lazily}), and Lambda reuses it across invocations.
 */
public final class AwsClients {
    /** Set by Lambda itself; not in template.yaml. */
    public static final String AWS_REGION = "AWS_REGION";
    /** Set only by the local stack, to point every client at the emulator. */
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    /** Set by Lambda itself (the local stack sets it to the function's logical id); not in template.yaml. */
    public static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    private final Region region;
    private final URI endpoint;
    private final SdkHttpClient http;
    private final DefaultCredentialsProvider credentials;
    private final String functionName;

    public AwsClients(Environment env) {
        this.region = Region.of(env.require(AWS_REGION));
        this.endpoint = env.optional(AWS_ENDPOINT_URL).map(URI::create).orElse(null);
        // Short timeouts: a function's own timeout is seconds, and the SDK retries transient failures.
        this.http = new UnprobedRequests(UrlConnectionHttpClient.create(
                new DeferredTlsConnections(Duration.ofSeconds(2), Duration.ofSeconds(10))));
        // One credential chain for all of a function's clients: it resolves (and caches) the role's
        // credentials once instead of once per client.
        this.credentials = DefaultCredentialsProvider.builder().build();
        this.functionName = env.optional(AWS_LAMBDA_FUNCTION_NAME).orElse(null);
    }

    /**
     * A client built on its first use, once (see {@link LazyClient}): for a service that only some of
     * a function's paths call.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> Supplier<C> lazily(Supplier<B> builder) {
        return new LazyClient<>(() -> build(builder.get()));
    }

    /** Applies region, HTTP client, credentials and (locally) endpoint to any service client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
                // Well under the function's 20 s timeout: a hung attempt is cut at 2 s and retried,
                // and the whole call (retries and back-off included) gives up at 8 s, so the handler
                // still has time to answer with its own error instead of Lambda killing it mid-call.
                .apiCallAttemptTimeout(Duration.ofSeconds(2))
                .apiCallTimeout(Duration.ofSeconds(8));
        if (functionName != null) {
            // The SDK adds "app/<name>" to every request's User-Agent. On AWS that makes CloudTrail
            // entries (their userAgent field) name the function that made the call; locally the
            // stack's AWS endpoint reads it to record which function called what, for the IAM check.
            // (A name over 50 characters is still sent; the SDK only logs that it is long.)
            config.appId(functionName);
        }
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(config.build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
