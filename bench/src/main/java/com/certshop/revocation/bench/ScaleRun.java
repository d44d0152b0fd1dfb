package com.certshop.revocation.bench;

import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.local.EmulatedStack;
import com.certshop.revocation.local.EmulatedStackConfig;
import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The scale run (README: Benchmark): N DV revocations in one bulk request through the local
 * stack's HTTP API, with the simulated CA answering after a scripted delay. Prints one line to
 * compare run to run, then the transitions a DV revocation costs by the state machine's policy.
 *
 * <p>Usage, from the repository's root: {@code java -cp bench/target/bench.jar
 * com.certshop.revocation.bench.ScaleRun [revocations=2000] [caDelaySeconds=5] [timeoutMinutes=15]}
 */
public final class ScaleRun {
    private static final String SUBMIT_FUNCTION = "SubmitRevocationFunction";
    /**
     * The CA check's schedule: every 10 s, between the journeys' second and the deployed minute.
     * Each run queries its 16 shards, and the emulator answers a query by reading every item of the
     * table; at a second's pace those reads alone would take most of the emulator's time.
     */
    private static final Duration CA_CHECK_PACE = Duration.ofSeconds(10);

    private final EmulatedStack stack;
    private final int revocations;
    private final Duration timeout;

    private ScaleRun(EmulatedStack stack, int revocations, Duration timeout) {
        this.stack = stack;
        this.revocations = revocations;
        this.timeout = timeout;
    }

    public static void main(String[] args) {
        int revocations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int caDelaySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Duration timeout = Duration.ofMinutes(args.length > 2 ? Long.parseLong(args[2]) : 15);
        Path root = Path.of(System.getenv().getOrDefault("REPOSITORY_ROOT", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            System.err.println("No template.yaml in " + root + ": run from the repository root or set REPOSITORY_ROOT.");
            System.exit(2);
        }
        boolean clean;
        try (EmulatedStack stack = EmulatedStack.start(testPace(root, caDelaySeconds))) {
            clean = new ScaleRun(stack, revocations, timeout).run();
        }
        printPolicy(root);
        // The function host's and the SDK's threads are not all daemons: end the JVM explicitly.
        System.exit(clean ? 0 : 1);
    }

    /**
     * A revocation first checked a second after hand-over and every second after (the journeys'
     * pace), the CA check every {@link #CA_CHECK_PACE}, refunds settled only when asked. Every
     * product setting that bounds throughput (the batch's concurrency in the ASL, the CA check's
     * CaChecksPerRun and CaChecksPerSecond) keeps the template's default.
     */
    private static EmulatedStackConfig testPace(Path root, int caDelaySeconds) {
        return EmulatedStackConfig.defaults(root)
                .withParameter("CaAdapter", "simulated")
                .withParameter("CaSimulatedDelaySeconds", caDelaySeconds)
                .withParameter("CaPollFirstSeconds", 1)
                .withParameter("CaPollMultiplier", 1)
                .withCaCheckEvery(CA_CHECK_PACE)
                .withRefundCheckEvery(Duration.ZERO);
    }

    /** Seeds, revokes, settles refunds and prints the scale line; false when not every revocation completed cleanly. */
    private boolean run() {
        System.out.println("scale run: seeding " + revocations + " DV certificates");
        List<CertificateId> ids = ScaleCertificates.seed(stack.data(), revocations);
        BulkRevocationClient client = new BulkRevocationClient(stack.apiEndpoint(),
                stack.issueToken(ScaleCertificates.ACCOUNT.value(), ScaleCertificates.APPLICANT));
        BatchProgress progress = new BatchProgress(client, stack, SUBMIT_FUNCTION, timeout);

        RequestCounts before = RequestCounts.of(stack.awsCalls());
        long started = System.nanoTime();
        progress.submitAll(ScaleCertificates.DOMAIN);
        boolean allRevoked = progress.awaitAllRevoked(revocations);
        double seconds = (System.nanoTime() - started) / 1e9;
        String refunds = settleRefunds();
        RequestCounts during = RequestCounts.of(stack.awsCalls()).since(before);

        ExecutionHistories.Totals perItem;
        ExecutionHistories.Totals batches;
        try (ExecutionHistories histories = new ExecutionHistories(stack.motoEndpoint())) {
            perItem = histories.of(stack.stateMachineArn());
            batches = histories.of(stack.stateMachineArn("RevocationBatchStateMachine"));
        }
        OutcomeAudit.Result audit;
        try (OutcomeAudit outcomes = new OutcomeAudit(stack.motoEndpoint(), stack.tableName())) {
            audit = outcomes.of(ids);
        }
        // The run's own status reads (GET /revocations/{batchId}) are the bench watching, not the service working.
        long dynamoDb = during.dynamoDb() - progress.observerDynamoDbRequests();
        System.out.printf("scale: %d revocations, %.1f s, transitions/revocation %.2f, invocations/revocation %.2f,"
                        + " ddb requests/revocation %.2f, lost %d, duplicates %d%n",
                revocations, seconds, (double) (perItem.transitions() + batches.transitions()) / revocations,
                (double) during.workflowInvocations() / revocations, (double) dynamoDb / revocations,
                audit.lost(), audit.duplicateRefunds());
        System.out.printf("scale detail: %d revocation executions (%d transitions), %d batch executions (%d transitions);"
                        + " workflow invocations %d at the endpoint, %d in the histories; ddb requests by caller %s"
                        + " less %d for the run's status reads; refund check %s%n",
                perItem.executions(), perItem.transitions(), batches.executions(), batches.transitions(),
                during.workflowInvocations(), perItem.lambdaInvocations() + batches.lambdaInvocations(),
                during.dynamoDbByCaller(), progress.observerDynamoDbRequests(), refunds);
        audit.examples().forEach(e -> System.out.println("scale lost: " + e));
        return allRevoked && audit.lost() == 0 && audit.duplicateRefunds() == 0;
    }

    /** Runs the refund check until it has nothing left to settle; returns its answers' totals. */
    private String settleRefunds() {
        int refunded = 0;
        int failed = 0;
        for (int run = 0; run < 20; run++) {
            Map<String, Object> answer = json(stack.runRefundCheck());
            int settled = number(answer, "refunded") + number(answer, "notEligible");
            refunded += number(answer, "refunded");
            failed += number(answer, "failed");
            if (settled == 0 && number(answer, "refundsLeft") == 0) {
                break;
            }
        }
        return "refunded " + refunded + ", failed " + failed;
    }

    private static int number(Map<String, Object> answer, String field) {
        return ((Number) answer.get(field)).intValue();
    }

    private static Map<String, Object> json(String text) {
        try {
            return JSON.std.mapFrom(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** The policy line: transitions of a DV revocation's path through the ASL, with the template's SLA; then the path. */
    private static void printPolicy(Path root) {
        List<String> path = DvTransitionPolicy.read(root.resolve("statemachine/revocation.asl.json")).dvPathWhenRevoked();
        Map<String, Object> sla = SamTemplate.cast(SamTemplate.load(root.resolve("template.yaml")).parameters().get("CaSlaBusinessDays"));
        System.out.println("transitions per DV revocation (CA answers after " + sla.get("Default") + " business days): " + path.size());
        System.out.println("policy path: " + String.join(" -> ", path));
    }
}
