package com.certshop.revocation.functions.workflow;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.Context;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.ScriptedCertificateAuthority;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaCheckHandlerTest {
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");

    /** A Lambda context that answers only what the handler asks: the time left, and the request id for its log line. */
    private static Context timeLeft(Duration remaining) {
        return (Context) Proxy.newProxyInstance(CaCheckHandlerTest.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getRemainingTimeInMillis")) {
                        return (int) remaining.toMillis();
                    }
                    if (method.getName().equals("getAwsRequestId")) {
                        return "scheduled-run";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aScheduledRunChecksWhatIsDueAndCountsIt() throws IOException {
        Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, Instant.parse("2026-11-02T10:00:00Z")));
        h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        h.steps.submitToCa(new RevocationSteps.Step(ACCOUNT_A, dv.id(), 1), "token-1");
        h.ca.answers(ScriptedCertificateAuthority.revoked(h.clock.instant()));
        h.clock.advance(Duration.ofMinutes(1));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaCheckHandler(h.caChecks).handleRequest(new ByteArrayInputStream(
                "{\"trigger\": \"schedule\"}".getBytes(StandardCharsets.UTF_8)), out, timeLeft(Duration.ofSeconds(60)));

        assertEquals(Map.of("checked", 1, "revoked", 1, "failed", 0, "pending", 0, "errors", 0, "left", 0),
                JSON.std.mapFrom(out.toString(StandardCharsets.UTF_8)));
        assertEquals(CertificateStatus.REVOKED, h.reload(dv).status());
    }
}
