package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Customer journeys through the HTTP API while the real state machine runs in moto. */
class RevocationJourneysIT {
    private static final Duration WORKFLOW = Duration.ofSeconds(60);
    private static Journey journey;
    private static EmulatedStack stack;
    private static Api alice;
    private static Api bob;
    private static Api anonymous;
    private static Executions executions;

    @BeforeAll
    static void start() {
        journey = Journey.start("CaPollMaxSeconds", 1, "ConfirmationValiditySeconds", 30, "ConfirmationGraceSeconds", 2,
                "StuckRevocationGraceSeconds", 0);
        stack = journey.stack;
        alice = journey.alice;
        executions = journey.executions;
        bob = journey.as(stack.issueToken(TestCertificates.ACCOUNT_B.value(), "bob@other.example"));
        anonymous = journey.as(null);
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
    }

    private static Certificate issued(ValidationType type) {
        String id = type.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return stack.data().add(TestCertificates.issued(id, type, Instant.now().minus(Duration.ofDays(3))));
    }

    private static String status(Certificate c) {
        return String.valueOf(alice.get("/certificates/" + c.id()).json().get("status"));
    }

    private static Api.Response submit(Certificate c, String reason) {
        return alice.post("/certificates/" + c.id() + "/revocation", "{\"reason\":\"" + reason + "\"}");
    }

    private static String confirmationLink(Certificate c) {
        return journey.confirmationLink(c, WORKFLOW);
    }

    private static String tokenOf(String link) {
        return Journey.tokenOf(link);
    }

    private static boolean mailed(String subject) {
        return stack.mailbox().messages().stream().anyMatch(m -> m.subject().equals(subject));
    }

    @Test
    void dvIsRevokedByTheCaRefundedOnceAndThenDeleted() {
        Certificate dv = issued(ValidationType.DV);

        Api.Response submitted = alice.post("/certificates/" + dv.id() + "/revocation", "{\"reason\":\"keyCompromise\"}");
        assertEquals(202, submitted.status(), submitted.body());
        assertEquals("REVOKING", submitted.json().get("status"));
        assertEquals("ELIGIBLE", submitted.json().get("refundOutlook"));

        Api.poll(WORKFLOW, () -> status(dv), "REVOKED"::equals);
        Api.poll(WORKFLOW, () -> executions.of(dv), e -> e.equals(List.of("SUCCEEDED")));
        // The execution waited on a task token while the CA check polled (the simulated CA took 2 s,
        // checked every second): its cost does not depend on that wait.
        List<String> history = executions.history(dv);
        long transitions = history.stream().filter(type -> type.endsWith("StateEntered")).count();
        long workflowInvocations = history.stream()
                .filter(type -> type.equals("TaskScheduled") || type.equals("LambdaFunctionScheduled")).count();
        System.out.printf("DV revocation: %d state transitions, %d workflow Lambda invocations%n", transitions,
                workflowInvocations);
        assertTrue(transitions <= 10, "state transitions: " + history);
        assertTrue(workflowInvocations <= 3, "workflow invocations: " + history);
        stack.runRefundCheck();
        stack.runRefundCheck();
        @SuppressWarnings("unchecked")
        Map<String, Object> refund = (Map<String, Object>) ((Map<String, Object>) alice.get("/certificates/" + dv.id())
                .json().get("revocation")).get("refund");
        assertEquals("REFUNDED", refund.get("status"));
        assertEquals(1L, stack.mailbox().messages().stream()
                .filter(m -> m.subject().equals("Refund decision for " + dv.commonName())).count(), "one refund notice");

        assertEquals(204, alice.delete("/certificates/" + dv.id()).status());
        assertEquals(404, alice.get("/certificates/" + dv.id()).status());
        assertTrue(stack.mailbox().messages().stream().anyMatch(m -> m.subject().equals("Certificate " + dv.commonName() + " was revoked")));
    }

    /**
     * A run that reaches its hand-over after its attempt ended (the state machine's retry of the
     * step, after the CA check completed the attempt) is told so by the step itself, during the
     * step's own invocation: it must end then, not wait for its heartbeat limit.
     */
    @Test
    void aRunThatReachesItsHandOverAfterTheRevocationEndedEndsAtOnce() {
        Certificate dv = issued(ValidationType.DV);
        assertEquals(202, alice.post("/certificates/" + dv.id() + "/revocation", "{\"reason\":\"superseded\"}").status());
        Api.poll(WORKFLOW, () -> executions.of(dv), e -> e.equals(List.of("SUCCEEDED")));

        String again = executions.startAgain(dv, 1);
        Api.poll(WORKFLOW, () -> executions.status(again), "SUCCEEDED"::equals);
        assertEquals("REVOKED", status(dv));
    }

