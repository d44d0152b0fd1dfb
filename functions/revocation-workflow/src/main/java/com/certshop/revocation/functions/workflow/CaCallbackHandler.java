package com.certshop.revocation.functions.workflow;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.secrets.SecretString;
import com.certshop.revocation.aws.telemetry.Telemetry;
import com.certshop.revocation.domain.ca.CaUnavailableException;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.X509Details;
import com.certshop.revocation.domain.text.InputText;
import com.certshop.revocation.domain.usecase.CaCallbacks;
import com.certshop.revocation.domain.usecase.CheckCaWaits;
import com.certshop.revocation.http.ApiHandler;
import com.certshop.revocation.http.HttpRequest;
import com.certshop.revocation.http.HttpResponses;
import com.certshop.revocation.http.Json;
import com.certshop.revocation.http.WebhookSignature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code POST /ca/callbacks}: a CA that can call back says it has news of a certificate, and its
 * revocation is checked at once ({@link CaCallbacks}) instead of at the next scheduled CA check.
 * Public, like the confirmation routes; the credential is the delivery's signature under the
 * stack's callback secret ({@link WebhookSignature}, the Standard Webhooks scheme), checked before
 * anything in the body is read. It lives in the workflow's jar because it talks to the same CA
 * adapters as the CA check.
 *
 * <p>The body is {@code {"serialNumber": "<hex>"}}; other members, such as an event type, are
 * ignored, because the callback only says when to look. The answer counts what the check did, as
 * the scheduled check's does. A status that cannot be read now is a 503 with Retry-After, so that
 * a sender that retries comes back; the scheduled checks cover the revocation either way.
 */
public final class CaCallbackHandler extends ApiHandler implements Resource {
    static final String ROUTE = "POST /ca/callbacks";

    private final CaCallbacks callbacks;
    private final WebhookSignature signature;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public CaCallbackHandler() {
        this(Environment.system());
    }

    /** Wires the real adapters from the given configuration (the local stack passes its own) and registers the SnapStart hooks. */
    public CaCallbackHandler(Environment env) {
        this(Wiring.of(env));
        Core.getGlobalContext().register(this);
    }

    private CaCallbackHandler(Wiring wiring) {
        this(wiring.callbacks(), wiring.signature());
    }

    public CaCallbackHandler(CaCallbacks callbacks, WebhookSignature signature) {
        this.callbacks = callbacks;
        this.signature = signature;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        if (!ROUTE.equals(request.routeKey())) {
            return noSuchRoute(request);
        }
        try {
            signature.verify(request);
        } catch (WebhookSignature.Invalid e) {
            return HttpResponses.error(401, "INVALID_SIGNATURE", e.getMessage());
        }
        Object written = request.jsonObject().get("serialNumber");
        if (written != null && !(written instanceof String)) {
            // A JSON number would be read in decimal, or lose its leading zeros: a serial is written in hex, as text.
            throw new DomainException(ErrorCode.INVALID_SERIAL_NUMBER, "serialNumber must be a JSON string of hex digits,"
                    + " not " + InputText.echo(Json.write(written)) + ".");
        }
        String serialNumber = X509Details.serialNumberOf((String) written);
        CheckCaWaits.Report report;
        try {
            report = callbacks.checkNow(serialNumber);
        } catch (CaUnavailableException e) {
            String retryAfter = Long.toString(Math.max(1, e.retryAfter().map(d -> d.toSeconds()).orElse(30L)));
            return HttpResponses.error(503, "CA_UNAVAILABLE", "The CA's status could not be read now: " + e.getMessage()
                    + ". Send the callback again later; the scheduled checks also cover it.", Map.of("Retry-After", retryAfter));
        }
        // A callback that matched nothing is worth seeing: a CA writing serials in another form, say.
        Telemetry.current().ifPresent(log -> log.field("serialNumber", serialNumber).field("checked", report.checked()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("serialNumber", serialNumber);
        answer.put("checked", report.checked());
        answer.put("revoked", report.revoked());
        answer.put("failed", report.failed());
        answer.put("pending", report.pending());
        return HttpResponses.json(200, answer);
    }

    /**
     * SnapStart priming, before the snapshot: the callback's check for what no serial number can be
     * written as (one DynamoDB Query, finding nothing), without the signature, whose secret
     * must not be read into the snapshot. ApiHandler is not involved, so a failure is caught here:
     * priming must never fail the snapshot; the function then merely starts unprimed.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            callbacks.checkNow(PRIMING_ID);
        } catch (RuntimeException e) {
            Telemetry.primingFailed(e);
        }
    }

    /** The secret is read on first use after a restore; nothing else is unique to an environment. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /** The real adapters, built once. */
    private record Wiring(CaCallbacks callbacks, WebhookSignature signature) {
        static Wiring of(Environment env) {
            AwsClients clients = new AwsClients(env);
            CaAdapters ca = CaAdapters.of(env, clients);
            SecretString secret = new SecretString(clients.lazily(SecretsManagerClient::builder),
                    env.require("CA_CALLBACK_SECRET_ARN"));
            return new Wiring(new CaCallbacks(ca.store(), ca.mailer(), ca.signals(), ca.ca(), ca.polling(), ca.clock()),
                    new WebhookSignature(secret, ca.clock()));
        }
    }
}
