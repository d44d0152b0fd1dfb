package com.certshop.revocation.functions.submit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.ses.SesAdapters;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsAdapters;
import com.certshop.revocation.aws.telemetry.SkippedItemLog;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.batch.BatchId;
import com.certshop.revocation.domain.batch.Selection;
import com.certshop.revocation.domain.batch.Selections;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.text.InputText;
import com.certshop.revocation.domain.usecase.BulkRevocation;
import com.certshop.revocation.domain.usecase.CancelRevocation;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import com.certshop.revocation.http.ApiHandler;
import com.certshop.revocation.http.HttpRequest;
import com.certshop.revocation.http.HttpResponses;
import com.certshop.revocation.http.Json;
import com.certshop.revocation.http.JsonViews;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/** A customer applies to revoke a certificate (POST) or withdraws an application awaiting confirmation (DELETE). */
public final class SubmitRevocationHandler extends ApiHandler implements Resource {
    private final SubmitRevocation submit;
    private final CancelRevocation cancel;
    private final BulkRevocation bulk;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public SubmitRevocationHandler() {
        this(Environment.system());
    }

    /**
     * Wires the real adapters from the given configuration (the local stack passes its own) and
     * registers the SnapStart hooks.
     */
    public SubmitRevocationHandler(Environment env) {
        this(Wiring.of(env));
        Core.getGlobalContext().register(this);
    }

    private SubmitRevocationHandler(Wiring wiring) {
        this(wiring.submit(), wiring.cancel(), wiring.bulk());
    }

    public SubmitRevocationHandler(SubmitRevocation submit, CancelRevocation cancel, BulkRevocation bulk) {
        this.submit = submit;
        this.cancel = cancel;
        this.bulk = bulk;
    }

    /** The real adapters, built once. */
    private record Wiring(SubmitRevocation submit, CancelRevocation cancel, BulkRevocation bulk) {
        static Wiring of(Environment env) {
            AwsClients clients = new AwsClients(env);
            RevocationSettings settings = SettingsFromEnvironment.read(env);
            var dynamo = new DynamoDbAdapters(env, clients);
            var store = dynamo.certificateStore();
            // One client for the revocation runs it starts and signals, and the batch runs it starts.
            var sfn = StepFunctionsAdapters.client(clients);
            var workflow = StepFunctionsAdapters.starting(env, sfn, settings);
            var mailer = SesAdapters.mailer(env, clients, settings.calendar().zone());
            Clock clock = Clock.systemUTC();
            return new Wiring(new SubmitRevocation(store, workflow, settings.refundPolicy(),
                    new SkippedItemLog("revocation application: workflow run not started; the sweep will start it"), clock),
                    new CancelRevocation(store, workflow, StepFunctionsAdapters.signalling(sfn), mailer, settings.refundPolicy(), clock),
                    new BulkRevocation(store, dynamo.batchStore(), StepFunctionsAdapters.batches(env, sfn),
                            settings.refundPolicy(), clock));
        }
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        HttpRequest.Caller caller = request.caller();
        return switch (request.routeKey()) {
            case "POST /certificates/{id}/revocation" -> {
                String reason = Json.text(request.jsonObject().get("reason"));
                if (dryRun(request.query("dryRun"))) {
                    yield HttpResponses.json(200, JsonViews.revocationPreview(submit.preview(caller.account(),
                            request.certificateId(), reason, caller.actor())));
                }
                SubmitRevocation.Result result = submit.submit(new SubmitRevocation.Command(caller.account(),
                        request.certificateId(), reason, caller.actor(),
                        request.header("Idempotency-Key").orElse(null)));
                // 202: the revocation is accepted and under way; it completes asynchronously.
                yield HttpResponses.json(202, JsonViews.submission(result),
                        result.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of());
            }
            case "POST /revocations" -> {
                Map<String, Object> body = request.jsonObject();
                String reason = Json.text(body.get("reason"));
                Selection selection = Selections.parse(body.get("certificateIds"), body.get("selector"));
                if (dryRun(request.query("dryRun"))) {
                    yield HttpResponses.json(200, JsonViews.batchPreview(bulk.preview(caller.account(), caller.actor(),
                            reason, selection)));
                }
                BulkRevocation.Submitted submitted = bulk.submit(new BulkRevocation.Command(caller.account(),
                        caller.actor(), reason, selection, request.header("Idempotency-Key").orElse(null)));
                yield HttpResponses.json(202, JsonViews.batchSubmitted(submitted),
                        submitted.replayed() ? Map.of("Idempotent-Replayed", "true") : Map.of());
            }
            case "GET /revocations/{batchId}" -> HttpResponses.json(200, JsonViews.batchReport(
                    bulk.report(caller.account(), new BatchId(request.pathParameter("batchId").orElse(null)))));
            case "DELETE /certificates/{id}/revocation" -> HttpResponses.json(200,
                    JsonViews.certificate(cancel.cancel(caller.account(), request.certificateId(), caller.actor())));
            default -> noSuchRoute(request);
        };
    }

    /**
     * {@code dryRun=true} or {@code false} (any letter case, surrounding spaces forgiven); absent is
     * false. Given but empty ({@code ?dryRun=}, {@code ?dryRun}) is neither: a client that writes an
     * unset flag into the query must not revoke for real.
     */
    private static boolean dryRun(String value) {
        if (value == null) {
            return false;
        }
        String given = InputText.stripSpaces(value);
        if (!given.equalsIgnoreCase("true") && !given.equalsIgnoreCase("false")) {
            throw new DomainException(ErrorCode.INVALID_DRY_RUN, "dryRun must be true or false, not '"
                    + InputText.echo(given) + "'.", List.of("true", "false"));
        }
        return given.equalsIgnoreCase("true");
    }

    /** Only an application takes an Idempotency-Key; a cancel is safe to repeat as it is. */
    @Override
    protected String retryAdvice(HttpRequest request) {
        return ("POST /certificates/{id}/revocation".equals(request.routeKey()) || "POST /revocations".equals(request.routeKey()))
                ? " A revocation retried with the same Idempotency-Key is applied once." : "";
    }

    /**
     * SnapStart priming, before the snapshot: one real request through this function's own path, an
     * application to revoke a certificate that cannot exist, which ends at its first read (one
     * DynamoDB GetItem, then 404), so that the snapshot holds the SDK's classes, request signing and
     * JSON marshalling already loaded. The Step Functions client shares all of that but its
     * operations' own classes; SES has no request that would do no harm, so the mail is left unprimed.
     * ApiHandler turns any failure into an answer (a 500 whose cause it logs), so priming can never
     * fail the snapshot; the function then merely starts unprimed. The request's own JSON line
     * (requestId {@code snapstart-priming}) says how it went.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        handleRequest(primingRequest("POST /certificates/{id}/revocation", "/certificates/" + PRIMING_ID + "/revocation",
                "{\"reason\": \"superseded\"}"), null);
    }

    /** Nothing here is unique to an execution environment: a restored one goes on as it is. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
