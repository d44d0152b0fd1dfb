package com.certshop.revocation.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.certshop.revocation.aws.ca.CertificateAuthorities;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.AwsFailures;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.secrets.SnapshotSafeRandom;
import com.certshop.revocation.aws.ses.SesAdapters;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsAdapters;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsWorkflowSignals;
import com.certshop.revocation.aws.telemetry.Invocation;
import com.certshop.revocation.aws.telemetry.LogLine;
import com.certshop.revocation.aws.telemetry.Telemetry;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.batch.BatchId;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.AccountId;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.certshop.revocation.domain.usecase.ApplyBatch;
import com.certshop.revocation.domain.usecase.ApplyForRevocation;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;

/**
 * The state machine's tasks (statemachine/revocation.asl.json). Every task invokes this one
 * function with {@code step} naming what to do and the attempt it concerns:
 * <pre>
 * {"step": "requestConfirmation" | "lapse" | "submitToCa" | "fail",
 *  "accountId": "...", "certificateId": "...", "attempt": 1,
 *  "taskToken": "..." (requestConfirmation, submitToCa: the waiting task's token),
 *  "error": "...", "cause": "..." (lapse and fail: the error the state machine caught)}
 * </pre>
 * Every such step answers {@code {}}: the two waiting tasks end when their token is completed, by
 * the confirm handler or by the scheduled CA check ({@link CaCheckHandler}). The batch machine
 * (statemachine/revocation-batch.asl.json) calls it too:
 * <pre>
 * {"step": "applyBatchChunk", "accountId": "...", "batchId": "...", "chunk": 0}
 *     answers {"starts": [{"name": "...", "input": {...}}]}, the revocation runs the machine starts
 * {"step": "mailBatchApplicants", "accountId": "...", "batchId": "..."}   answers {}
 * </pre>
 */
public final class RevocationWorkflowHandler implements RequestStreamHandler, Resource {
    /**
     * A step for attempt 0 of a certificate that cannot exist (the account and the id are reserved
     * for priming). It ends at its first read: the certificate is not found. Even if it were, no
     * attempt 0 exists, so the step would be refused as out of order before anything is written.
     */
    private static final String PRIMING_TASK =
            "{\"step\": \"submitToCa\", \"accountId\": \"snapstart-priming\", \"certificateId\": \"snapstart-priming\","
                    + " \"attempt\": 0, \"taskToken\": \"snapstart-priming\"}";

    private final RevocationSteps steps;
    private final ApplyBatch batches;
    private final Function<RevocationWorkflow.Start, Map<String, Object>> runInput;
    private final SnapshotSafeRandom confirmationTokenRandom;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public RevocationWorkflowHandler() {
        this(Environment.system());
    }

    /**
     * Wires the real adapters from the given configuration (the local stack passes its own) and
     * registers the SnapStart hooks.
     */
    public RevocationWorkflowHandler(Environment env) {
        this(Wiring.of(env));
        Core.getGlobalContext().register(this);
    }

    private RevocationWorkflowHandler(Wiring wiring) {
        this(wiring.steps(), wiring.batches(), wiring.runInput(), wiring.confirmationTokenRandom());
    }

    /**
     * @param runInput                the execution input of a revocation run, for the batch machine to start it with
     * @param confirmationTokenRandom the random the steps' confirmation tokens are drawn from
     */
    public RevocationWorkflowHandler(RevocationSteps steps, ApplyBatch batches,
            Function<RevocationWorkflow.Start, Map<String, Object>> runInput, SnapshotSafeRandom confirmationTokenRandom) {
        this.steps = steps;
        this.batches = batches;
        this.runInput = runInput;
        this.confirmationTokenRandom = confirmationTokenRandom;
    }

