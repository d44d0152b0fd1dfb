package com.certshop.revocation.functions.refunds;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingBounds;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.ses.SesAdapters;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsAdapters;
import com.certshop.revocation.aws.telemetry.Invocation;
import com.certshop.revocation.aws.telemetry.Metric;
import com.certshop.revocation.aws.telemetry.SkippedItemLog;
import com.certshop.revocation.aws.telemetry.Telemetry;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.usecase.SettleRefunds;
import com.certshop.revocation.domain.usecase.SweepStuckRevocations;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The scheduled check: settles due refunds, then sweeps revocations that nothing moves forward
 * (see {@link SweepStuckRevocations}). The schedule passes a small input of our own
 * ({@code {"trigger": "schedule"}}), not an EventBridge event: the library's ScheduledEvent
 * misreads {@code detail} (aws-lambda-java-libs#479), and nothing in it is needed. The answer
 * counts what this run did, and what it left for the next run ({@code refundsLeft},
 * {@code sweepLeft}) when its time ran short.
 */
public final class RefundCheckHandler implements RequestStreamHandler, Resource {
    /**
     * No new item is taken once less than this is left of the invocation. Each AWS call gives up
     * after 8 seconds (AwsClients), and an item makes at most five of them unless it loses a race
     * (a refund claim: read, ledger, write, mail; a stuck revocation: look its run up, start it),
     * so even an item whose every call runs to that limit ends before Lambda stops the function,
     * 300 s after it started (template.yaml), instead of being cut off halfway.
     */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(60);
    /** What priming runs: the whole check with no time left, so both queries run and no item is taken. */
    private static final String PRIMING_INPUT = "{\"trigger\": \"snapstart-priming\"}";

    private final SettleRefunds settle;
    private final SweepStuckRevocations sweep;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public RefundCheckHandler() {
        this(Environment.system());
    }

    /**
     * Wires the real adapters from the given configuration (the local stack passes its own) and
     * registers the SnapStart hooks.
     */
    public RefundCheckHandler(Environment env) {
        this(Wiring.of(env));
        Core.getGlobalContext().register(this);
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
                            SesAdapters.mailer(env, clients, settings.calendar().zone()), new SkippedItemLog("refund check: item skipped"), clock),
                    new SweepStuckRevocations(store, StepFunctionsAdapters.starting(env, StepFunctionsAdapters.client(clients), settings),
                            Duration.ofSeconds(env.requireInt(SettingBounds.STUCK_REVOCATION_GRACE_SECONDS)),
                            new SkippedItemLog("sweep: item skipped"), clock));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (Invocation log = Telemetry.begin("refund check", context.getAwsRequestId())) {
            check(input, output, () -> context.getRemainingTimeInMillis() > SAFETY_MARGIN.toMillis(), log);
        }
    }

    private void check(InputStream input, OutputStream output, BooleanSupplier timeLeft, Invocation log) throws IOException {
        Map<String, Object> request = readOrEmpty(input);
        SettleRefunds.Report refunds;
        SweepStuckRevocations.Report sweep;
        try {
            refunds = settle.run(timeLeft);
            sweep = this.sweep.run(timeLeft);
        } catch (RuntimeException e) {
            log.threw(e);
            throw e;
        }
        // failed: items of either part that could not be read or processed; each has a line of its own (SkippedItemLog).
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("trigger", String.valueOf(request.getOrDefault("trigger", "unknown")));
        answer.put("refunded", refunds.refunded());
        answer.put("notEligible", refunds.denied());
        answer.put("refundsLeft", refunds.left());
        answer.put("failed", refunds.failed() + sweep.failed());
        answer.put("workflowsStarted", sweep.workflowsStarted());
        answer.put("needAttention", sweep.needAttention().stream().map(CertificateId::value).toList());
        answer.put("sweepLeft", sweep.left());
        answer.forEach(log::field);
        // Gauges, written every run, so their alarms see them fall back to 0.
        log.metrics().count(Metric.NeedAttention, sweep.needAttention().size());
        log.metrics().count(Metric.RefundCheckItemsFailed, refunds.failed() + sweep.failed());
        JSON.std.write(answer, output);
    }

    private static Map<String, Object> readOrEmpty(InputStream input) throws IOException {
        byte[] bytes = input.readAllBytes();
        return bytes.length == 0 ? Map.of() : JSON.std.mapFrom(bytes);
    }

    /**
     * SnapStart priming, before the snapshot: the check itself, as if its time were already up
     * ({@link #PRIMING_INPUT}). It reads its input, runs both queries (one DynamoDB Query on each of
     * its indexes), takes no item, so it settles nothing and starts nothing, and writes its
     * answer. The snapshot then holds the SDK's classes, request signing and JSON marshalling
     * already loaded; the Step Functions client shares all of that but its operations' own
     * classes, and SES has no request that would do no harm. Priming must never fail the snapshot:
     * a failure is logged and the function starts unprimed. Only an Error (a jar that cannot
     * link) fails it, as it would fail every invocation.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            try (Invocation log = Telemetry.begin("refund check", null)) {
                check(new ByteArrayInputStream(PRIMING_INPUT.getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream(),
                        () -> false, log);
            }
        } catch (IOException | RuntimeException e) {
            Telemetry.primingFailed(e);
        }
    }

    /** Nothing here is unique to an execution environment: a restored one goes on as it is. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