    @Test
    void ovWaitsForTheMailedLinkWhoseOpeningChangesNothingThenConfirmingRevokesIt() {
        Certificate ov = issued(ValidationType.OV);
        assertEquals("AWAITING_CONFIRMATION", submit(ov, "superseded").json().get("status"));
        String link = confirmationLink(ov);

        Object versionBefore = alice.get("/certificates/" + ov.id()).json().get("version");
        Api.Response page = anonymous.get(link.substring(link.indexOf("/revocations")));
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Confirm the revocation of " + ov.commonName()));
        assertEquals(versionBefore, alice.get("/certificates/" + ov.id()).json().get("version"), "GET changed nothing");
        assertEquals("AWAITING_CONFIRMATION", status(ov));

        Api.Response answer = anonymous.postForm("/revocations/confirm", "token=" + tokenOf(link) + "&answer=confirm");
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("Revocation confirmed"));
        Api.poll(WORKFLOW, () -> status(ov), "REVOKED"::equals);
        // The link took its answer: the other one is refused, the same one again changes nothing.
        assertEquals(409, anonymous.postForm("/revocations/confirm", "token=" + tokenOf(link) + "&answer=reject").status());
        assertEquals(200, anonymous.postForm("/revocations/confirm", "token=" + tokenOf(link) + "&answer=confirm").status());
        assertEquals("REVOKED", status(ov));
        Api.poll(WORKFLOW, () -> executions.of(ov), e -> e.equals(List.of("SUCCEEDED")));
    }

    @Test
    void rejectingTheMailedRevocationLeavesTheCertificateIssuedAndDownloadable() {
        Certificate ev = issued(ValidationType.EV);
        submit(ev, "keyCompromise");
        String link = confirmationLink(ev);
        assertEquals(409, alice.get("/certificates/" + ev.id() + "/download").status(), "locked while it waits");

        Api.Response answer = anonymous.post("/revocations/confirm", "{\"token\":\"" + tokenOf(link) + "\",\"answer\":\"reject\"}");
        assertEquals(Map.of("certificateId", ev.id().value(), "status", "ISSUED"), answer.json());

        Api.Response pem = alice.get("/certificates/" + ev.id() + "/download");
        assertEquals(200, pem.status());
        assertEquals(ev.pemBundle(), pem.body());
        Api.poll(WORKFLOW, () -> executions.of(ev), e -> e.equals(List.of("SUCCEEDED")));
        assertTrue(mailed("Revocation of " + ev.commonName() + " was not carried out"));
    }

    @Test
    void theCustomerCancelsWhileTheLinkIsOutAndTheWorkflowEnds() {
        Certificate ov = issued(ValidationType.OV);
        submit(ov, "affiliationChanged");
        String link = confirmationLink(ov);

        Api.Response cancelled = alice.delete("/certificates/" + ov.id() + "/revocation");
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("ISSUED", cancelled.json().get("status"));
        Api.poll(WORKFLOW, () -> executions.of(ov), e -> e.equals(List.of("SUCCEEDED")));
        assertEquals(410, anonymous.postForm("/revocations/confirm", "token=" + tokenOf(link) + "&answer=confirm").status());
        assertEquals("ISSUED", status(ov));
    }

    @Test
    void aCaRejectionFailsTheRevocationAndTheApplicantIsTold() {
        Certificate dv = issued(ValidationType.DV);
        stack.data().scriptCa(dv.id(), SimulatedCertificateAuthority.Script.rejectAfter(Duration.ofSeconds(1), "serial not found"));
        submit(dv, "superseded");

        Api.poll(WORKFLOW, () -> status(dv), "REVOCATION_FAILED"::equals);
        Api.poll(WORKFLOW, () -> mailed("Revocation of " + dv.commonName() + " did not go through"), Boolean::booleanValue);
        assertEquals(202, submit(dv, "superseded").status(), "the customer may apply again");
    }

    @Test
    void transientCaErrorsAreRetriedByTheStateMachine() {
        Certificate dv = issued(ValidationType.DV);
        stack.data().scriptCa(dv.id(), SimulatedCertificateAuthority.Script.revokeAfter(Duration.ofSeconds(1)).failingFirst(2));
        submit(dv, "cessationOfOperation");
        Api.poll(WORKFLOW, () -> status(dv), "REVOKED"::equals);
        Api.poll(WORKFLOW, () -> executions.of(dv), e -> e.equals(List.of("SUCCEEDED")));
    }

    @Test
    void theSameIdempotencyKeyTwiceMakesOneRevocationAndOneExecution() {
        Certificate dv = issued(ValidationType.DV);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Api.Response first = alice.post("/certificates/" + dv.id() + "/revocation", "{\"reason\":\"superseded\"}", key);
        Api.Response again = alice.post("/certificates/" + dv.id() + "/revocation", "{\"reason\":\"superseded\"}", key);
        assertEquals(202, first.status());
        assertEquals(202, again.status());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(1, executions.of(dv).size());
        // One application recorded; the run it started may already have handed it to the CA (SUBMITTED_TO_CA).
        List<?> types = ((List<?>) alice.get("/certificates/" + dv.id() + "/events").json().get("items")).stream()
                .map(e -> ((Map<?, ?>) e).get("type")).toList();
        assertEquals(1, types.stream().filter("REVOCATION_REQUESTED"::equals).count(), types.toString());
    }

    @Test
    void twentyConcurrentSubmissionsAcceptOneAndStartOneExecution() throws Exception {
        Certificate dv = issued(ValidationType.DV);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(pool.submit(() -> {
                go.await();
                return submit(dv, "keyCompromise").status();
            }));
        }
        go.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : statuses) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, codes.stream().filter(c -> c == 202).count(), codes.toString());
        assertEquals(19, codes.stream().filter(c -> c == 409).count(), codes.toString());
        assertEquals(1, executions.of(dv).size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLongListIsPagedWithTokensOnlyItsOwnerCanUse() {
        issued(ValidationType.DV);
        issued(ValidationType.DV);
        Map<String, Object> first = alice.get("/certificates?limit=1").json();
        String token = String.valueOf(first.get("nextToken"));
        assertFalse(token.isBlank() || "null".equals(token), first.toString());
        Map<String, Object> second = alice.get("/certificates?limit=1&nextToken=" + token).json();
        Object firstId = ((List<Map<String, Object>>) first.get("items")).get(0).get("id");
        Object secondId = ((List<Map<String, Object>>) second.get("items")).get(0).get("id");
        assertFalse(firstId.equals(secondId), "the second page goes on from the first");
        assertEquals(400, bob.get("/certificates?limit=1&nextToken=" + token).status(), "sealed to Alice's account");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> action(Certificate c, String name) {
        return (Map<String, Object>) ((Map<String, Object>) alice.get("/certificates/" + c.id()).json().get("actions")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> json) {
        return (Map<String, Object>) json.get("error");
    }

    @Test
    void eachViewsActionsAreWhatTheRequestsThemselvesAnswer() {
        Certificate dv = issued(ValidationType.DV);
        assertEquals(Map.of("allowed", true), action(dv, "revoke"));
        assertEquals(Map.of("allowed", true), action(dv, "download"));
        Map<String, Object> delete = action(dv, "delete");
        assertEquals(false, delete.get("allowed"));
        assertEquals(error(delete), error(alice.delete("/certificates/" + dv.id()).json()), "the refusal the view announced");

        submit(dv, "superseded");
        Map<String, Object> download = action(dv, "download");
        assertEquals(error(download), error(alice.get("/certificates/" + dv.id() + "/download").json()));
        Map<String, Object> revoke = action(dv, "revoke");
        assertEquals(error(revoke), error(submit(dv, "superseded").json()));
        assertEquals("REVOCATION_IN_PROGRESS", error(revoke).get("code"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDryRunAnswersWhatApplyingWouldDoAndWritesNothing() {
        Certificate ov = issued(ValidationType.OV);
        int events = ((List<?>) alice.get("/certificates/" + ov.id() + "/events").json().get("items")).size();
        long mails = stack.mailbox().messages().size();

        Api.Response preview = alice.post("/certificates/" + ov.id() + "/revocation?dryRun=true", "{\"reason\":\"keyCompromise\"}");
        assertEquals(200, preview.status(), preview.body());
        Map<String, Object> json = preview.json();
        assertEquals(true, json.get("dryRun"));
        assertEquals("CONFIRMATION_NEEDED", json.get("outcome"));
        assertEquals("admin@" + ov.commonName(), json.get("confirmationTo"));
        assertEquals("ELIGIBLE", json.get("refundOutlook"));
        assertTrue(String.valueOf(json.get("latestSafeApplyDate")).matches("\\d{4}-\\d{2}-\\d{2}"), json.toString());
        assertEquals(true, json.get("locksDownload"));
        assertEquals(5, json.get("caSlaBusinessDays"));

        assertEquals("ISSUED", status(ov));
        assertEquals(events, ((List<?>) alice.get("/certificates/" + ov.id() + "/events").json().get("items")).size());
        assertEquals(200, alice.get("/certificates/" + ov.id() + "/download").status(), "a dry run locks nothing");
        assertEquals(List.of(), executions.of(ov), "a dry run starts no workflow");
        assertEquals(mails, stack.mailbox().messages().size(), "a dry run mails nobody");

        assertEquals(202, submit(ov, "keyCompromise").status());
        Map<String, Object> refused = alice.post("/certificates/" + ov.id() + "/revocation?dryRun=true",
                "{\"reason\":\"superseded\"}").json();
        assertEquals("REFUSED", refused.get("outcome"));
        assertEquals("REVOCATION_IN_PROGRESS", error(refused).get("code"));
        assertEquals(404, bob.post("/certificates/" + ov.id() + "/revocation?dryRun=true", "{\"reason\":\"superseded\"}").status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSearchFindsCertificatesByAnyPartOfTheirNamesWithFiltersAndPages() {
        String tag = "find" + UUID.randomUUID().toString().substring(0, 8);
        Instant issuedAt = Instant.now().minus(Duration.ofDays(3));
        Certificate dv = stack.data().add(TestCertificates.issued(tag + "-a", ValidationType.DV, issuedAt));
        Certificate ov = stack.data().add(TestCertificates.issued(tag + "-b", ValidationType.OV, issuedAt.plusSeconds(1)));
        Certificate wildcard = stack.data().add(Certificate.issued(new com.certshop.revocation.domain.model.CertificateId(tag + "-w"),
                TestCertificates.ACCOUNT_A, ValidationType.DV, TestCertificates.pem(issuedAt.plusSeconds(2),
                        issuedAt.plus(Duration.ofDays(90)), "*." + tag + ".example.net"), "admin@" + tag + ".example.net",
                "order-" + tag, TestCertificates.PRICE));

        java.util.function.Function<String, List<Object>> ids = query -> ((List<Map<String, Object>>) alice
                .get("/certificates?" + query).json().get("items")).stream().map(i -> i.get("id")).toList();
        assertEquals(List.of(wildcard.id().value(), ov.id().value(), dv.id().value()), ids.apply("q=" + tag.toUpperCase()));
        assertEquals(List.of(wildcard.id().value(), dv.id().value()), ids.apply("q=" + tag + "&type=DV"));
        assertEquals(List.of(ov.id().value()), ids.apply("q=www." + tag + "-b&status=ISSUED"));
        assertEquals(List.of(wildcard.id().value()), ids.apply("q=*." + tag));
        Map<String, Object> first = alice.get("/certificates?limit=2&q=" + tag).json();
        assertEquals(2, ((List<?>) first.get("items")).size());
        Map<String, Object> second = alice.get("/certificates?limit=2&q=" + tag + "&nextToken=" + first.get("nextToken")).json();
        assertEquals(List.of(dv.id().value()), ((List<Map<String, Object>>) second.get("items")).stream().map(i -> i.get("id")).toList());
        assertEquals(List.of(), ((List<?>) bob.get("/certificates?q=" + tag).json().get("items")), "only the caller's own");
        assertEquals("INVALID_SEARCH", alice.get("/certificates?q=" + tag + "%20x").errorCode());
    }

    @Test
    void theDownloadIsRefusedFromTheMomentOfSubmission() {
        Certificate dv = issued(ValidationType.DV);
        assertEquals(200, alice.get("/certificates/" + dv.id() + "/download").status());
        submit(dv, "superseded");
        Api.Response locked = alice.get("/certificates/" + dv.id() + "/download");
        assertEquals(409, locked.status());
        assertEquals("CERTIFICATE_LOCKED", locked.errorCode());
    }

    @Test
    void deletionFollowsTheRules() {
        Certificate valid = issued(ValidationType.DV);
        assertEquals("REVOKE_FIRST", alice.delete("/certificates/" + valid.id()).errorCode());
        submit(valid, "superseded");
        assertEquals("REVOCATION_IN_PROGRESS", alice.delete("/certificates/" + valid.id()).errorCode());

        Certificate uploaded = stack.data().add(TestCertificates.uploaded("up-" + UUID.randomUUID().toString().substring(0, 8),
                Instant.now().minus(Duration.ofDays(10))));
        assertEquals(204, alice.delete("/certificates/" + uploaded.id()).status());

        Instant longAgo = Instant.now().minus(Duration.ofDays(500));
        Certificate expired = stack.data().add(TestCertificates.issued("old-" + UUID.randomUUID().toString().substring(0, 8),
                TestCertificates.ACCOUNT_A, ValidationType.OV, longAgo, longAgo.plus(Duration.ofDays(397))));
        assertEquals(204, alice.delete("/certificates/" + expired.id()).status());
        assertEquals(404, alice.get("/certificates/" + expired.id()).status());
    }

    @Test
    void anotherAccountGets404ForEveryRouteAndNothingChanges() {
        Certificate dv = issued(ValidationType.DV);
        String path = "/certificates/" + dv.id();
        List<Api.Response> answers = List.of(bob.get(path), bob.get(path + "/download"), bob.get(path + "/events"),
                bob.post(path + "/revocation", "{\"reason\":\"keyCompromise\"}"), bob.delete(path + "/revocation"),
                bob.delete(path));
        for (Api.Response r : answers) {
            assertEquals(404, r.status(), r.body());
            assertEquals("CERTIFICATE_NOT_FOUND", r.errorCode());
        }
        assertFalse(bob.get("/certificates?limit=100").body().contains(dv.id().value()));
        assertEquals("ISSUED", status(dv));
    }

    @Test
    void malformedInputThroughTheGatewayIsRefusedAsTheBrowserOrClientExpectsNeverA500() {
        Certificate ov = issued(ValidationType.OV);
        assertEquals(202, submit(ov, "keyCompromise").status());
        String token = tokenOf(confirmationLink(ov));
        // The form's broken escape: a 400 page for the browser, not a 500 in JSON.
        Api.Response form = anonymous.postForm("/revocations/confirm", "token=" + token + "&answer=confirm%");
        assertEquals(400, form.status(), form.body());
        assertTrue(form.header("Content-Type").startsWith("text/html"), form.header("Content-Type"));
        // A JSON answer declared as text/plain, and trailing data after a JSON reason.
        Api.Response plain = anonymous.send("POST", "/revocations/confirm", "text/plain",
                "{\"token\":\"" + token + "\",\"answer\":\"confirm\"}");
        assertEquals(415, plain.status(), plain.body());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", plain.errorCode());
        Certificate dv = issued(ValidationType.DV);
        Api.Response trailing = alice.post("/certificates/" + dv.id() + "/revocation",
                "{\"reason\":\"superseded\"} {\"reason\":\"keyCompromise\"}");
        assertEquals("INVALID_JSON", trailing.errorCode());
        // An escape that is not UTF-8 in the query: the gateway's 400, as for a request it cannot read.
        assertEquals(400, anonymous.get("/revocations/confirm?token=%E9").status());
        assertEquals("AWAITING_CONFIRMATION", status(ov));
        assertEquals("ISSUED", status(dv));
    }

    @Test
    void withoutAValidTokenTheApiAnswers401AndTheFunctionIsNotCalled() {
        Certificate dv = issued(ValidationType.DV);
        Api.Response none = anonymous.post("/certificates/" + dv.id() + "/revocation", "{\"reason\":\"keyCompromise\"}");
        assertEquals(401, none.status());
        assertEquals(401, new Api(stack.apiEndpoint(), "not.a.jwt").get("/certificates").status());
        assertEquals(401, new Api(stack.apiEndpoint(), alice.toString()).get("/certificates").status());
        assertEquals("ISSUED", status(dv));
    }

    @Test
    void aRevocationRecordedWithoutItsWorkflowIsPickedUpByTheScheduledCheck() {
        // As if StartExecution had failed right after the application was written.
        Certificate fresh = TestCertificates.issued("stuck-" + UUID.randomUUID().toString().substring(0, 8),
                ValidationType.DV, Instant.now().minus(Duration.ofDays(3)));
        Instant applied = Instant.now();
        Certificate stuck = stack.data().add(Lifecycle.submit(fresh, new RevocationRequest(RevocationReason.SUPERSEDED,
                Actor.customer(TestCertificates.ACCOUNT_A, "alice"), null),
                RefundClaim.pending(RefundOutlook.ELIGIBLE, applied.plus(Duration.ofDays(20))), applied).after());
        assertEquals(List.of(), executions.of(stuck));

        assertTrue(stack.runRefundCheck().contains("\"workflowsStarted\":1"));
        Api.poll(WORKFLOW, () -> status(stuck), "REVOKED"::equals);
        Api.poll(WORKFLOW, () -> executions.of(stuck), e -> e.equals(List.of("SUCCEEDED")));
    }
}
