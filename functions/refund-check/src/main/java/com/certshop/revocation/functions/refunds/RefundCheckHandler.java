package com.certshop.revocation.functions.refunds;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.ses.SesAdapters;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.usecase.SettleRefunds;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;

/**
 * The scheduled refund check. The schedule passes a small input of our own
 * ({@code {"trigger": "schedule"}}), not an EventBridge event: the library's ScheduledEvent
 * misreads {@code detail} (aws-lambda-java-libs#479), and nothing in it is needed. The answer
 * counts what this run settled.
 */
public final class RefundCheckHandler implements RequestStreamHandler {
    private final SettleRefunds settle;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public RefundCheckHandler() {
        this(Environment.system());
    }

    /** Wires the real adapters from the given configuration (the local stack passes its own). */
    public RefundCheckHandler(Environment env) {
        this(wire(env));
    }

    public RefundCheckHandler(SettleRefunds settle) {
        this.settle = settle;
    }

    private static SettleRefunds wire(Environment env) {
        AwsClients clients = new AwsClients(env);
        RevocationSettings settings = SettingsFromEnvironment.read(env);
        DynamoDbAdapters dynamo = new DynamoDbAdapters(env, clients);
        Clock clock = Clock.systemUTC();
        return new SettleRefunds(dynamo.certificateStore(), dynamo.refundLedger(clock),
                SesAdapters.mailer(env, clients, settings.calendar().zone()), settings.refundPolicy(), clock);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> request = readOrEmpty(input);
        SettleRefunds.Report report = settle.run();
        Map<String, Object> answer = Map.of("trigger", String.valueOf(request.getOrDefault("trigger", "unknown")),
                "refunded", report.refunded(), "notEligible", report.denied());
        System.out.println("refund check: " + JSON.std.asString(answer));
        JSON.std.write(answer, output);
    }

    private static Map<String, Object> readOrEmpty(InputStream input) throws IOException {
        byte[] bytes = input.readAllBytes();
        return bytes.length == 0 ? Map.of() : JSON.std.mapFrom(bytes);
    }
}
