package com.certshop.revocation.http.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads HTTP API payload v2.0 fixtures from {@code src/test/resources/events/} through the same
 * serializer the Lambda Java runtime uses, so a handler test sees what the handler sees on AWS.
 */
public final class Events {
    private static final PojoSerializer<APIGatewayV2HTTPEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, Events.class.getClassLoader());

    private Events() {
    }

    public static APIGatewayV2HTTPEvent load(String fixture) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture events/" + fixture);
            }
            return SERIALIZER.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with another {id} path parameter. */
    public static APIGatewayV2HTTPEvent withId(APIGatewayV2HTTPEvent event, String id) {
        Map<String, String> path = new HashMap<>(event.getPathParameters());
        path.put("id", id);
        event.setPathParameters(path);
        event.setRawPath(event.getRawPath().replaceFirst("/certificates/[^/]+", "/certificates/" + id));
        return event;
    }

    /** The fixture as if sent by another account (another token subject). */
    public static APIGatewayV2HTTPEvent asSubject(APIGatewayV2HTTPEvent event, String subject) {
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("sub", subject);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }

    /** The fixture without the authorizer's claims, as a request without a valid token would be. */
    public static APIGatewayV2HTTPEvent unauthenticated(APIGatewayV2HTTPEvent event) {
        event.getRequestContext().setAuthorizer(null);
        return event;
    }

    /** A response body parsed as a JSON object. */
    public static Map<String, Object> body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.std.mapFrom(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.getBody(), e);
        }
    }

    /** The {@code error.code} of an error response. */
    @SuppressWarnings("unchecked")
    public static String errorCode(APIGatewayV2HTTPResponse response) {
        return (String) ((Map<String, Object>) body(response).get("error")).get("code");
    }
}
