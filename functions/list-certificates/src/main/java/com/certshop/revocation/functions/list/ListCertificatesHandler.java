package com.certshop.revocation.functions.list;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.secrets.SecretString;
import com.certshop.revocation.aws.secrets.SnapshotSafeRandom;
import com.certshop.revocation.domain.port.CertificateQuery;
import com.certshop.revocation.domain.usecase.CertificateQueries;
import com.certshop.revocation.http.ApiHandler;
import com.certshop.revocation.http.HttpRequest;
import com.certshop.revocation.http.HttpResponses;
import com.certshop.revocation.http.JsonViews;
import java.time.Clock;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The read side of the API: the certificate list, one certificate, its PEM bundle and its audit trail. */
public final class ListCertificatesHandler extends ApiHandler implements Resource {
    private final CertificateQueries queries;
    private final SnapshotSafeRandom pageTokenNonces;

    /** Used by Lambda: wires the real adapters once per execution environment. */
    public ListCertificatesHandler() {
        this(Environment.system());
    }

    /**
     * Wires the real adapters from the given configuration (the local stack passes its own) and
     * registers the SnapStart hooks.
     */
    public ListCertificatesHandler(Environment env) {
        this(Wiring.of(env));
        Core.getGlobalContext().register(this);
    }

    private ListCertificatesHandler(Wiring wiring) {
        this(wiring.queries(), wiring.pageTokenNonces());
    }

    /** @param pageTokenNonces the random the queries' store seals page tokens with */
    public ListCertificatesHandler(CertificateQueries queries, SnapshotSafeRandom pageTokenNonces) {
        this.queries = queries;
        this.pageTokenNonces = pageTokenNonces;
    }

    /** The real adapters, built once. */
    private record Wiring(CertificateQueries queries, SnapshotSafeRandom pageTokenNonces) {
        static Wiring of(Environment env) {
            AwsClients clients = new AwsClients(env);
            DynamoDbAdapters dynamo = new DynamoDbAdapters(env, clients);
            SecretString pageTokenSecret = new SecretString(clients.lazily(SecretsManagerClient::builder),
                    env.require(DynamoDbAdapters.PAGE_TOKEN_SECRET_ARN));
            SnapshotSafeRandom pageTokenNonces = new SnapshotSafeRandom();
            return new Wiring(new CertificateQueries(dynamo.certificateStore(), dynamo.certificateListing(pageTokenSecret, pageTokenNonces),
                    SettingsFromEnvironment.read(env).refundPolicy(), Clock.systemUTC()), pageTokenNonces);
        }
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(HttpRequest request) {
        HttpRequest.Caller caller = request.caller();
        return switch (request.routeKey()) {
            case "GET /certificates" -> HttpResponses.json(200, JsonViews.page(queries.list(caller.account(),
                    CertificateQuery.parse(request.query("status"), request.query("type"), request.query("q"), request.query("limit"),
                            request.query("nextToken"))), queries.terms()));
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

    /**
     * SnapStart priming, before the snapshot: one real request through this function's own path, a
     * GET of a certificate that cannot exist (one DynamoDB GetItem, then 404), so that the snapshot
     * holds the SDK's classes, request signing and JSON marshalling, and this function's own code,
     * already loaded. It stops there on purpose: a listing would read the page token secret, which
     * must not be in the snapshot. ApiHandler turns any failure into an answer (a 500 whose cause it
     * logs), so priming can never fail the snapshot; the function then merely starts unprimed. The
     * request's own JSON line (requestId {@code snapstart-priming}) says how it went.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        handleRequest(primingRequest("GET /certificates/{id}", "/certificates/" + PRIMING_ID, null), null);
    }

    /** Restored environments must not share the nonce generator, or their page tokens could repeat AES-GCM nonces. */
    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        pageTokenNonces.forget();
    }
}
