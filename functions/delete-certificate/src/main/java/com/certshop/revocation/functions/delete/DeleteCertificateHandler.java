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

/** DELETE /certificates/{id}: removes a revoked, uploaded or expired certificate from the account. */
public final class DeleteCertificateHandler extends ApiHandler {
    private final DeleteCertificate delete;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public DeleteCertificateHandler() {
        this(Environment.system());
    }

    /** Wires the real adapters from the given configuration (the local stack passes its own). */
    public DeleteCertificateHandler(Environment env) {
        this(new DeleteCertificate(new DynamoDbAdapters(env, new AwsClients(env)).certificateStore(), Clock.systemUTC()));
    }

    public DeleteCertificateHandler(DeleteCertificate delete) {
        this.delete = delete;
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
}
