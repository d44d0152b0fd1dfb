package com.certshop.revocation.aws.stepfunctions;

import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.port.RevocationWorkflow.Start;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The execution input of a revocation run (statemachine/revocation.asl.json): the run's
 * certificate and attempt, and how long its waits last. Whoever starts a run needs it: the submit
 * and refund check functions start runs themselves, a batch's machine starts the runs its steps
 * describe.
 */
public final class RevocationRunInput {
    private final ConfirmationWait confirmationWait;
    private final CaPolling caPolling;
    private final Clock clock;

    public RevocationRunInput(ConfirmationWait confirmationWait, CaPolling caPolling, Clock clock) {
        this.confirmationWait = Objects.requireNonNull(confirmationWait);
        this.caPolling = Objects.requireNonNull(caPolling);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * How long the run waits for the applicant's answer. Both limits lie past the link's expiry
     * (by the grace period), so an answer given while the link works always finds the run still
     * waiting. Nothing sends heartbeats while a person decides, so the heartbeat limit, the
     * shorter of the two, is the one that ends an unanswered wait.
     */
    public record ConfirmationWait(Duration linkValidity, Duration grace) {
        long timeoutSeconds() {
            return linkValidity.plus(grace).toSeconds();
        }

        long heartbeatSeconds() {
            return linkValidity.plus(grace.dividedBy(2)).toSeconds();
        }
    }

    /**
     * The run's execution input as JSON values, for a caller that starts the run itself (a batch's
     * machine). The wait for the CA gets the heartbeat limit the CA check keeps resetting, and a
     * timeout that only backs up the check's own limits (see {@link CaPolling#timeout}).
     */
    public Map<String, Object> of(Start start) {
        Instant now = clock.instant();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("accountId", start.accountId().value());
        input.put("certificateId", start.certificateId().value());
        input.put("attempt", start.attempt());
        input.put("confirmationRequired", start.confirmationRequired());
        input.put("confirmationTimeoutSeconds", confirmationWait.timeoutSeconds());
        input.put("confirmationHeartbeatSeconds", confirmationWait.heartbeatSeconds());
        input.put("caWaitHeartbeatSeconds", caPolling.heartbeat().toSeconds());
        input.put("caWaitTimeoutSeconds", caPolling.timeout(now, start.confirmationRequired()
                ? Duration.ofSeconds(confirmationWait.timeoutSeconds()) : Duration.ZERO).toSeconds());
        return input;
    }

    /** The run's execution input as StartExecution takes it. */
    String json(Start start) {
        try {
            return JSON.std.asString(of(start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
