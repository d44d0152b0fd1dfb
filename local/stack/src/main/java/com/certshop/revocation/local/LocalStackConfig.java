package com.certshop.revocation.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How to run the local stack.
 *
 * @param repositoryRoot    where template.yaml, the ASL file and the built function jars are
 * @param apiPort           the HTTP API's port; 0 picks a free one
 * @param awsPort           the local AWS endpoint's port (Lambda Invoke API, everything else to moto); 0 picks a free one
 * @param parameters        template parameter values, over the template's defaults
 * @param refundCheckEvery  how often the scheduled refund check runs; null for the template's schedule,
 *                          zero for never (it still runs on demand)
 * @param stackName         what AWS::StackName resolves to
 * @param stepFunctionsRetryPace a factor for the waits between the state machine's Retry attempts
 *                          (see {@link com.certshop.revocation.local.moto.MotoServer#STEP_FUNCTIONS_RETRY_PACE});
 *                          null for the waits as written
 */
public record LocalStackConfig(Path repositoryRoot, int apiPort, int awsPort, Map<String, String> parameters,
        Duration refundCheckEvery, String stackName, Double stepFunctionsRetryPace) {

    public LocalStackConfig {
        parameters = Map.copyOf(parameters);
    }

    public static LocalStackConfig defaults(Path repositoryRoot) {
        return new LocalStackConfig(repositoryRoot.toAbsolutePath().normalize(), 0, 0, Map.of(), null, "certshop-local", null);
    }

    public LocalStackConfig withPorts(int api, int aws) {
        return new LocalStackConfig(repositoryRoot, api, aws, parameters, refundCheckEvery, stackName, stepFunctionsRetryPace);
    }

    /** The same configuration with one more template parameter set. */
    public LocalStackConfig withParameter(String name, Object value) {
        Map<String, String> more = new HashMap<>(parameters);
        more.put(name, String.valueOf(value));
        return new LocalStackConfig(repositoryRoot, apiPort, awsPort, more, refundCheckEvery, stackName, stepFunctionsRetryPace);
    }

    public LocalStackConfig withRefundCheckEvery(Duration interval) {
        return new LocalStackConfig(repositoryRoot, apiPort, awsPort, parameters, interval, stackName, stepFunctionsRetryPace);
    }

    /** The same configuration with the state machine's Retry waits scaled by {@code pace}, e.g. 0.002. */
    public LocalStackConfig withStepFunctionsRetryPace(double pace) {
        return new LocalStackConfig(repositoryRoot, apiPort, awsPort, parameters, refundCheckEvery, stackName, pace);
    }
}
