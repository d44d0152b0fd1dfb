package com.certshop.revocation.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingBounds;
import com.certshop.revocation.aws.telemetry.Invocation;
import com.certshop.revocation.aws.telemetry.Metric;
import com.certshop.revocation.aws.telemetry.SkippedItemLog;
import com.certshop.revocation.aws.telemetry.Telemetry;
import com.certshop.revocation.domain.usecase.CheckCaWaits;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.crac.Core;
import org.crac.Resource;

/**
 * The scheduled CA check ({@link CheckCaWaits}): asks the CA about every revocation whose check is
 * due and completes the task tokens the workflow runs wait on. It lives in the workflow's jar
 * because it talks to the same CA adapters. The schedule's input is ignored; the answer counts
 * what this run did ({@code checked}, {@code revoked}, {@code failed}, {@code pending},
 * {@code errors}) and what it left for the next run ({@code left}).
 */
public final class CaCheckHandler implements RequestStreamHandler, Resource {
    /**
     * No new item is taken once less than this is left of the invocation: one item makes a CA
     * call (5 s limit), a few DynamoDB writes, a mail and a Step Functions call (8 s limit each at
     * most, AwsClients), and must end before Lambda stops the function (template.yaml: 60 s).
     */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(25);

    private final CheckCaWaits checks;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public CaCheckHandler() {
        this(Environment.system());
    }

    /**
     * Wires the real adapters from the given configuration (the local stack passes its own) and
     * registers the SnapStart hooks.
     */
    public CaCheckHandler(Environment env) {
        this(Wiring.of(env));
        Core.getGlobalContext().register(this);
    }

    private CaCheckHandler(Wiring wiring) {
        this(wiring.checks());
    }

    public CaCheckHandler(CheckCaWaits checks) {
        this.checks = checks;
    }

    /** The real adapters, built once. */
    private record Wiring(CheckCaWaits checks) {
        static Wiring of(Environment env) {
            CaAdapters ca = CaAdapters.of(env, new AwsClients(env));
            return new Wiring(new CheckCaWaits(ca.store(), ca.mailer(), ca.signals(), ca.ca(), ca.polling(),
                    env.requireInt(SettingBounds.CA_CHECKS_PER_RUN),
                    Duration.ofSeconds(1).dividedBy(env.requireInt(SettingBounds.CA_CHECKS_PER_SECOND)),
                    duration -> Thread.sleep(duration.toMillis()), new SkippedItemLog("CA check: item skipped"), ca.clock()));
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try (Invocation log = Telemetry.begin("CA check", context.getAwsRequestId())) {
            check(input, output, () -> context.getRemainingTimeInMillis() > SAFETY_MARGIN.toMillis(), log);
        }
    }

    private void check(InputStream input, OutputStream output, BooleanSupplier timeLeft, Invocation log) throws IOException {
        input.readAllBytes();
        CheckCaWaits.Report report;
        try {
            report = checks.run(timeLeft);
        } catch (RuntimeException e) {
            log.threw(e);
            throw e;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("checked", report.checked());
        answer.put("revoked", report.revoked());
        answer.put("failed", report.failed());
        answer.put("pending", report.pending());
        answer.put("errors", report.errors());
        answer.put("left", report.left());
        answer.forEach(log::field);
        log.metrics().count(Metric.CaCheckErrors, report.errors());
        if (report.checked() + report.errors() + report.left() == 0) {
            // A run that found nothing due says nothing: on AWS it runs every minute.
            log.silence();
        }
        JSON.std.write(answer, output);
    }

    /**
     * SnapStart priming, before the snapshot: the check itself, as if its time were already up.
     * It runs the due-items query (one DynamoDB Query per shard) and takes no item, so it asks the
     * CA nothing and writes nothing. Priming must never fail the snapshot: a failure is logged and
     * the function starts unprimed.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            try (Invocation log = Telemetry.begin("CA check", null)) {
                check(InputStream.nullInputStream(), OutputStream.nullOutputStream(), () -> false, log);
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
