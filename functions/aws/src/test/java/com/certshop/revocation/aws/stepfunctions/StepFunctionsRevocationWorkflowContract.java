package com.certshop.revocation.aws.stepfunctions;

import static com.certshop.revocation.domain.fakes.TestCertificates.ACCOUNT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certshop.revocation.aws.testing.AwsEmulator;
import com.certshop.revocation.aws.testing.Emulators;
import com.certshop.revocation.domain.RevocationSettings;
import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.LapseCause;
import com.certshop.revocation.domain.port.RevocationWorkflow;
import com.certshop.revocation.domain.port.WorkflowSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

abstract class StepFunctionsRevocationWorkflowContract {
    private static final String WAITING_DEFINITION = "{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}";
    private final SfnClient sfn;
    private static final Instant NOW = Instant.parse("2026-11-10T10:00:00Z");
    private static final CaPolling CA_POLLING = RevocationSettings.defaults().caPolling();
    private final String stateMachineArn;
    private final StepFunctionsRevocationWorkflow workflow;
    private final StepFunctionsWorkflowSignals signals;

    StepFunctionsRevocationWorkflowContract(AwsEmulator aws) {
        sfn = Emulators.sfn(aws);
        stateMachineArn = sfn.createStateMachine(r -> r.name("revocation-" + UUID.randomUUID())
                .definition(WAITING_DEFINITION).roleArn("arn:aws:iam::123456789012:role/revocation-workflow")).stateMachineArn();
        workflow = new StepFunctionsRevocationWorkflow(() -> sfn, stateMachineArn, new RevocationRunInput(
                new RevocationRunInput.ConfirmationWait(Duration.ofHours(72), Duration.ofHours(1)),
                CA_POLLING, Clock.fixed(NOW, ZoneOffset.UTC)));
        signals = new StepFunctionsWorkflowSignals(() -> sfn);
    }

    @Test
    void startingTheSameAttemptTwiceRunsOneExecutionNamedAfterIt() {
        RevocationWorkflow.Start start = new RevocationWorkflow.Start(ACCOUNT_A, new CertificateId("ov1"), 3, true);
        workflow.start(start);
        workflow.start(start);

        var executions = sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions();
        assertEquals(1, executions.size());
        ExecutionListItem execution = executions.get(0);
        assertEquals("ov1-attempt-3", execution.name());
        assertEquals("{\"accountId\":\"account-a\",\"certificateId\":\"ov1\",\"attempt\":3,\"confirmationRequired\":true,"
                        + "\"confirmationTimeoutSeconds\":262800,\"confirmationHeartbeatSeconds\":261000,"
                        + "\"caWaitHeartbeatSeconds\":21600,\"caWaitTimeoutSeconds\":1195200}",
                sfn.describeExecution(r -> r.executionArn(execution.executionArn())).input());
    }

    @Test
    void aNewAttemptIsANewExecution() {
        workflow.start(new RevocationWorkflow.Start(ACCOUNT_A, new CertificateId("dv1"), 1, false));
        workflow.start(new RevocationWorkflow.Start(ACCOUNT_A, new CertificateId("dv1"), 2, false));
        assertEquals(2, sfn.listExecutions(r -> r.stateMachineArn(stateMachineArn)).executions().size());
    }

    @Test
    void signallingATaskThatNoLongerWaitsIsNotAnError() {
        signals.confirmationGiven("no-such-task-token");
        signals.confirmationRefused("no-such-task-token", LapseCause.CANCELLED_BY_CUSTOMER);
        // Step Functions refuses each as TaskDoesNotExist or InvalidToken (the emulators may also just accept it).
        signals.caWaitEnded("no-such-task-token", WorkflowSignals.CaOutcome.REVOKED);
        signals.caWaitGoesOn("no-such-task-token");
        signals.caWaitFailed("no-such-task-token", "status unreadable");
    }

    @Test
    void aRunIsFoundByItsAttemptOnceStarted() {
        RevocationWorkflow.Start start = new RevocationWorkflow.Start(ACCOUNT_A, new CertificateId("ev1"), 1, true);
        assertEquals(RevocationWorkflow.RunState.NOT_STARTED, workflow.runState(start));
        workflow.start(start);
        assertEquals(RevocationWorkflow.RunState.RUNNING, workflow.runState(start));
    }
}
