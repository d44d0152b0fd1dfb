package com.certshop.revocation.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How to run the local stack.
 *
 * @param repositoryRoot where template.yaml, the ASL file and the built function jars are
 * @param apiPort        the HTTP API's port; 0 picks a free one
 * @param awsPort        the local AWS endpoint's port (Lambda Invoke API, everything else to moto); 0 picks a free one
 * @param parameters     template parameter values, over the template's defaults
 * @param scheduleEvery  how often each scheduled function runs, by its logical id; a function not
 *                       named here runs at its template schedule's rate, one given zero never
 *                       (it still runs on demand)
 * @param stackName      what AWS::StackName resolves to
 */
public record EmulatedStackConfig(Path repositoryRoot, int apiPort, int awsPort, Map<String, String> parameters,
        Map<String, Duration> scheduleEvery, String stackName) {
    static final String REFUND_CHECK = "RefundCheckFunction";
    static final String CA_CHECK = "CaCheckFunction";
    /**
     * The CA check runs every second locally, not every minute as deployed: local CAs answer in
     * seconds (the simulated one after CaSimulatedDelaySeconds, Pebble at once), and a revocation
     * should be seen completing at that pace.
     */
    static final Duration LOCAL_CA_CHECK_PACE = Duration.ofSeconds(1);

    public EmulatedStackConfig {
        parameters = Map.copyOf(parameters);
        scheduleEvery = Map.copyOf(scheduleEvery);
    }

    public static EmulatedStackConfig defaults(Path repositoryRoot) {
        return new EmulatedStackConfig(repositoryRoot.toAbsolutePath().normalize(), 0, 0, Map.of(),
                Map.of(CA_CHECK, LOCAL_CA_CHECK_PACE), "certshop-local");
    }

    public EmulatedStackConfig withPorts(int api, int aws) {
        return new EmulatedStackConfig(repositoryRoot, api, aws, parameters, scheduleEvery, stackName);
    }

    /** The same configuration with one more template parameter set. */
    public EmulatedStackConfig withParameter(String name, Object value) {
        Map<String, String> more = new HashMap<>(parameters);
        more.put(name, String.valueOf(value));
        return new EmulatedStackConfig(repositoryRoot, apiPort, awsPort, more, scheduleEvery, stackName);
    }

    public EmulatedStackConfig withRefundCheckEvery(Duration interval) {
        return withScheduleEvery(REFUND_CHECK, interval);
    }

    public EmulatedStackConfig withCaCheckEvery(Duration interval) {
        return withScheduleEvery(CA_CHECK, interval);
    }

    private EmulatedStackConfig withScheduleEvery(String functionId, Duration interval) {
        Map<String, Duration> more = new HashMap<>(scheduleEvery);
        more.put(functionId, interval);
        return new EmulatedStackConfig(repositoryRoot, apiPort, awsPort, parameters, more, stackName);
    }
}
