package com.certshop.revocation.functions.list;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.usecase.CertificateQueries;
import com.certshop.revocation.http.ApiHandler;
import com.certshop.revocation.http.HttpRequest;
import com.certshop.revocation.http.HttpResponses;
import com.certshop.revocation.http.JsonViews;
import java.time.Clock;

/** The read side of the API: the certificate list, one certificate, its PEM bundle and its audit trail. */
public final class ListCertificatesHandler extends ApiHandler {
    private final CertificateQueries queries;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public ListCertificatesHandler() {
        this(Environment.system());
    }

    /** Wires the real adapters from the given configuration (the local stack passes its own). */
    public ListCertificatesHandler(Environment env) {
        this(new CertificateQueries(new DynamoDbAdapters(env, new AwsClients(env)).listingCertificateStore(),
                SettingsFromEnvironment.read(env).refundPolicy(), Clock.systemUTC()));
    }

    public ListCertificatesHandler(CertificateQueries queries) {
        this.queries = queries;
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        HttpRequest.Caller caller = request.caller();
        return switch (request.routeKey()) {
            case "GET /certificates" -> HttpResponses.json(200, JsonViews.page(queries.list(caller.account(),
                    CertificateQuery.parse(request.query("status"), request.query("type"), request.query("limit"),
                            request.query("nextToken")))));
            case "GET /certificates/{id}" -> HttpResponses.json(200,
                    JsonViews.certificate(queries.get(caller.account(), request.certificateId())));
            case "GET /certificates/{id}/download" -> {
                CertificateQueries.Download download = queries.download(caller.account(), request.certificateId());
                yield HttpResponses.attachment("application/x-pem-file", download.fileName(), download.pem());
            }
            case "GET /certificates/{id}/events" -> HttpResponses.json(200,
                    JsonViews.events(queries.events(caller.account(), request.certificateId())));
            default -> noSuchRoute(request);
        };
    }
}
