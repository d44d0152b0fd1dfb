package com.certshop.revocation.local.host;

import com.certshop.revocation.local.iam.AwsCalls;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local AWS endpoint. moto's Step Functions calls Lambda at {@code http://localhost:$MOTO_PORT},
 * so moto is started with MOTO_PORT set to this server's port: here the Lambda Invoke API runs the
 * function from template.yaml, and every other request is passed on to moto unchanged, unless a
 * test has armed a fault for it in {@link #faults()}. Both kinds are recorded in {@link AwsCalls}
 * (caller, IAM action, resource) for the build's IAM check, refused ones too.
 */
public final class LambdaGateway extends LoopbackServer {
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    /** Hop-by-hop and computed headers the proxy must not copy. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile URI moto;

    private final Map<String, FunctionHost> functions;
    private final AwsCalls calls;
    private final FaultPlan faults = new FaultPlan();

    public LambdaGateway(int port, Map<String, FunctionHost> functionsByLogicalId, AwsCalls calls) throws IOException {
        super(port);
        this.functions = functionsByLogicalId;
        this.calls = calls;
        serve(this::handle);
    }

    /** The faults armed for the requests passed on to moto. */
    public FaultPlan faults() {
        return faults;
    }

    /** Where requests that are not Lambda invocations go. */
    public void forwardTo(URI motoEndpoint) {
        this.moto = motoEndpoint;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            if ("POST".equals(exchange.getRequestMethod()) && invoke.matches()) {
                calls.invoked(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders());
                invoke(exchange, URLDecoder.decode(invoke.group(1), StandardCharsets.UTF_8));
            } else {
                forward(exchange);
            }
        } catch (RuntimeException e) {
            System.err.println("[aws-gateway] " + exchange.getRequestURI() + ": " + e);
        }
    }

    private void invoke(HttpExchange exchange, String functionName) throws IOException {
        // Called by name or by ARN (arn:aws:lambda:region:account:function:Name[:alias]); the name is the
        // logical id, and every alias runs the one version this host has.
        String id = functionName.startsWith("arn:") ? functionName.split(":")[6] : functionName;
        FunctionHost function = functions.get(id);
        byte[] payload = exchange.getRequestBody().readAllBytes();
        if (function == null) {
            Exchanges.send(exchange, 404, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ResourceNotFoundException"),
                    ("{\"Type\":\"User\",\"Message\":\"Function not found: " + functionName + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String requestId = UUID.randomUUID().toString();
        if ("Event".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
            threads.submit(() -> function.invoke(payload, requestId));
            Exchanges.send(exchange, 202, Map.of("x-amzn-RequestId", requestId), new byte[0]);
            return;
        }
        FunctionHost.Invocation result = function.invoke(payload, requestId);
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Content-Type", "application/json",
                "x-amzn-RequestId", requestId, "X-Amz-Executed-Version", "$LATEST"));
        if (result.failed()) {
            headers.put("X-Amz-Function-Error", "Unhandled"); // what tells Step Functions the function failed
        }
        Exchanges.send(exchange, 200, headers, result.payload());
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        calls.forwarded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders(), body);
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        Optional<FaultPlan.Answer> refusal = faults.take(FaultPlan.operation(exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), amzTarget), body).flatMap(rule -> rule.apply(amzTarget != null));
        if (refusal.isPresent()) {
            Exchanges.send(exchange, refusal.get().status(), refusal.get().headers(), refusal.get().body());
            return;
        }
        URI target = moto.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(),
                HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            Exchanges.send(exchange, response.statusCode(), Map.of(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to moto", e);
        }
    }
}
