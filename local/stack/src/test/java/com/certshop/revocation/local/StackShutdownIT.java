package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.ValidationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Stopping the local stack (Ctrl-C on {@code run-local.sh}) while a scheduled CA check is under
 * way: the run is told its time is up, as at its deadline on AWS, so it finishes the revocation it
 * is on and takes no more, instead of being cut off in the middle of an AWS call, which failed
 * that call and logged an error for a revocation nothing was wrong with.
 */
class StackShutdownIT {
    private static final Duration WORKFLOW = Duration.ofSeconds(60);
    private static final int WAITING = 6;

    @Test
    void aCaCheckUnderWayEndsItsItemAndLeavesTheRestWithoutAnError() throws Exception {
        try (FunctionOutput output = FunctionOutput.capture()) {
            // The CA answers "pending" for ten minutes, and each revocation is due for a check every
            // second, one CA call a second: every scheduled run takes all of them, for some 6 s.
            Journey journey = Journey.start("CaSimulatedDelaySeconds", 600, "CaPollMaxSeconds", 1, "CaChecksPerSecond", 1);
            try {
                List<Certificate> dvs = IntStream.range(0, WAITING).mapToObj(i -> journey.stack.data().add(TestCertificates.issued(
                        "stop-" + UUID.randomUUID().toString().substring(0, 8), ValidationType.DV,
                        Instant.now().minus(Duration.ofDays(3))))).toList();
                dvs.forEach(dv -> assertEquals(202, journey.alice.post("/certificates/" + dv.id() + "/revocation",
                        "{\"reason\": \"superseded\"}").status()));
                // A run that found them all, then a second of the next one: stopped in its middle.
                Api.poll(WORKFLOW, () -> caChecks(output).stream().anyMatch(l -> WAITING == ((Number) l.getOrDefault("checked", 0)).intValue()),
                        Boolean::booleanValue);
                Thread.sleep(2_000);
            } finally {
                journey.close();
            }

            List<Map<String, Object>> runs = caChecks(output);
            Map<String, Object> last = runs.get(runs.size() - 1);
            assertEquals(0, ((Number) last.get("errors")).intValue(), "the run stopped without an error: " + last);
            assertTrue(((Number) last.get("left")).intValue() > 0, "the run left what it had not reached: " + last);
            assertEquals(List.of(), output.logLines().stream().filter(l -> "ERROR".equals(l.get("level"))).toList());
        }
    }

    /** The CA check's log lines: one per run that found something due. */
    private static List<Map<String, Object>> caChecks(FunctionOutput output) {
        return output.logLines().stream().filter(l -> "CA check".equals(l.get("message"))).toList();
    }
}
