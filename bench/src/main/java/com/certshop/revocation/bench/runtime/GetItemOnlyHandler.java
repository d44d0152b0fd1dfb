package com.certshop.revocation.bench.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Not a function: the startup run's measure of one AWS call on its own (README: Benchmark). Run
 * by {@link LambdaJavaRuntime} in front of a function's code, with that function's environment, it
 * makes the read function's GetItem (a certificate by key, consistent read) through a client built
 * by the functions' own {@link AwsClients}, and nothing else: no event parsing, no domain, no log
 * line. Its warm calls against the instant stub, less the bare exchange, are the SDK's and the HTTP
 * client's own cost per AWS request; a handler's row less this one is the handler's own work.
 *
 * <p>The event is {@code {"pk": ..., "sk": ...}}, read without a JSON library; the answer is
 * {@code {"statusCode": 200}} when the item exists, 404 when it does not.
 */
public final class GetItemOnlyHandler implements RequestStreamHandler {
    private final DynamoDbClient dynamo = new AwsClients(Environment.system()).build(DynamoDbClient.builder());
    private final String table = System.getenv("TABLE_NAME");

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) throws IOException {
        String json = new String(event.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(field(json, "pk")),
                "sk", AttributeValue.fromS(field(json, "sk")));
        boolean found = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).hasItem();
        answer.write(("{\"statusCode\": " + (found ? 200 : 404) + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        int colon = json.indexOf(':', json.indexOf("\"" + name + "\""));
        int start = json.indexOf('"', colon) + 1;
        return json.substring(start, json.indexOf('"', start));
    }
}
