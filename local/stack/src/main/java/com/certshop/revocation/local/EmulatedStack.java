package com.certshop.revocation.local;

import com.certshop.revocation.local.host.ApiGateway;
import com.certshop.revocation.local.host.FaultPlan;
import com.certshop.revocation.local.host.FunctionHost;
import com.certshop.revocation.local.host.JwtAuthority;
import com.certshop.revocation.local.host.LambdaGateway;
import com.certshop.revocation.local.iam.AwsCalls;
import com.certshop.revocation.local.moto.MotoServer;
import com.certshop.revocation.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The whole service on one machine, without Docker or an AWS account: moto serves DynamoDB, SES
 * and Step Functions (executing the real ASL), provisioned from template.yaml; this JVM hosts the
 * functions from their own jars behind the Lambda Invoke API, the HTTP API and the template's
 * schedules (the refund check, the CA check), each on its own timer. Every port is on 127.0.0.1.
 * Closing it stops everything it started, and so does a failed start. (Not the LocalStack
 * product: the {@code *OnLocalStackIT} adapter tests use that, where Docker exists.)
 */
public final class EmulatedStack implements AutoCloseable {
    /** What the template's secrets are made of (GenerateSecretString with ExcludePunctuation). */
    private static final String SECRET_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** The local stand-ins for the identity provider; tokens come from {@link #issueToken}. */
    static final String AUDIENCE = "certshop-local";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(8);

    private final List<AutoCloseable> started = new ArrayList<>();
    /** Filled after the Lambda endpoint starts serving (it needs the emulator, which needs its port): concurrent. */
    private final Map<String, FunctionHost> functions = new ConcurrentHashMap<>();
    /** Each function's environment as the stack gave it, by logical id (for a bench that runs a function outside the stack). */
    private final Map<String, Map<String, String>> environments = new ConcurrentHashMap<>();
    private MotoServer moto;
    private LambdaGateway aws;
    private ApiGateway api;
    private JwtAuthority authority;
    private Map<String, AwsCalls.StateMachine> stateMachines;
    private String tableName;
    /** The scheduled functions and their schedules' input, by logical id. */
    private final Map<String, SamTemplate.Schedule> schedules = new ConcurrentHashMap<>();
    private LocalData data;
    private LocalCa ca;
    private Mailbox mailbox;
    private AwsCalls calls;

    private EmulatedStack() {
    }

    public static EmulatedStack start(EmulatedStackConfig config) {
        EmulatedStack stack = new EmulatedStack();
        try {
            stack.startAll(config);
            return stack;
        } catch (RuntimeException | IOException e) {
            stack.close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    private void startAll(EmulatedStackConfig config) throws IOException {
        Path root = config.repositoryRoot();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        // A port of our choosing is held until its server binds it; one given is bound as it is.
        HeldPort heldApi = config.apiPort() == 0 ? hold(HeldPort.any()) : null;
        HeldPort heldAws = config.awsPort() == 0 ? hold(HeldPort.any()) : null;
        int apiPort = heldApi != null ? heldApi.port() : config.apiPort();
        int awsPort = heldAws != null ? heldAws.port() : config.awsPort();
        URI apiEndpoint = URI.create("http://127.0.0.1:" + apiPort);
        URI awsEndpoint = URI.create("http://127.0.0.1:" + awsPort);

        Map<String, String> localDefaults = Map.of(
                "JwtIssuer", apiEndpoint + "/local/issuer",
                "JwtAudience", AUDIENCE,
                "SenderEmail", "revocations@certshop.local",
                "SenderIdentity", "certshop.local");
        Map<String, String> parameters = new LinkedHashMap<>(config.parameters());
        // Links in mail point at this machine's API, as at a custom domain on AWS.
        parameters.putIfAbsent("PublicApiBaseUrl", apiEndpoint.toString());
        calls = AwsCalls.forTemplate(template, LocalNames.REGION, LocalNames.ACCOUNT);
        started.add(calls::appendToConfiguredFile); // closed last: every call is in by then

        // The Lambda endpoint first (moto must know its port), then moto; functions join the
        // endpoint once their configuration, which names resources in moto, is complete.
        aws = bind("AWS_PORT", awsPort, heldAws, () -> new LambdaGateway(awsPort, functions, calls));
        started.add(aws);
        moto = MotoServer.start(MotoServer.freePort(), Map.of("MOTO_PORT", Integer.toString(awsPort)));
        started.add(moto);
        aws.forwardTo(moto.endpoint());
        enableStateMachineExecution(moto.endpoint());

        ca = LocalCa.start(template, config.stackName(), parameters, moto.endpoint());
        started.add(ca);
        parameters.putAll(ca.parameters());
        LocalNames names = new LocalNames(template, config.stackName(), parameters, localDefaults,
                createSecrets(template, config.stackName(), moto.endpoint()));

        // The functions' SDK clients use the default credential chain; moto accepts any keys.
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "local"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "local"));
        for (SamTemplate.FunctionSpec f : template.functions()) {
            Map<String, String> env = new LinkedHashMap<>();
            f.environment().forEach((k, v) -> env.put(k, names.resolve(v)));
            env.put("AWS_REGION", LocalNames.REGION);
            env.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
            env.put("AWS_LAMBDA_FUNCTION_NAME", f.logicalId());
            env.putAll(ca.environment());
            environments.put(f.logicalId(), Map.copyOf(env));
            FunctionHost host = FunctionHost.load(f.logicalId(), root.resolve(f.codeUri()), f.handlerClass(), env,
                    Duration.ofSeconds(f.timeoutSeconds()), f.memoryMb());
            functions.put(f.logicalId(), host);
            started.add(host);
        }

        Provisioning provisioning = new Provisioning(template, names, root);
        DynamoDbClient dynamo = client(DynamoDbClient.builder(), moto.endpoint());
        tableName = provisioning.createTable(dynamo);
        try (SesV2Client ses = client(SesV2Client.builder(), moto.endpoint());
                SfnClient sfn = client(SfnClient.builder(), moto.endpoint())) {
            provisioning.verifySender(ses);
            stateMachines = provisioning.createStateMachines(sfn);
        }
        calls.describeStack(config.stackName(), names::name, stateMachines);
        data = new LocalData(dynamo, tableName, ca);
        started.add(dynamo);

        authority = new JwtAuthority(names.parameter("JwtIssuer"), names.parameter("JwtAudience"), Clock.systemUTC());
        api = bind("API_PORT", apiPort, heldApi, () -> new ApiGateway(apiPort, template.httpRoutes(), functions, authority, Clock.systemUTC()));
        started.add(api);
        mailbox = new Mailbox(moto.endpoint());
        api.mount("/local/", new LocalTools(this, mailbox));
        api.fallback(new ConsoleFiles());

        for (SamTemplate.Schedule schedule : template.schedules()) {
            schedules.put(schedule.functionId(), schedule);
            Duration every = config.scheduleEvery().getOrDefault(schedule.functionId(), rate(names.resolve(schedule.expression())));
            if (!every.isZero()) {
                // Each schedule on its own timer: a slow refund check must not hold up the CA check.
                ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, schedule.functionId() + "-schedule");
                    t.setDaemon(true);
                    return t;
                });
                timer.scheduleWithFixedDelay(() -> {
                    try {
                        runScheduled(schedule.functionId());
                    } catch (RuntimeException e) {
                        // A failed run must not end the timer: the next run makes up for it, as on AWS.
                        System.err.println(schedule.functionId() + " failed: " + e);
                    }
                }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
                // Starts no more runs. One in flight is not interrupted, which would fail the AWS
                // call it is making; its function's host tells it that no time is left and waits
                // for the item it is on (FunctionHost.close).
                started.add(timer::shutdown);
            }
        }
    }

    /**
     * The template's secrets, made in the emulator with random values as their GenerateSecretString
     * says (its PasswordLength of letters and digits: each of the template's excludes punctuation);
     * returns their ARNs by logical id, which is what Ref of a secret gives.
     */
    private static Map<String, String> createSecrets(SamTemplate template, String stackName, URI moto) {
        Map<String, String> arns = new LinkedHashMap<>();
        SecureRandom random = new SecureRandom();
        try (SecretsManagerClient secrets = client(SecretsManagerClient.builder(), moto)) {
            template.resourcesOfType("AWS::SecretsManager::Secret").forEach((logicalId, properties) -> {
                Map<?, ?> generate = (Map<?, ?>) properties.get("GenerateSecretString");
                if (generate == null || !Boolean.TRUE.equals(generate.get("ExcludePunctuation"))) {
                    throw new IllegalStateException(logicalId + ": the local stack generates only secrets of letters and digits");
                }
                int length = ((Number) generate.get("PasswordLength")).intValue();
                StringBuilder value = new StringBuilder(length);
                random.ints(length, 0, SECRET_CHARACTERS.length()).forEach(i -> value.append(SECRET_CHARACTERS.charAt(i)));
                arns.put(logicalId, secrets.createSecret(r -> r.name(stackName + "-" + logicalId)
                        .secretString(value.toString())).arn());
            });
        }
        return arns;
    }

    /** Keeps a held port to let go if the stack fails to start before its server binds it. */
    private HeldPort hold(HeldPort port) {
        started.add(port);
        return port;
    }

    /**
     * Opens a server on a port, first letting go of it if it was held, and turns "address in use"
     * into advice on which variable to change.
     */
    private static <T> T bind(String variable, int port, HeldPort held, ServerStart<T> start) throws IOException {
        if (held != null) {
            held.close();
        }
        try {
            return start.open();
        } catch (java.net.BindException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use; set " + variable + " to a free port", e);
        }
    }

    @FunctionalInterface
    private interface ServerStart<T> {
        T open() throws IOException;
    }

    /** The HTTP API, e.g. http://127.0.0.1:8080. */
    public URI apiEndpoint() {
        return api.endpoint();
    }

    /** The local AWS endpoint (Lambda here, everything else moto). */
    public URI awsEndpoint() {
        return aws.endpoint();
    }

    public URI motoEndpoint() {
        return moto.endpoint();
    }

    /** The revocation state machine, one execution per revocation attempt. */
    public String stateMachineArn() {
        return stateMachineArn("RevocationStateMachine");
    }

    /** A state machine of the template by its logical id. */
    public String stateMachineArn(String logicalId) {
        return stateMachines.get(logicalId).arn();
    }

    /**
     * The environment the stack gives a function (its template variables resolved, the local region,
     * endpoint and function name), so a function can also be started as a process of its own.
     */
    public Map<String, String> functionEnvironment(String logicalId) {
        Map<String, String> env = environments.get(logicalId);
        if (env == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in template.yaml");
        }
        return env;
    }

    public String tableName() {
        return tableName;
    }

    /** Which CA the functions revoke at, and where to look at it. */
    public String caDescription() {
        return ca.describe();
    }

    public LocalData data() {
        return data;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    /** Faults a test arms for the functions' calls to the emulator (see {@link FaultPlan}). */
    public FaultPlan faults() {
        return aws.faults();
    }

    /**
     * Freezes moto, which holds the table, the sent mail and the executions: the functions' calls
     * to it stall until their SDK gives up, and moto's own state machine work stops too, as in an
     * outage of the AWS services behind them. Nothing it holds is lost.
     */
    public void pauseEmulator() {
        moto.pause();
    }

    /** Lets a paused moto carry on; it then serves whatever reached it meanwhile. */
    public void resumeEmulator() {
        moto.resume();
    }

    /** Every AWS call the functions, the state machine and the schedule made, as IAM authorizes them. */
    public AwsCalls awsCalls() {
        return calls;
    }

    /** A bearer token the local authorizer accepts, for the given subject (account) and e-mail. */
    public String issueToken(String subject, String email) {
        return authority.issue(subject, email, TOKEN_LIFETIME);
    }

    /**
     * A token with exactly this header and these claims, signed with the local authority's key: the
     * tokens the authorizer must refuse for what they say (expired, another audience, "alg":"none")
     * although their signature is its own.
     */
    public String signToken(Map<String, Object> header, Map<String, Object> claims) {
        return authority.sign(header, claims);
    }

    /** Runs the scheduled refund check now; returns what it answered. */
    public String runRefundCheck() {
        return runScheduled(EmulatedStackConfig.REFUND_CHECK);
    }

    /** Runs the scheduled CA check now; returns what it answered. */
    public String runCaCheck() {
        return runScheduled(EmulatedStackConfig.CA_CHECK);
    }

    /** Invokes a scheduled function with its schedule's input, as EventBridge Scheduler would; returns what it answered. */
    private String runScheduled(String functionId) {
        SamTemplate.Schedule schedule = schedules.get(functionId);
        FunctionHost function = functions.get(functionId);
        calls.scheduled(function.name());
        FunctionHost.Invocation result = function.invoke(schedule.input().getBytes(StandardCharsets.UTF_8),
                UUID.randomUUID().toString());
        return new String(result.payload(), StandardCharsets.UTF_8);
    }

    /** moto runs state machines only when asked to; otherwise executions just sit RUNNING. */
    private static void enableStateMachineExecution(URI moto) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(moto.resolve("/moto-api/config"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stepfunctions\":{\"execute_state_machine\":true}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("moto refused the Step Functions execution mode: " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An EventBridge rate expression, e.g. {@code rate(1 hour)}. */
    static Duration rate(String expression) {
        Matcher m = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)").matcher(expression.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("the local stack runs rate(...) schedules only, not " + expression);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** An SDK client for the emulator, built the way the tools of this stack build theirs. */
    static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(Region.of(LocalNames.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Stops everything, last started first. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping the local stack: " + e);
            }
        }
        started.clear();
    }
}
