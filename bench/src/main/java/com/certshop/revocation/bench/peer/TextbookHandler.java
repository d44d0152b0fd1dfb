package com.certshop.revocation.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The bench's peer: a handler written the way AWS's getting-started samples write one, for the
 * cold-start and per-call comparison (README: Benchmark). A POJO handler of the API Gateway v2
 * event, a client from {@code DynamoDbClient.create()} (default builder, default HTTP client,
 * region and endpoint from the environment), Jackson databind for the answer, one GetItem of the
 * certificate the path names. It is not the service and is never deployed.
 */
public class TextbookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final DynamoDbClient DYNAMO = DynamoDbClient.create();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TABLE = System.getenv("TABLE_NAME");

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String account = event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub");
        String id = event.getPathParameters().get("id");
        GetItemResponse item = DYNAMO.getItem(r -> r.tableName(TABLE).key(Map.of(
                "pk", AttributeValue.fromS("CERT#" + account + "#" + id), "sk", AttributeValue.fromS("CERT"))));
        if (!item.hasItem()) {
            return answer(404, Map.of("error", "not found"));
        }
        Map<String, Object> body = new HashMap<>();
        item.item().forEach((name, value) -> body.put(name, value.s() != null ? value.s() : value.n()));
        return answer(200, body);
    }

    private static APIGatewayV2HTTPResponse answer(int status, Map<String, Object> body) {
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
