package com.certshop.revocation.aws;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.ca.SimulatedCertificateAuthority;
import com.certshop.revocation.aws.dynamodb.DynamoDbCertificateStore;
import com.certshop.revocation.aws.dynamodb.DynamoDbConfirmationStore;
import com.certshop.revocation.aws.dynamodb.DynamoDbRefundLedger;
import com.certshop.revocation.aws.ses.SesMailer;
import com.certshop.revocation.aws.stepfunctions.RevocationRunInput;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsRevocationWorkflow;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsWorkflowSignals;
import com.certshop.revocation.aws.telemetry.SkippedItemLog;
import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.error.DomainException;
import com.certshop.revocation.domain.error.ErrorCode;
import com.certshop.revocation.domain.fakes.MutableClock;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.CertificateStatus;
import com.certshop.revocation.domain.model.EventType;
import com.certshop.revocation.domain.model.RefundStatus;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.domain.usecase.CheckCaWaits;
import com.certshop.revocation.domain.usecase.ConfirmRevocation;
import com.certshop.revocation.domain.usecase.RevocationSteps;
import com.certshop.revocation.domain.usecase.SettleRefunds;
import com.certshop.revocation.domain.usecase.SubmitRevocation;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The domain's use cases over the real adapters, against an emulator: what the handlers will do, minus HTTP. */
abstract class UseCasesOverAwsContract {
    private static final Instant ISSUED = Instant.parse("2026-11-02T10:00:00Z");
    private final AwsEmulator aws;
    private final MutableClock clock = MutableClock.at("2026-11-10T10:00:00Z");
    private final RevocationSettings settings = RevocationSettings.defaults();
    private final SfnClient sfn;
    private final String stateMachineArn;
    private final DynamoDbCertificateStore store;
    private final SubmitRevocation submit;
    private final RevocationSteps steps;
    private final ConfirmRevocation confirm;
    private final SettleRefunds settle;
    private final CheckCaWaits caChecks;
    private final SimulatedCertificateAuthority ca;

    UseCasesOverAwsContract(AwsEmulator aws) {
        this.aws = aws;
        var dynamo = Emulators.dynamo(aws);
        String table = Emulators.newTable(dynamo);
        var ses = Emulators.ses(aws);
        String sender = "revocations-" + UUID.randomUUID() + "@certshop.example";
        ses.createEmailIdentity(r -> r.emailIdentity(sender));
        sfn = Emulators.sfn(aws);
        stateMachineArn = sfn.createStateMachine(r -> r.name("revocation-" + UUID.randomUUID())
                .definition("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}")
                .roleArn("arn:aws:iam::123456789012:role/x")).stateMachineArn();
        store = new DynamoDbCertificateStore(dynamo, table);
        var confirmations = new DynamoDbConfirmationStore(dynamo, table);
        var mailer = new SesMailer(() -> ses, sender, () -> URI.create("https://api.example/revocations/confirm"), ZoneId.of("UTC"));
        var workflow = new StepFunctionsRevocationWorkflow(() -> sfn, stateMachineArn, new RevocationRunInput(
                new RevocationRunInput.ConfirmationWait(Duration.ofHours(72), Duration.ofHours(1)), settings.caPolling(), clock));
        var signals = new StepFunctionsWorkflowSignals(() -> sfn);
        var skipped = new SkippedItemLog("test run: item skipped");
        ca = new SimulatedCertificateAuthority(dynamo, table, clock, Duration.ofSeconds(30));
        var refundPolicy = settings.refundPolicy();
        submit = new SubmitRevocation(store, workflow, refundPolicy, skipped, clock);
        steps = new RevocationSteps(store, confirmations, mailer, signals, ca,
                settings.confirmationTokens(new SecureRandom()), settings.caPolling(), clock);
        confirm = new ConfirmRevocation(confirmations, store, signals, mailer, clock);
        caChecks = new CheckCaWaits(store, mailer, signals, ca, settings.caPolling(), 10, Duration.ZERO, clock::advance, skipped, clock);
        settle = new SettleRefunds(store, new DynamoDbRefundLedger(dynamo, table, clock), mailer, skipped, clock);
    }

