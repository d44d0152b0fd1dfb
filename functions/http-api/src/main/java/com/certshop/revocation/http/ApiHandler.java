package com.certshop.revocation.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.aws.config.AwsFailures;
import com.certshop.revocation.aws.telemetry.Invocation;
import com.certshop.revocation.aws.telemetry.Metric;
import com.certshop.revocation.aws.telemetry.Telemetry;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.port.UnreadableCertificateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * The frame every API handler shares: dispatch on the route, turn a domain refusal into its error
 * response, a missing identity into 401, an AWS dependency that is down or throttling into 503,
 * a stored certificate that cannot be read into a 500 of its own, and anything else unexpected
 * into a 500 that names the request id (the details go to the log, not to the caller).
 *
 * <p>Lambda calls it as a stream handler: its runtime prefers that signature, for the class and for
 * {@code ::handleRequest}, and reading the event with the function's own JSON library spares the
 * cold start the runtime's event serializer ({@link PayloadV2}). The typed method is the same
 * answer for callers that hold an event object.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>,
        RequestStreamHandler {
    /**
     * The account and certificate a SnapStart priming request names. Never issued: a priming
     * request must end at its first read, finding nothing.
     */
    protected static final String PRIMING_ID = "snapstart-priming";

    /**
     * A request on a customer route of the priming account, for the certificate {@code PRIMING_ID}:
     * what a handler runs once before the snapshot so that its classes are loaded and its first read
     * is made.
     */
    protected static APIGatewayV2HTTPEvent primingRequest(String routeKey, String rawPath, String body) {
        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder request = APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withRawPath(rawPath)
                .withPathParameters(Map.of("id", PRIMING_ID))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(PRIMING_ID)
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(Map.of("sub", PRIMING_ID)).build())
                                .build())
                        .build());
        if (body != null) {
            request.withHeaders(Map.of("content-type", "application/json")).withBody(body);
        }
        return request.build();
    }

    /**
     * Seconds a client should wait after a 503. The SDK has already retried within the call, so the
     * outage outlasted several seconds; asking for a few more keeps clients from hammering it.
     */
    static final int RETRY_AFTER_SECONDS = 5;

    /** Answers one request; may throw {@link DomainException} or {@link HttpRequest.Unauthenticated}. */
    protected abstract APIGatewayV2HTTPResponse handle(HttpRequest request);

    @Override
    public final void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        PayloadV2.writeResponse(handleRequest(PayloadV2.readEvent(event), context), answer);
    }

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = new HttpRequest(event);
        String id = context == null ? request.requestId() : context.getAwsRequestId();
        // One line per request, written when it is answered, with the metrics the request produced.
        try (Invocation log = Telemetry.begin("request", context == null ? null : id)) {
            log.field("route", request.routeKey()).field("certificateId", request.pathParameter("id").orElse(null));
            APIGatewayV2HTTPResponse response = answer(request, id, log);
            int status = response.getStatusCode();
            log.field("status", status);
            if (status >= 400) {
                if (log.errorCode().isEmpty()) {
                    // Answered without an exception and without refusedWith (ROUTE_NOT_FOUND): the code is the answer's.
                    String code = HttpResponses.errorCodeOf(response).orElse("HTTP_" + status);
                    if (status >= 500) {
                        log.failed(code, null);
                    } else {
                        log.refused(code);
                    }
                }
                log.metrics().count(status >= 500 ? Metric.ServerErrors : Metric.ClientErrors, 1,
                        Map.of("errorCode", log.errorCode().orElseThrow()));
            }
            return response;
        }
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request, String id, Invocation log) {
        try {
            log.account(request.subject().orElse(null));
            return handle(request);
        } catch (DomainException e) {
            log.refused(e.code().name());
            return refused(request, e);
        } catch (HttpRequest.Unauthenticated e) {
            log.refused("UNAUTHENTICATED");
            return HttpResponses.error(401, "UNAUTHENTICATED", e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof UnreadableCertificateException) {
                // Retrying cannot help and the caller cannot fix it: a code of its own, so clients and
                // alarms can tell a damaged record from a passing failure. The key is in the log.
                log.failed("CERTIFICATE_UNREADABLE", e);
                return failed(request, 500, "CERTIFICATE_UNREADABLE", "The stored record of this certificate cannot"
                        + " be read, so nothing was done with it (request " + id + "). Please contact support.", Map.of());
            }
            if (AwsFailures.isTransient(e)) {
                log.failed("SERVICE_UNAVAILABLE", e);
                return failed(request, 503, "SERVICE_UNAVAILABLE", "The service is briefly unavailable (request " + id
                        + "). Please try again in a few seconds." + retryAdvice(request),
                        Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
            }
            log.failed("INTERNAL_ERROR", e);
            return failed(request, 500, "INTERNAL_ERROR", "Something went wrong on our side (request " + id
                    + "). Please try again." + retryAdvice(request), Map.of());
        }
    }

    /**
     * What a retry after a failure of ours does, appended to its message; empty by default. A route
     * that changes something says how to retry it safely.
     */
    protected String retryAdvice(HttpRequest request) {
        return "";
    }

    /** How a refusal is shown; JSON unless a handler answers with pages. */
    protected APIGatewayV2HTTPResponse refused(HttpRequest request, DomainException e) {
        return HttpResponses.error(e);
    }

    /** How a failure of ours (500, 503) is shown; JSON unless a handler answers with pages. */
    protected APIGatewayV2HTTPResponse failed(HttpRequest request, int status, String code, String message,
            Map<String, String> headers) {
        return HttpResponses.error(status, code, message, headers);
    }

    /**
     * For a refusal answered without an exception (a page for a spent link): the stable code this
     * request's log line and error metric carry, instead of the bare status.
     */
    protected static void refusedWith(ErrorCode code) {
        Telemetry.current().ifPresent(log -> log.refused(code.name()));
    }

    /** The answer for a route this function does not serve. */
    protected static APIGatewayV2HTTPResponse noSuchRoute(HttpRequest request) {
        return HttpResponses.error(404, "ROUTE_NOT_FOUND", "No route "
                + com.certshop.revocation.domain.text.InputText.echo(request.routeKey()) + ".");
    }
}
