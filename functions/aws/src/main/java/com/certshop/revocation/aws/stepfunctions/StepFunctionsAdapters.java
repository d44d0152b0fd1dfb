package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingBounds;
import com.certshop.revocation.domain.RevocationSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The workflow client as a function configures it. */
public final class StepFunctionsAdapters {
    public static final String STATE_MACHINE_ARN = "STATE_MACHINE_ARN";
    public static final String BATCH_STATE_MACHINE_ARN = "BATCH_STATE_MACHINE_ARN";

    private StepFunctionsAdapters() {
    }

    /** The one Step Functions client a function needs, whatever it starts or signals through it; built on first use. */
    public static Supplier<SfnClient> client(AwsClients clients) {
        return clients.lazily(SfnClient::builder);
    }

    /** For functions that start workflows (and may signal them). */
    public static StepFunctionsRevocationWorkflow starting(Environment env, Supplier<SfnClient> sfn, RevocationSettings settings) {
        return new StepFunctionsRevocationWorkflow(sfn, env.require(STATE_MACHINE_ARN),
                confirmationWait(env, settings), settings.caPolling(), Clock.systemUTC());
    }

    /**
     * For the workflow function: it signals runs and describes the input of the runs a batch's
     * machine starts, but starts none itself (the revocation machine names that function, so the
     * function cannot name the machine).
     */
    public static StepFunctionsRevocationWorkflow describing(Environment env, AwsClients clients, RevocationSettings settings) {
        return new StepFunctionsRevocationWorkflow(client(clients), null,
                confirmationWait(env, settings), settings.caPolling(), Clock.systemUTC());
    }

    private static StepFunctionsRevocationWorkflow.ConfirmationWait confirmationWait(Environment env, RevocationSettings settings) {
        return new StepFunctionsRevocationWorkflow.ConfirmationWait(settings.confirmationValidity(),
                Duration.ofSeconds(env.requireInt(SettingBounds.CONFIRMATION_GRACE_SECONDS)));
    }

    /** For the function that starts bulk revocations. */
    public static StepFunctionsBatchWorkflow batches(Environment env, Supplier<SfnClient> sfn) {
        return new StepFunctionsBatchWorkflow(sfn, env.require(BATCH_STATE_MACHINE_ARN));
    }

    /** For functions that only answer a waiting workflow: they need no state machine ARN and no right to start one. */
    public static StepFunctionsRevocationWorkflow signalling(AwsClients clients) {
        return new StepFunctionsRevocationWorkflow(client(clients), null, null, null, null);
    }
}
