package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingBounds;
import com.certshop.revocation.domain.RevocationSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The workflow's adapters as a function configures them. */
public final class StepFunctionsAdapters {
    public static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    public static final String BATCH_STATE_MACHINE_ARN = "BATCH_STATE_MACHINE_ARN";

    private StepFunctionsAdapters() {
    }

    /** The one Step Functions client a function needs, whatever it starts or signals through it; built on first use. */
    public static Supplier<SfnClient> client(AwsClients clients) {
        return clients.lazily(SfnClient::builder);
    }

    /** For functions that start revocation runs and look them up. */
    public static StepFunctionsRevocationWorkflow starting(Environment env, Supplier<SfnClient> sfn, RevocationSettings settings) {
        return new StepFunctionsRevocationWorkflow(sfn, env.require(STATE_MACHINE_ARN), runInput(env, settings));
    }

    /**
     * For the workflow function: the input of the runs a batch's machine starts. The function starts
     * none itself (the revocation machine names that function, so the function cannot name the machine).
     */
    public static RevocationRunInput runInput(Environment env, RevocationSettings settings) {
        return new RevocationRunInput(new RevocationRunInput.ConfirmationWait(settings.confirmationValidity(),
                Duration.ofSeconds(env.requireInt(SettingBounds.CONFIRMATION_GRACE_SECONDS))), settings.caPolling(),
                Clock.systemUTC());
    }

    /** For functions that answer a waiting run: they need no state machine ARN and no right to start one. */
    public static StepFunctionsWorkflowSignals signalling(Supplier<SfnClient> sfn) {
        return new StepFunctionsWorkflowSignals(sfn);
    }

    /** For the function that starts bulk revocations. */
    public static StepFunctionsBatchWorkflow batches(Environment env, Supplier<SfnClient> sfn) {
        return new StepFunctionsBatchWorkflow(sfn, env.require(BATCH_STATE_MACHINE_ARN));
    }
}
