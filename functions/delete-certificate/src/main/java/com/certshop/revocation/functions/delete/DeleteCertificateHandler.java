package com.certshop.revocation.functions.delete;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.domain.usecase.DeleteCertificate;
import com.certshop.revocation.http.ApiHandler;
import com.certshop.revocation.http.HttpRequest;
import com.certshop.revocation.http.HttpResponses;
import java.time.Clock;
import org.crac.Core;
import org.crac.Resource;

/** DELETE /certificates/{id}: removes a revoked, uploaded or expired certificate from the account. */
public final class DeleteCertificateHandler extends ApiHandler implements Resource {
    private final DeleteCertificate delete;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public DeleteCertificateHandler() {
        this(Environment.system());
    }

    /**
     * Wires the real adapters from the given configuration (the local stack passes its own) and
     * registers the SnapStart hooks.
     */
    public DeleteCertificateHandler(Environment env) {
        this(Wiring.of(env));
        Core.getGlobalContext().register(this);
    }

    private DeleteCertificateHandler(Wiring wiring) {
        this(wiring.delete());
    }

    public DeleteCertificateHandler(DeleteCertificate delete) {
        this.delete = delete;
    }

    /** The real adapters, built once. */
    private record Wiring(DeleteCertificate delete) {
        static Wiring of(Environment env) {
            DynamoDbAdapters dynamo = new DynamoDbAdapters(env, new AwsClients(env));
            return new Wiring(new DeleteCertificate(dynamo.certificateStore(), Clock.systemUTC()));
        }
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        HttpRequest.Caller caller = request.caller();
        if (!"DELETE /certificates/{id}".equals(request.routeKey())) {
            return noSuchRoute(request);
        }
        delete.delete(caller.account(), request.certificateId(), caller.actor());
        return HttpResponses.noContent();
    }

    /**
     * SnapStart priming, before the snapshot: one real request through this function's own path, a
     * DELETE of a certificate that cannot exist, which ends at its first read (one DynamoDB
     * GetItem, then 404), so that the snapshot holds the SDK's classes, request signing and JSON
     * marshalling already loaded. ApiHandler turns any failure into an answer (a 500 whose cause it
     * logs), so priming can never fail the snapshot; the function then merely starts unprimed. The
     * request's own JSON line (requestId {@code snapstart-priming}) says how it went.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        handleRequest(primingRequest("DELETE /certificates/{id}", "/certificates/" + PRIMING_ID, null), null);
    }

    /** Nothing here is unique to an execution environment: a restored one goes on as it is. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
