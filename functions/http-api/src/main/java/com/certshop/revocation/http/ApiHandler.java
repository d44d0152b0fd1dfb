package com.certshop.revocation.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.domain.error.DomainException;

/**
 * The frame every API handler shares: dispatch on the route, turn a domain refusal into its error
 * response, a missing identity into 401, and anything unexpected into a 500 that names the
 * request id (the details go to the log, not to the caller).
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Answers one request; may throw {@link DomainException} or {@link HttpRequest.Unauthenticated}. */
    protected abstract APIGatewayV2HTTPResponse handle(HttpRequest request);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        HttpRequest request = new HttpRequest(event);
        try {
            return handle(request);
        } catch (DomainException e) {
            return refused(request, e);
        } catch (HttpRequest.Unauthenticated e) {
            return HttpResponses.error(401, "UNAUTHENTICATED", e.getMessage());
        } catch (RuntimeException e) {
            String id = context == null ? request.requestId() : context.getAwsRequestId();
            System.err.println("request " + id + " on " + request.routeKey() + " failed: " + e);
            e.printStackTrace();
            return HttpResponses.error(500, "INTERNAL_ERROR", "Something went wrong on our side (request " + id
                    + "). Please try again; a revocation retried with the same Idempotency-Key is applied once.");
        }
    }

    /** How a refusal is shown; JSON unless a handler answers with pages. */
    protected APIGatewayV2HTTPResponse refused(HttpRequest request, DomainException e) {
        return HttpResponses.error(e);
    }

    /** The answer for a route this function does not serve. */
    protected static APIGatewayV2HTTPResponse noSuchRoute(HttpRequest request) {
        return HttpResponses.error(404, "ROUTE_NOT_FOUND", "No route "
                + com.certshop.revocation.domain.text.InputText.echo(request.routeKey()) + ".");
    }
}