    private Certificate add(Certificate c) {
        store.add(c, AuditEvent.added(c, Actor.SYSTEM, c.issuedAt()));
        return c;
    }

    @Test
    void anOvRevocationFromApplicationToRefund() {
        String id = "ov" + UUID.randomUUID().toString().substring(0, 8);
        Certificate ov = add(TestCertificates.issued(id, ValidationType.OV, ISSUED));
        RevocationSteps.Step step = new RevocationSteps.Step(ACCOUNT_A, ov.id(), 1);

        submit.submit(new SubmitRevocation.Command(ACCOUNT_A, ov.id(), "keyCompromise", Actor.customer(ACCOUNT_A, "alice"), "k1"));
        steps.requestConfirmation(step, "task-token-1");
        String token = tokenFromMail(id);
        assertEquals(ConfirmRevocation.LinkState.OPEN, confirm.preview(token).state());
        assertEquals(CertificateStatus.REVOKING, confirm.confirm(token).status());
        steps.submitToCa(step, "task-token-2");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(new CheckCaWaits.Report(0, 0, 0, 0, 0, 0), caChecks.run(() -> true), "no check due yet");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(new CheckCaWaits.Report(1, 1, 0, 0, 0, 0), caChecks.run(() -> true),
                "found through the CA check's index; its run had ended, which changes nothing");
        assertEquals(new SettleRefunds.Report(1, 0), settle.run());
        assertEquals(new SettleRefunds.Report(0, 0), settle.run());

        Certificate done = store.find(ACCOUNT_A, ov.id()).orElseThrow();
        assertEquals(CertificateStatus.REVOKED, done.status());
        assertEquals(RefundStatus.REFUNDED, done.revocation().refund().status());
        assertTrue(done.revocation().refund().refundReference().startsWith("rf_"));
        assertEquals(List.of(EventType.CERTIFICATE_ADDED, EventType.REVOCATION_REQUESTED, EventType.CONFIRMATION_SENT,
                        EventType.REVOCATION_CONFIRMED, EventType.SUBMITTED_TO_CA, EventType.REVOKED, EventType.REFUND_SETTLED),
                store.events(ACCOUNT_A, ov.id()).stream().map(AuditEvent::type).toList());
    }

    @Test
    void twentyConcurrentSubmissionsMakeOneRevocationAndOneExecution() throws Exception {
        String id = "dv" + UUID.randomUUID().toString().substring(0, 8);
        Certificate dv = add(TestCertificates.issued(id, ValidationType.DV, ISSUED));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SubmitRevocation.Result>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "key-" + i;
            results.add(pool.submit(() -> {
                go.await();
                return submit.submit(new SubmitRevocation.Command(ACCOUNT_A, dv.id(), "superseded",
                        Actor.customer(ACCOUNT_A, "alice"), key));
            }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<SubmitRevocation.Result> result : results) {
            try {
                result.get(60, TimeUnit.SECONDS);
                accepted++;
            } catch (ExecutionException e) {
                ErrorCode code = ((DomainException) e.getCause()).code();
                assertTrue(code == ErrorCode.REVOCATION_IN_PROGRESS || code == ErrorCode.CONCURRENT_UPDATE, code.name());
            }
        }
        pool.shutdown();
        assertEquals(1, accepted);
        assertEquals(1, store.find(ACCOUNT_A, dv.id()).orElseThrow().revocation().attempt());
        assertEquals(2, store.events(ACCOUNT_A, dv.id()).size());
        assertEquals(1, sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions().stream()
                .filter(e -> e.name().startsWith(id)).count());
    }

    private String tokenFromMail(String certificateId) {
        Matcher m = Pattern.compile("Confirm the revocation of " + certificateId + "[^}]*?token=([A-Za-z0-9_-]{43})")
                .matcher(aws.sentMail());
        assertTrue(m.find(), "confirmation mail for " + certificateId);
        return m.group(1);
    }
}
