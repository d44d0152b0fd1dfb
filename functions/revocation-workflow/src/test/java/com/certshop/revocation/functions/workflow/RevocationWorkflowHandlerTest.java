package com.certshop.revocation.functions.workflow;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.secrets.SnapshotSafeRandom;
import com.certshop.revocation.domain.confirmation.ConfirmationToken;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.DomainHarness;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

class RevocationWorkflowHandlerTest {
    private static final Instant ISSUED = Instant.parse("2026-11-02T10:00:00Z");
    private final DomainHarness h = new DomainHarness("2026-11-10T10:00:00Z");
    private final RevocationWorkflowHandler handler = new RevocationWorkflowHandler(h.steps, h.applyBatch,
            start -> Map.of("attempt", start.attempt()), new SnapshotSafeRandom());
    private final Certificate ov = h.add(TestCertificates.issued("ov1", ValidationType.OV, ISSUED));
    private final Certificate dv = h.add(TestCertificates.issued("dv1", ValidationType.DV, ISSUED));

    RevocationWorkflowHandlerTest() {
        for (Certificate c : new Certificate[] {ov, dv}) {
            h.submit.submit(new SubmitRevocation.Command(ACCOUNT_A, c.id(), "superseded", Actor.customer(ACCOUNT_A, "a"), null));
        }
    }

    /** Runs the handler as Lambda would: JSON in, JSON out, through streams. */
    private Map<String, Object> invoke(String fixture) throws IOException {
        return invoke(fixture, Map.of());
    }

    private Map<String, Object> invoke(String fixture, Map<String, Object> overrides) throws IOException {
        return invoke(handler, fixture, overrides);
    }

    private Map<String, Object> invoke(RevocationWorkflowHandler handler, String fixture, Map<String, Object> overrides)
            throws IOException {
        Map<String, Object> task;
        try (InputStream in = getClass().getResourceAsStream("/events/" + fixture)) {
            task = new HashMap<>(JSON.std.mapFrom(in));
        }
        task.putAll(overrides);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(JSON.std.asBytes(task)), out, null);
        return JSON.std.mapFrom(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theConfirmationStepMailsTheApplicantAndKeepsTheTaskToken() throws IOException {
        assertEquals(Map.of(), invoke("request-confirmation.json"));
        assertTrue(h.mailer.sent().get(0).isConfirmationRequest());
        assertTrue(h.reload(ov).revocation().taskToken().endsWith("ExampleTaskToken=="));
    }

    @Test
    void aTimeoutLapsesTheRevocation() throws IOException {
        invoke("lapse-after-timeout.json");
        assertEquals(CertificateStatus.ISSUED, h.reload(ov).status());
        assertEquals(LapseCause.CONFIRMATION_TIMED_OUT, h.reload(ov).revocation().lapseCause());
    }

    @Test
    void theCaughtErrorTellsWhyTheWaitEnded() {
        assertEquals(Optional.of(LapseCause.CONFIRMATION_TIMED_OUT), RevocationWorkflowHandler.lapseCause(
                Map.of("error", "States.HeartbeatTimeout", "cause", "")));
        assertEquals(Optional.of(LapseCause.CONFIRMATION_NOT_SENT), RevocationWorkflowHandler.lapseCause(
                Map.of("error", "software.amazon.awssdk.services.sesv2.model.MessageRejectedException", "cause", "x")));
    }

    @Test
    void afterOurOwnRefusalTheLapseIsAlreadyRecordedAndNothingChanges() throws IOException {
        h.cancel.cancel(ACCOUNT_A, ov.id(), Actor.customer(ACCOUNT_A, "a"));
        long version = h.reload(ov).version();
        Map<String, Object> refusal = new HashMap<>();
        refusal.put("error", "RevocationNotConfirmed");
        refusal.put("cause", null); // moto 5.2.1 drops SendTaskFailure's cause; AWS passes it. Neither matters here.
        invoke("lapse-after-timeout.json", refusal);
        assertEquals(version, h.reload(ov).version());
        assertEquals(LapseCause.CANCELLED_BY_CUSTOMER, h.reload(ov).revocation().lapseCause());
    }

    @Test
    void theHandOverStepHandsOverWithTheTaskTokenAndTheRunWaits() throws IOException {
        assertEquals(Map.of(), invoke("submit-to-ca.json"));
        Certificate handedOver = h.reload(dv);
        assertEquals("ca-1", handedOver.revocation().caRequestId());
        assertEquals("AQCEAAAAKgAAAAMAAAAAAAAAAdv1ExampleTaskToken==", handedOver.revocation().caWait().taskToken());
        assertEquals(java.util.List.of(), h.workflow.caWaitSignals());
    }

    @Test
    void aCaThatCannotBeReachedAtHandOverIsNoErrorTheScheduledCheckTriesAgain() throws IOException {
        h.ca.failNextRequests(1);
        assertEquals(Map.of(), invoke("submit-to-ca.json"));
        assertEquals(CertificateStatus.REVOKING, h.reload(dv).status());
        assertEquals(h.clock.instant().plusSeconds(60), h.reload(dv).revocation().caWait().nextCheckAt());
    }

    @Test
    void anAwsCallThatGotNoAnswerOrWasThrottledIsRetriedByTheStateMachineButARefusalIsNot() {
        // Under its own name the state machine would catch such a failure and lapse the confirmation
        // (or fail the revocation); DependencyUnavailableException is the name its Retry rules match.
        for (RuntimeException outage : List.of(ApiCallTimeoutException.create(8000),
                SdkClientException.create("Unable to execute HTTP request: Connection reset"),
                AwsServiceException.builder().statusCode(400).message("Rate exceeded")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build(),
                AwsServiceException.builder().statusCode(503).message("Service unavailable").build())) {
            RevocationWorkflowHandler mailingInAnOutage = handlerMailingThrough(new FailingMailer(outage));
            DependencyUnavailableException retried = assertThrows(DependencyUnavailableException.class,
                    () -> invoke(mailingInAnOutage, "request-confirmation.json", Map.of()), outage.toString());
            assertSame(outage, retried.getCause());
        }
        AwsServiceException refused = AwsServiceException.builder().statusCode(400).message("Email address is not verified.")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("MessageRejected").build()).build();
        assertSame(refused, assertThrows(AwsServiceException.class,
                () -> invoke(handlerMailingThrough(new FailingMailer(refused)), "request-confirmation.json", Map.of())));
    }

