package com.certshop.revocation.functions.delete;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static com.certshop.revocation.http.testing.Events.errorCode;
import static com.certshop.revocation.http.testing.Events.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import com.certshop.revocation.http.testing.Events;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeleteCertificateHandlerTest {
    private static final Instant ISSUED = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final DeleteCertificateHandler handler = new DeleteCertificateHandler(h.delete);
    private final Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private void revoke() {
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        RevocationSteps.Step step = new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1);
        h.steps.submitToCa(step, "token-1");
        h.ca.answers(ScriptedCertificateAuthority.revoked(h.clock.instant()));
        h.checkCaWhenDue(dv);
    }

    @Test
    void aValidCertificateMustBeRevokedFirst() {
        APIGatewayV2HTTPResponse response = call(load("delete-certificate.json"));
        assertEquals(409, response.getStatusCode());
        assertEquals("REVOKE_FIRST", errorCode(response));
        assertEquals(CertificateStatus.ISSUED, h.reload(dv).status());
    }

    @Test
    void whileARevocationRunsItCannotBeDeleted() {
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        assertEquals("REVOCATION_IN_PROGRESS", errorCode(call(load("delete-certificate.json"))));
    }

    @Test
    void aRevokedCertificateIsDeletedAndThenGone() {
        revoke();
        APIGatewayV2HTTPResponse response = call(load("delete-certificate.json"));
        assertEquals(204, response.getStatusCode());
        assertEquals(null, response.getBody());
        APIGatewayV2HTTPResponse again = call(load("delete-certificate.json"));
        assertEquals(404, again.getStatusCode());
        assertEquals("CERTIFICATE_NOT_FOUND", errorCode(again));
    }

    @Test
    void uploadedAndExpiredCertificatesAreDeleted() {
        h.add(TestCertificates.uploaded("up1", ISSUED));
        assertEquals(204, call(Events.withId(load("delete-certificate.json"), "up1")).getStatusCode());
        h.clock.set(dv.notAfter());
        assertEquals(204, call(load("delete-certificate.json")).getStatusCode());
    }

    @Test
    void anotherAccountGets404AndNothingChanges() {
        revoke();
        APIGatewayV2HTTPResponse response = call(Events.asSubject(load("delete-certificate.json"), "account-b"));
        assertEquals(404, response.getStatusCode());
        assertEquals(CertificateStatus.REVOKED, h.reload(dv).status());
        assertEquals(401, call(Events.unauthenticated(load("delete-certificate.json"))).getStatusCode());
    }
}