    /** The real adapters, built once. */
    private record Wiring(RevocationSteps steps, ApplyBatch batches,
            Function<RevocationWorkflow.Start, Map<String, Object>> runInput, SnapshotSafeRandom confirmationTokenRandom) {
        static Wiring of(Environment env) {
            SnapshotSafeRandom confirmationTokenRandom = new SnapshotSafeRandom();
            AwsClients clients = new AwsClients(env);
            RevocationSettings settings = SettingsFromEnvironment.read(env);
            DynamoDbAdapters dynamo = new DynamoDbAdapters(env, clients);
            Clock clock = Clock.systemUTC();
            var store = dynamo.certificateStore();
            var mailer = SesAdapters.linkingMailer(env, clients, settings.calendar().zone());
            var signals = StepFunctionsAdapters.signalling(StepFunctionsAdapters.client(clients));
            var tokens = settings.confirmationTokens(confirmationTokenRandom);
            RevocationSteps steps = new RevocationSteps(store, dynamo.confirmationStore(), mailer, signals,
                    CertificateAuthorities.fromEnvironment(env, clients, dynamo, clock), tokens, settings.caPolling(), clock);
            // Applying a batch's item writes it; the batch's machine starts its run.
            ApplyBatch batches = new ApplyBatch(dynamo.batchStore(), store,
                    new ApplyForRevocation(store, settings.refundPolicy(), clock), dynamo.confirmationStore(),
                    tokens, mailer, clock);
            return new Wiring(steps, batches, StepFunctionsAdapters.runInput(env, settings)::of, confirmationTokenRandom);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> task = JSON.std.mapFrom(input);
        Map<String, Object> answer;
        // One line per step; the task token and the caught error's cause stay out of it.
        try (Invocation log = Telemetry.begin("workflow step", context == null ? null : context.getAwsRequestId())) {
            log.field("step", task.get("step")).account(task.get("accountId") == null ? null : task.get("accountId").toString())
                    .field("certificateId", task.get("certificateId")).field("attempt", task.get("attempt"))
                    .field("batchId", task.get("batchId")).field("chunk", task.get("chunk")).field("error", task.get("error"));
            try {
                answer = run(task);
            } catch (RuntimeException e) {
                log.threw(e);
                // A store, mail or workflow call that timed out or was throttled, or a certificate that
                // changed under the step at each of its tries: under its own name the state machine
                // would catch it as a failure of the step (lapse the confirmation, fail the revocation);
                // under this one it retries the step, which is safe to run again and decides afresh.
                if (AwsFailures.isTransient(e) || (e instanceof DomainException d && d.code() == ErrorCode.CONCURRENT_UPDATE)) {
                    throw new DependencyUnavailableException(e);
                }
                throw e;
            }
        }
        JSON.std.write(answer, output);
    }

    Map<String, Object> run(Map<String, Object> task) {
        String name = text(task, "step");
        switch (name) {
            case "applyBatchChunk" -> {
                List<Map<String, Object>> starts = batches.applyChunk(new AccountId(text(task, "accountId")),
                        new BatchId(text(task, "batchId")), number(task, "chunk")).stream()
                        .map(start -> Map.<String, Object>of("name", start.runName(), "input", runInput.apply(start)))
                        .toList();
                return Map.of("starts", starts);
            }
            case "mailBatchApplicants" -> {
                batches.mailApplicants(new AccountId(text(task, "accountId")), new BatchId(text(task, "batchId")));
                return Map.of();
            }
            default -> {
                return runStep(name, task);
            }
        }
    }

    private Map<String, Object> runStep(String name, Map<String, Object> task) {
        RevocationSteps.Step step = new RevocationSteps.Step(new AccountId(text(task, "accountId")),
                new CertificateId(text(task, "certificateId")), number(task, "attempt"));
        switch (name) {
            case "requestConfirmation" -> steps.requestConfirmation(step, text(task, "taskToken"));
            case "lapse" -> lapseCause(task).ifPresent(cause -> steps.lapse(step, cause));
            case "submitToCa" -> steps.submitToCa(step, text(task, "taskToken"));
            case "fail" -> steps.fail(step, "The CA could not take the revocation (" + task.getOrDefault("error", "error")
                    + "): " + task.getOrDefault("cause", "no details"));
            default -> throw new IllegalArgumentException("unknown workflow step '" + name + "'");
        }
        return Map.of();
    }

    /**
     * SnapStart priming, before the snapshot: one real task through this function's own path, from
     * the JSON input to the first DynamoDB GetItem ({@link #PRIMING_TASK}), so that the snapshot
     * holds the SDK's classes, request signing and JSON marshalling already loaded; the Step
     * Functions client shares all of that but its operations' own classes. The CA and SES are not
     * called: neither has a request that would do no harm.
     * Priming must never fail the snapshot: anything but the expected refusal is logged and the
     * function starts unprimed. Only an Error (a jar that cannot link) fails it, as it would fail
     * every invocation.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            handleRequest(new ByteArrayInputStream(PRIMING_TASK.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), null);
            Telemetry.write(LogLine.Level.WARN, Map.of("message",
                    "SnapStart priming: a step of a certificate that cannot exist was not refused"), null);
        } catch (DomainException expected) {
            // Its own line (requestId snapstart-priming, outcome REFUSED) already says so.
        } catch (IOException | RuntimeException e) {
            Telemetry.primingFailed(e);
        }
    }

    /** Restored environments must not share the generator confirmation tokens are drawn from, or their tokens could repeat. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        confirmationTokenRandom.forget();
    }

    /**
     * Why the wait for confirmation ended, from the error the state machine caught, when this
     * step has a lapse to record. Our own refusal ({@code RevocationNotConfirmed}) is only ever
     * sent after the rejection, cancellation or earlier lapse was recorded, so there is nothing
     * left to do and its cause text is not needed. A timeout means nobody answered; any other
     * error means the mail could not be sent.
     */
    static Optional<LapseCause> lapseCause(Map<String, Object> task) {
        String error = String.valueOf(task.get("error"));
        if (StepFunctionsWorkflowSignals.NOT_CONFIRMED_ERROR.equals(error)) {
            return Optional.empty();
        }
        if ("States.Timeout".equals(error) || "States.HeartbeatTimeout".equals(error)) {
            return Optional.of(LapseCause.CONFIRMATION_TIMED_OUT);
        }
        return Optional.of(LapseCause.CONFIRMATION_NOT_SENT);
    }

    private static String text(Map<String, Object> task, String name) {
        Object value = task.get(name);
        if (value == null) {
            throw new IllegalArgumentException("workflow task input lacks '" + name + "'");
        }
        return value.toString();
    }

    private static int number(Map<String, Object> task, String name) {
        Object value = task.get(name);
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("workflow task input '" + name + "' must be a number, not " + value);
    }
}
