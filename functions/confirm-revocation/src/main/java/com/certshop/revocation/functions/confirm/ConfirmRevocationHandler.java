package com.certshop.revocation.functions.confirm;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.ses.SesAdapters;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsAdapters;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.usecase.ConfirmRevocation;
import com.certshop.revocation.http.ApiHandler;
import com.certshop.revocation.http.HttpRequest;
import com.certshop.revocation.http.HttpResponses;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.crac.Core;
import org.crac.Resource;

/**
 * The e-mail link's target. Public: the token in the link is the only credential. GET renders the
 * page and never changes anything (mail scanners and link previews fetch it); POST carries the
 * applicant's answer, from the page's form or as JSON, and works once.
 */
public final class ConfirmRevocationHandler extends ApiHandler implements Resource {
    /**
     * A well-formed token reserved for priming. No link carries it: real tokens are 256 random bits,
     * and the page it opens changes nothing anyway.
     */
    static final String PRIMING_TOKEN = "snapstart-priming-no-mail-ever-carries-this";

    private final ConfirmRevocation confirm;
    private final ConfirmationPages pages;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public ConfirmRevocationHandler() {
        this(Environment.system());
    }

    /**
     * Wires the real adapters from the given configuration (the local stack passes its own) and
     * registers the SnapStart hooks.
     */
    public ConfirmRevocationHandler(Environment env) {
        this(Wiring.of(env));
        Core.getGlobalContext().register(this);
    }

    private ConfirmRevocationHandler(Wiring wiring) {
        this(wiring.confirm(), wiring.businessZone());
    }

    /** @param businessZone the zone the pages show dates and times in */
    public ConfirmRevocationHandler(ConfirmRevocation confirm, ZoneId businessZone) {
        this.confirm = confirm;
        this.pages = new ConfirmationPages(businessZone);
    }

    /** The real adapters, built once. */
    private record Wiring(ConfirmRevocation confirm, ZoneId businessZone) {
        static Wiring of(Environment env) {
            AwsClients clients = new AwsClients(env);
            ZoneId businessZone = SettingsFromEnvironment.read(env).calendar().zone();
            DynamoDbAdapters dynamo = new DynamoDbAdapters(env, clients);
            return new Wiring(new ConfirmRevocation(dynamo.confirmationStore(), dynamo.certificateStore(),
                    StepFunctionsAdapters.signalling(StepFunctionsAdapters.client(clients)), SesAdapters.mailer(env, clients, businessZone), Clock.systemUTC()),
                    businessZone);
        }
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        return switch (request.routeKey()) {
            case "GET /revocations/confirm" -> {
                String token = request.query("token");
                ConfirmRevocation.Preview preview = confirm.preview(token);
                Optional<ErrorCode> refusal = preview.state().refusal();
                refusal.ifPresent(ApiHandler::refusedWith);
                yield HttpResponses.html(refusal.map(HttpResponses::statusOf).orElse(200),
                        pages.preview(preview, token, "reject".equals(request.query("answer"))));
            }
            case "POST /revocations/confirm" -> answer(request);
            default -> noSuchRoute(request);
        };
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request) {
        Map<String, String> form = request.formOrJsonFields();
        String answer = form.get("answer");
        Certificate certificate;
        if ("confirm".equals(answer)) {
            certificate = confirm.confirm(form.get("token"));
        } else if ("reject".equals(answer)) {
            certificate = confirm.reject(form.get("token"));
        } else {
            throw new DomainException(ErrorCode.INVALID_ANSWER, "answer must be 'confirm' or 'reject'.",
                    java.util.List.of("confirm", "reject"));
        }
        if (wantsHtml(request)) {
            return HttpResponses.html(200, pages.answered(certificate));
        }
        return HttpResponses.json(200, Map.of("certificateId", certificate.id().value(),
                "status", certificate.status().name()));
    }

    /**
     * SnapStart priming, before the snapshot: one real request through this function's own path, the
     * page of a link that does not exist (one DynamoDB GetItem of its digest, then the 404 page), so
     * that the snapshot holds the SDK's classes, request signing and JSON marshalling, and the page
     * rendering, already loaded. The Step Functions client shares all of that but its operations'
     * own classes; SES has no request that would do no harm, so the mail is left unprimed.
     * ApiHandler turns any failure into an answer (a 500 whose cause it logs), so priming can never
     * fail the snapshot; the function then merely starts unprimed. The request's own JSON line
     * (requestId {@code snapstart-priming}) says how it went.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        handleRequest(APIGatewayV2HTTPEvent.builder()
                .withRouteKey("GET /revocations/confirm")
                .withRawPath("/revocations/confirm")
                .withQueryStringParameters(Map.of("token", PRIMING_TOKEN))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("snapstart-priming").build())
                .build(), null);
    }

    /** Nothing here is unique to an execution environment: a restored one goes on as it is. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    @Override
    protected APIGatewayV2HTTPResponse refused(HttpRequest request, DomainException e) {
        return wantsHtml(request) ? HttpResponses.html(HttpResponses.statusOf(e), pages.refused(e)) : super.refused(request, e);
    }

    @Override
    protected APIGatewayV2HTTPResponse failed(HttpRequest request, int status, String code, String message,
            Map<String, String> headers) {
        return wantsHtml(request) ? HttpResponses.html(status, pages.failed(message), headers)
                : super.failed(request, status, code, message, headers);
    }

    /** Browsers get pages: every GET, and a POST from the page's form. API clients send JSON and get JSON. */
    private static boolean wantsHtml(HttpRequest request) {
        return request.routeKey().startsWith("GET ") || request.isForm();
    }
}