    @Test
    void aStepFailingWithConcurrentUpdateIsRetriedByTheStateMachine() {
        DomainException lostRaces = new DomainException(ErrorCode.CONCURRENT_UPDATE, "The certificate changed.");
        DependencyUnavailableException retried = assertThrows(DependencyUnavailableException.class,
                () -> invoke(handlerMailingThrough(new FailingMailer(lostRaces)), "request-confirmation.json", Map.of()));
        assertSame(lostRaces, retried.getCause());
    }

    private RevocationWorkflowHandler handlerMailingThrough(Mailer mailer) {
        return new RevocationWorkflowHandler(new RevocationSteps(h.store, h.confirmations, mailer, h.workflow, h.ca,
                h.settings.confirmationTokens(new SecureRandom()), h.settings.caPolling(), h.clock), h.applyBatch,
                start -> Map.of(), new SnapshotSafeRandom());
    }

    /** SES failing every send the way the SDK reports it. */
    private record FailingMailer(RuntimeException failure) implements Mailer {
        @Override
        public void sendConfirmationRequest(Certificate certificate, ConfirmationToken token, Instant expiresAt) {
            throw failure;
        }

        @Override
        public void sendBatchConfirmationRequest(String applicantEmail, List<Link> links, Instant expiresAt) {
            throw failure;
        }

        @Override
        public void sendNotice(Notice notice, Certificate certificate) {
            throw failure;
        }
    }

    @Test
    void theFailStepRecordsWhyTheCaCouldNotBeReached() throws IOException {
        invoke("submit-to-ca.json", Map.of("step", "fail", "error", "com.certshop.revocation.domain.ca.CaUnavailableException",
                "cause", "CA endpoint timed out"));
        Certificate failed = h.reload(dv);
        assertEquals(CertificateStatus.REVOCATION_FAILED, failed.status());
        assertTrue(failed.revocation().failureReason().contains("CA endpoint timed out"));
    }

    @Test
    void malformedInputIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> invoke("submit-to-ca.json", Map.of("step", "dance")));
        assertThrows(IllegalArgumentException.class, () -> invoke("submit-to-ca.json", Map.of("attempt", "three")));
        Map<String, Object> noAttempt = new HashMap<>();
        noAttempt.put("attempt", null);
        assertThrows(IllegalArgumentException.class, () -> invoke("submit-to-ca.json", noAttempt));
    }
}
