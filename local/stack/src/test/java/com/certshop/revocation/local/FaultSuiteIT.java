package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.aws.dynamodb.DynamoDbCertificateStore;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.local.host.FaultPlan;
import com.certshop.revocation.local.host.FaultPlan.AwsError;
import com.fasterxml.jackson.jr.ob.JSON;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Faults against the local stack, each a real protocol fault rather than a mock: the store frozen
 * (moto stopped with SIGSTOP, so calls stall until the SDK gives up) during submit, confirm,
 * delete, a workflow step and the refund check; Step Functions refusing StartExecution; SES
 * refusing a send; a workflow task delivered twice; the CA down for longer than its retry budget;
 * an unreadable item in the scheduled check. For each, the answer the client gets is checked on
 * the spot, and every certificate a fault touched is followed to where it must end (see
 * {@link FaultTally}): nothing lost or half written, nothing stuck, whether the sweep, a retry
 * or the workflow's own retries complete it. Every wait is bounded; the suite prints one line,
 * {@code faults: N injected, L lost, S stuck}, and fails unless L and S are 0.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {
    /** A workflow at test pace (the simulated CA answers in 2 s, asked every second) ends well within this. */
    private static final Duration WORKFLOW = Duration.ofSeconds(60);
    /** Longer than the SDK's 8 s per call, so that a call caught by the outage fails. */
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** How fast a 503 must come: the SDK gives up a call after 8 s, and the answer needs a moment more. */
    private static final Duration FAST = Duration.ofSeconds(12);
    /**
     * The state machine's Retry waits at this fraction of what the definition says, so that the CA's
     * retry budget (10 attempts over about half an hour) runs out in seconds; see
     * {@link com.certshop.revocation.local.moto.MotoServer#STEP_FUNCTIONS_RETRY_PACE}.
     */
    private static final double RETRY_PACE = 0.002;
    /** How long the end of the suite waits, in all, for the certificates to reach where they must end. */
    private static final Duration SETTLING = Duration.ofSeconds(90);
    private static final String WORKFLOW_FUNCTION = "RevocationWorkflowFunction";

    private static final FaultTally tally = new FaultTally();
    private static Journey journey;
    private static LocalStack stack;
    private static Api alice;
    private static Api anonymous;
    private static Api lambda;
    private static DynamoDbClient dynamo;
    private static DynamoDbCertificateStore records;

    @BeforeAll
    static void start() {
        journey = Journey.start(config -> config.withStepFunctionsRetryPace(RETRY_PACE), "CaPollMaxSeconds", 1,
                "ConfirmationValiditySeconds", 60, "ConfirmationGraceSeconds", 2, "StuckRevocationGraceSeconds", 0);
        stack = journey.stack;
        alice = journey.alice;
        anonymous = journey.as(null);
        lambda = new Api(stack.awsEndpoint(), null);
        dynamo = LocalStack.client(DynamoDbClient.builder(), stack.motoEndpoint());
        records = new DynamoDbCertificateStore(dynamo, stack.tableName(), null);
        primeEveryFunction();
    }

    /**
     * One request to every function before any fault, as SnapStart primes a version before it
     * serves. The local host primes a function on its first invocation instead, which an outage
     * would otherwise catch too, doubling how long that first answer takes.
     */
    private static void primeEveryFunction() {
        assertEquals(200, alice.get("/certificates").status());
        assertEquals(404, alice.post("/certificates/never-issued/revocation", "{\"reason\":\"superseded\"}").status());
        assertEquals(404, alice.delete("/certificates/never-issued").status());
        assertEquals(404, anonymous.get("/revocations/confirm?token=never-mailed").status());
        stack.runRefundCheck();
        Api.Response step = lambda.post("/2015-03-31/functions/" + WORKFLOW_FUNCTION + "/invocations",
                "{\"step\": \"pollCa\", \"accountId\": \"account-a\", \"certificateId\": \"never-issued\", \"attempt\": 1}");
        assertEquals("Unhandled", step.header("X-Amz-Function-Error"), "a step for no certificate is refused: " + step.body());
    }

    @AfterAll
    static void settleAndReport() throws InterruptedException {
        try {
            if (journey == null) {
                return;
            }
            FaultTally.Verdict verdict = tally.settle(SETTLING, FaultSuiteIT::story);
            verdict.lost().forEach(line -> System.out.println("fault suite: LOST " + line));
            verdict.stuck().forEach(line -> System.out.println("fault suite: STUCK " + line));
            System.out.println(verdict.summary());
            assertTrue(verdict.lost().isEmpty() && verdict.stuck().isEmpty(), verdict.summary());
        } finally {
            if (dynamo != null) {
                dynamo.close();
            }
            if (journey != null) {
                journey.close();
            }
        }
    }

    @Test
    @Order(1)
    void anOutageOfTheStoreAnswersEveryRouteFastWith503AndWritesNothing() throws Exception {
        Certificate dv = issued(ValidationType.DV);
        Certificate ov = issued(ValidationType.OV);
        Certificate uploaded = stack.data().add(TestCertificates.uploaded(newId("up"), Instant.now().minus(Duration.ofDays(3))));
        assertEquals(202, submit(ov, null).status());
        String confirm = "token=" + Journey.tokenOf(journey.confirmationLink(ov, WORKFLOW)) + "&answer=confirm";
        String key = UUID.randomUUID().toString();
        Map<CertificateId, Story> before = Map.of(dv.id(), story(dv.id()), ov.id(), story(ov.id()),
                uploaded.id(), story(uploaded.id()));

        Timed submitted;
        Timed confirmed;
        Timed deleted;
        Timed listed;
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (Outage outage = Outage.now(stack, Duration.ofSeconds(30))) {
            tally.injected();
            Future<Timed> s = clients.submit(timed(() -> submit(dv, key)));
            Future<Timed> c = clients.submit(timed(() -> anonymous.postForm("/revocations/confirm", confirm)));
            Future<Timed> d = clients.submit(timed(() -> alice.delete("/certificates/" + uploaded.id())));
            Future<Timed> l = clients.submit(timed(() -> alice.get("/certificates")));
            submitted = s.get(30, TimeUnit.SECONDS);
            confirmed = c.get(30, TimeUnit.SECONDS);
            deleted = d.get(30, TimeUnit.SECONDS);
            listed = l.get(30, TimeUnit.SECONDS);
            outage.end();
        } finally {
            clients.shutdownNow();
        }

        assertServiceUnavailable(submitted, true);
        assertServiceUnavailable(deleted, false);
        assertServiceUnavailable(listed, false);
        assertEquals(503, confirmed.response().status(), confirmed.response().body());
        assertTrue(confirmed.response().header("Content-Type").startsWith("text/html"), "a page for the browser's form");
        assertEquals("5", confirmed.response().header("Retry-After"));
        assertFalse(confirmed.response().body().contains("Idempotency-Key"), confirmed.response().body());
        assertFast(confirmed);
        before.forEach((id, story) -> assertEquals(story, story(id), "nothing written for " + id));

        assertEquals(202, submit(dv, key).status(), "the retry with the same key applies it");
        assertEquals(200, anonymous.postForm("/revocations/confirm", confirm).status(), "the link works once the store is back");
        assertEquals(204, alice.delete("/certificates/" + uploaded.id()).status());
        tally.expect(dv.id(), "submit in an outage", "REVOKED", revokedOnce(1));
        tally.expect(ov.id(), "confirm in an outage", "REVOKED", revokedOnce(1));
        tally.expect(uploaded.id(), "delete in an outage", "DELETED", s -> s.last().type().equals("CERTIFICATE_DELETED"));
    }

    @Test
    @Order(2)
    void aSubmitWhoseWriteStallsAnswers503AndTheRetryWithItsKeyStartsWhatTheWriteRecorded() {
        Certificate dv = issued(ValidationType.DV);
        String key = UUID.randomUUID().toString();
        Timed answer;
        try (Outage outage = Outage.atCall(stack, "TransactWriteItems", dv.id().value(), OUTAGE)) {
            tally.injected();
            answer = timed(() -> submit(dv, key)).call();
            outage.end();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertServiceUnavailable(answer, true);

        // The write had reached the store, which applied it once it went on: the revocation is
        // recorded although the client heard 503, and no workflow runs for it.
        Story recorded = Api.poll(Duration.ofSeconds(10), () -> story(dv.id()), s -> s.status().equals("REVOKING"));
        assertTrue(recorded.breaks().isEmpty(), recorded.breaks().toString());
        assertEquals(List.of(), journey.executions.of(dv));

        Api.Response retried = submit(dv, key);
        assertEquals(202, retried.status(), retried.body());
        assertEquals("true", retried.header("Idempotent-Replayed"), "the retry finds the revocation the stalled write made");
        tally.expect(dv.id(), "submit whose write stalled", "REVOKED", revokedOnce(1));
    }

    @Test
    @Order(3)
    void aWorkflowStepCaughtByAnOutageIsRetriedAndMakesEachStepOnce() throws InterruptedException {
        Certificate dv = issued(ValidationType.DV);
        // The workflow's first write of this revocation names the simulated CA's request.
        try (Outage outage = Outage.atCall(stack, "TransactWriteItems", "sim-" + dv.id() + "-1", OUTAGE)) {
            tally.injected();
            assertEquals(202, submit(dv, null).status());
            assertTrue(outage.awaitOver(WORKFLOW), "the workflow reached the hand-over and the outage caught it");
        }
        tally.expect(dv.id(), "workflow step in an outage", "REVOKED", revokedOnce(1));
    }

    @Test
    @Order(4)
    void aRefundCheckCaughtByAnOutageLeavesTheClaimToTheNextRunWhichPaysItOnce() throws InterruptedException {
        Certificate dv = revoked();
        String first;
        try (Outage outage = Outage.atCall(stack, "PutItem", "REFUND#revocation-refund/" + dv.id() + "/", OUTAGE)) {
            tally.injected();
            first = stack.runRefundCheck();
            assertTrue(outage.awaitOver(WORKFLOW));
        }
        assertFalse(first.contains("\"failed\":0"), "the claim caught by the outage failed, counted: " + first);

        String second = stack.runRefundCheck();
        assertTrue(second.contains("\"failed\":0"), second);
        tally.expect(dv.id(), "refund check in an outage", "REVOKED", revokedOnce(1).and(s -> s.count("REFUND_SETTLED", 1) == 1
                && "REFUNDED".equals(refundOf(s))));
    }

    @Test
    @Order(5)
    void oneUnreadableItemDoesNotStopTheScheduledCheckAndAnswers500OfItsOwn() {
        Certificate damaged = revoked();
        Certificate sound = revoked();
        // An attribute no version of the code wrote: the item stays in the refunds-due index, but cannot be read.
        dynamo.updateItem(r -> r.tableName(stack.tableName())
                .key(Map.of("pk", AttributeValue.fromS("CERT#" + damaged.accountId() + "#" + damaged.id()),
                        "sk", AttributeValue.fromS("CERT")))
                .updateExpression("SET #type = :unknown")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(":unknown", AttributeValue.fromS("XV"))));
        tally.injected();

        String report = stack.runRefundCheck();
        assertFalse(report.contains("\"failed\":0"), report);
        Api.Response unreadable = alice.get("/certificates/" + damaged.id());
        assertEquals(500, unreadable.status());
        assertEquals("CERTIFICATE_UNREADABLE", unreadable.errorCode());
        tally.expect(sound.id(), "refund check with an unreadable item", "REVOKED",
                revokedOnce(1).and(s -> "REFUNDED".equals(refundOf(s))));
    }

    @Test
    @Order(6)
    void stepFunctionsRefusingTheStartStillAnswers202AndARetryTheSweepOrACancelEndsIt() {
        Certificate retried = issued(ValidationType.DV);
        Certificate swept = issued(ValidationType.DV);
        Certificate cancelled = issued(ValidationType.DV);
        String key = UUID.randomUUID().toString();
        AwsError unavailable = new AwsError(503, "ServiceUnavailable", "Service Unavailable");
        try (FaultPlan.Rule a = refuse("StartExecution", retried, unavailable);
                FaultPlan.Rule b = refuse("StartExecution", swept, unavailable);
                FaultPlan.Rule c = refuse("StartExecution", cancelled, unavailable)) {
            for (Certificate certificate : List.of(retried, swept, cancelled)) {
                Api.Response answer = submit(certificate, certificate == retried ? key : null);
                assertEquals(202, answer.status(), answer.body());
                assertEquals("REVOKING", answer.json().get("status"), "the revocation as stored");
            }
            assertTrue(a.taken() > 0 && b.taken() > 0 && c.taken() > 0, "every start was refused");
        }
        for (Certificate certificate : List.of(retried, swept, cancelled)) {
            assertEquals(List.of(), journey.executions.of(certificate));
        }

        Api.Response replayed = submit(retried, key);
        assertEquals(202, replayed.status());
        assertEquals("true", replayed.header("Idempotent-Replayed"));
        Api.Response cancel = alice.delete("/certificates/" + cancelled.id() + "/revocation");
        assertEquals(200, cancel.status(), cancel.body());
        assertEquals(200, alice.get("/certificates/" + cancelled.id() + "/download").status(), "unlocked again");
        String sweep = stack.runRefundCheck();
        assertFalse(sweep.contains("\"workflowsStarted\":0"), sweep);

        tally.expect(retried.id(), "start refused, retried with the key", "REVOKED", revokedOnce(1));
        tally.expect(swept.id(), "start refused, left to the sweep", "REVOKED", revokedOnce(1));
        tally.expect(cancelled.id(), "start refused, then cancelled", "ISSUED",
                s -> "CANCELLED_BY_CUSTOMER".equals(s.revocation("lapseCause").orElse(null)));
    }

    @Test
    @Order(7)
    void sesRefusingTheConfirmationMailLapsesTheRevocationAndApplyingAgainCompletesIt() {
        Certificate ov = issued(ValidationType.OV);
        try (FaultPlan.Rule refused = stack.faults().refuse("SendEmail", "Confirm the revocation of " + ov.commonName(), 1,
                new AwsError(400, "MessageRejected", "Email address is not verified."))) {
            tally.injected();
            assertEquals("AWAITING_CONFIRMATION", submit(ov, null).json().get("status"));
            Story lapsed = Api.poll(WORKFLOW, () -> story(ov.id()), s -> s.status().equals("ISSUED"));
            assertEquals("CONFIRMATION_NOT_SENT", lapsed.revocation("lapseCause").orElse(null), lapsed.toString());
            assertEquals(1, refused.taken());
        }
        assertEquals(202, submit(ov, null).status(), "the customer applies again");
        String link = journey.confirmationLink(ov, WORKFLOW);
        assertEquals(200, anonymous.postForm("/revocations/confirm", "token=" + Journey.tokenOf(link) + "&answer=confirm").status());
        tally.expect(ov.id(), "confirmation mail refused", "REVOKED", revokedOnce(2).and(s -> s.count("REVOCATION_LAPSED", 1) == 1));
    }

    @Test
    @Order(8)
    void sesThrottlingANoticeBrieflyStillDeliversItOnce() {
        Certificate dv = issued(ValidationType.DV);
        String subject = "Certificate " + dv.commonName() + " was revoked";
        try (FaultPlan.Rule throttled = stack.faults().refuse("SendEmail", subject, 2,
                new AwsError(429, "TooManyRequestsException", "Maximum sending rate exceeded."))) {
            tally.injected();
            assertEquals(202, submit(dv, null).status());
            Api.poll(WORKFLOW, () -> mailCount(subject), n -> n > 0);
            assertEquals(2, throttled.taken());
        }
        assertEquals(1, mailCount(subject));
        tally.expect(dv.id(), "notice throttled by SES", "REVOKED", revokedOnce(1));
    }

    @Test
    @Order(9)
    void aWorkflowTaskDeliveredTwiceMakesItsStepOnce() throws Exception {
        Certificate dv = issued(ValidationType.DV);
        // Done as soon as the CA has it: the repeated polls race the state machine's own for the one REVOKED.
        stack.data().scriptCa(dv.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ZERO));
        Map<String, Object> task = Map.of("accountId", dv.accountId().value(), "certificateId", dv.id().value(), "attempt", 1);
        assertEquals(202, submit(dv, null).status());
        deliverTwice(with(task, "step", "submitToCa"));
        Api.poll(WORKFLOW, () -> story(dv.id()).revocation("submittedToCaAt"), at -> at.isPresent());
        deliverTwice(with(with(task, "step", "pollCa"), "polls", 0));
        String subject = "Certificate " + dv.commonName() + " was revoked";
        Api.poll(WORKFLOW, () -> mailCount(subject), n -> n > 0);
        tally.expect(dv.id(), "workflow tasks delivered twice", "REVOKED", revokedOnce(1).and(s -> mailCount(subject) == 1));
    }

    @Test
    @Order(10)
    void aCaDownLongerThanItsRetryBudgetFailsTheRevocationWhichAppliesAgainOnceTheCaIsBack() {
        Certificate dv = issued(ValidationType.DV);
        stack.data().scriptCa(dv.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ofSeconds(2)).failingFirst(1_000));
        tally.injected();
        assertEquals(202, submit(dv, null).status());
        Story failed = Api.poll(WORKFLOW, () -> story(dv.id()), s -> s.status().equals("REVOCATION_FAILED"));
        assertTrue(String.valueOf(failed.revocation("failureReason").orElse("")).contains("CaUnavailableException"), failed.toString());
        assertEquals(0L, failed.count("SUBMITTED_TO_CA", 1), "the CA never took it");
        Api.poll(WORKFLOW, () -> mailCount("Revocation of " + dv.commonName() + " did not go through"), n -> n == 1);

        stack.data().scriptCa(dv.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ofSeconds(2)));
        assertEquals(202, submit(dv, null).status(), "the customer applies again");
        tally.expect(dv.id(), "CA down past its retry budget before the hand-over", "REVOKED",
                revokedOnce(2).and(s -> s.count("REVOCATION_FAILED", 1) == 1));
    }

    @Test
    @Order(11)
    void aCaThatTookTheRevocationAndThenStaysDownIsReportedForAnOperatorNeverFailed() {
        Certificate dv = issued(ValidationType.DV);
        stack.data().scriptCa(dv.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ofMinutes(10)));
        assertEquals(202, submit(dv, null).status());
        Api.poll(WORKFLOW, () -> story(dv.id()).revocation("submittedToCaAt"), at -> at.isPresent());
        stack.data().scriptCa(dv.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ofMinutes(10)).failingFirst(1_000));
        tally.injected();

        Story unknown = Api.poll(WORKFLOW, () -> story(dv.id()), s -> s.last().type().equals("CA_STATUS_UNKNOWN"));
        assertEquals("REVOKING", unknown.status(), "the CA has it: never failed, never unlocked");
        Api.poll(WORKFLOW, () -> journey.executions.of(dv), e -> e.size() == 1 && e.get(0).startsWith("FAILED CaUnreachable"));
        String check = stack.runRefundCheck();
        assertTrue(check.contains("\"" + dv.id() + "\""), "listed in needAttention: " + check);
        tally.expect(dv.id(), "CA down past its retry budget after the hand-over", "REVOKING",
                s -> s.last().type().equals("CA_STATUS_UNKNOWN") && s.count("SUBMITTED_TO_CA", 1) == 1);
    }

    private static Certificate issued(ValidationType type) {
        return stack.data().add(TestCertificates.issued(newId(type.name().toLowerCase()), type,
                Instant.now().minus(Duration.ofDays(3))));
    }

    /** A DV certificate revoked without any fault, its refund claim due. */
    private static Certificate revoked() {
        Certificate dv = issued(ValidationType.DV);
        assertEquals(202, submit(dv, null).status());
        Api.poll(WORKFLOW, () -> story(dv.id()).status(), "REVOKED"::equals);
        return dv;
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Api.Response submit(Certificate c, String idempotencyKey) {
        return alice.post("/certificates/" + c.id() + "/revocation", "{\"reason\":\"superseded\"}",
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    private static FaultPlan.Rule refuse(String operation, Certificate about, AwsError error) {
        tally.injected();
        return stack.faults().refuse(operation, about.id().value(), 100, error);
    }

    /** The certificate's story through the API, or from its tombstone once the API no longer shows it. */
    private static Story story(CertificateId id) {
        Api.Response certificate = alice.get("/certificates/" + id);
        if (certificate.status() == 404) {
            Certificate tombstone = records.find(TestCertificates.ACCOUNT_A, id).orElseThrow();
            return Story.fromRecord(tombstone, records.events(TestCertificates.ACCOUNT_A, id));
        }
        assertEquals(200, certificate.status(), certificate.body());
        return Story.fromApi(certificate.json(), alice.get("/certificates/" + id + "/events").json());
    }

    /** Revoked in this attempt, each of its steps once. */
    private static Predicate<Story> revokedOnce(int attempt) {
        return s -> s.count("REVOCATION_REQUESTED", attempt) == 1 && s.count("SUBMITTED_TO_CA", attempt) == 1
                && s.count("REVOKED", attempt) == 1;
    }

    @SuppressWarnings("unchecked")
    private static String refundOf(Story s) {
        return s.revocation("refund").map(r -> String.valueOf(((Map<String, Object>) r).get("status"))).orElse(null);
    }

    private static long mailCount(String subject) {
        return stack.mailbox().messages().stream().filter(m -> m.subject().equals(subject)).count();
    }

    /**
     * Delivers a workflow task twice at once, as Lambda may, through the Invoke API with the input
     * the state machine gives that task (statemachine/revocation.asl.json); the state machine
     * delivers it a third time itself.
     */
    private static void deliverTwice(Map<String, Object> task) throws Exception {
        String input = JSON.std.asString(task);
        Callable<Api.Response> delivery = () -> lambda.post("/2015-03-31/functions/" + WORKFLOW_FUNCTION + "/invocations", input);
        ExecutorService lambdaService = Executors.newFixedThreadPool(2);
        try {
            for (Future<Api.Response> delivered : lambdaService.invokeAll(List.of(delivery, delivery))) {
                tally.injected();
                Api.Response answer = delivered.get(30, TimeUnit.SECONDS);
                assertEquals(200, answer.status(), answer.body());
                assertNull(answer.header("X-Amz-Function-Error"), "a repeated step is no error: " + answer.body());
            }
        } finally {
            lambdaService.shutdownNow();
        }
    }

    private static Map<String, Object> with(Map<String, Object> task, String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(task);
        more.put(name, value);
        return more;
    }

    private record Timed(Api.Response response, Duration took) {
    }

    private static Callable<Timed> timed(Callable<Api.Response> call) {
        return () -> {
            Instant began = Instant.now();
            Api.Response response = call.call();
            return new Timed(response, Duration.between(began, Instant.now()));
        };
    }

    private static void assertFast(Timed answer) {
        assertTrue(answer.took().compareTo(FAST) < 0, "answered after " + answer.took());
    }

    /** 503 SERVICE_UNAVAILABLE with Retry-After, fast; the Idempotency-Key hint only where a retry takes a key. */
    private static void assertServiceUnavailable(Timed answer, boolean keyHint) {
        Api.Response response = answer.response();
        assertEquals(503, response.status(), response.body());
        assertEquals("SERVICE_UNAVAILABLE", response.errorCode());
        assertEquals("5", response.header("Retry-After"));
        assertEquals(keyHint, response.body().contains("Idempotency-Key"), response.body());
        assertFast(answer);
    }
}
