package com.certshop.revocation.functions.refunds;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.ses.SesAdapters;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsAdapters;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.usecase.SettleRefunds;
import com.certshop.revocation.domain.usecase.SweepStuckRevocations;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The scheduled check: settles due refunds, then sweeps revocations that nothing moves forward
 * (see {@link SweepStuckRevocations}). The schedule passes a small input of our own
 * ({@code {"trigger": "schedule"}}), not an EventBridge event: the library's ScheduledEvent
 * misreads {@code detail} (aws-lambda-java-libs#479), and nothing in it is needed. The answer
 * counts what this run did.
 */
public final class RefundCheckHandler implements RequestStreamHandler {
    /** How long after its application a revocation may be without a workflow run before the sweep starts one. */
    public static final String STUCK_REVOCATION_GRACE_SECONDS = "STUCK_REVOCATION_GRACE_SECONDS";

    private final SettleRefunds settle;
    private final SweepStuckRevocations sweep;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public RefundCheckHandler() {
        this(Environment.system());
    }

    /** Wires the real adapters from the given configuration (the local stack passes its own). */
    public RefundCheckHandler(Environment env) {
        this(Wiring.of(env));
    }

    private RefundCheckHandler(Wiring wiring) {
        this(wiring.settle(), wiring.sweep());
    }

    public RefundCheckHandler(SettleRefunds settle, SweepStuckRevocations sweep) {
        this.settle = settle;
        this.sweep = sweep;
    }

    /** The real adapters, built once. */
    private record Wiring(SettleRefunds settle, SweepStuckRevocations sweep) {
        static Wiring of(Environment env) {
            AwsClients clients = new AwsClients(env);
            RevocationSettings settings = SettingsFromEnvironment.read(env);
            DynamoDbAdapters dynamo = new DynamoDbAdapters(env, clients);
            var store = dynamo.certificateStore();
            Clock clock = Clock.systemUTC();
            return new Wiring(
                    new SettleRefunds(store, dynamo.refundLedger(clock),
                            SesAdapters.mailer(env, clients, settings.calendar().zone()), settings.refundPolicy(), clock),
                    new SweepStuckRevocations(store, StepFunctionsAdapters.starting(env, clients, settings.confirmationValidity()),
                            Duration.ofSeconds(env.requireInt(STUCK_REVOCATION_GRACE_SECONDS)), clock));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> request = readOrEmpty(input);
        SettleRefunds.Report refunds = settle.run();
        SweepStuckRevocations.Report sweep = this.sweep.run();
        Map<String, Object> answer = Map.of("trigger", String.valueOf(request.getOrDefault("trigger", "unknown")),
                "refunded", refunds.refunded(), "notEligible", refunds.denied(),
                "workflowsStarted", sweep.workflowsStarted(),
                "needAttention", sweep.needAttention().stream().map(CertificateId::value).toList());
        System.out.println("refund check: " + JSON.std.asString(answer));
        JSON.std.write(answer, output);
    }

    private static Map<String, Object> readOrEmpty(InputStream input) throws IOException {
        byte[] bytes = input.readAllBytes();
        return bytes.length == 0 ? Map.of() : JSON.std.mapFrom(bytes);
    }
}
