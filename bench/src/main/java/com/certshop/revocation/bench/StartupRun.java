package com.certshop.revocation.bench;

import com.certshop.revocation.bench.runtime.LambdaJavaRuntime;
import com.certshop.revocation.domain.model.CertificateId;
import com.certshop.revocation.domain.model.ValidationType;
import com.certshop.revocation.local.EmulatedStack;
import com.certshop.revocation.local.EmulatedStackConfig;
import com.certshop.revocation.local.template.SamTemplate;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The startup run (README: Benchmark, "Cold start, per-call cost and jar size"): each API function
 * started as a process of its own and called once against moto, in alternation with a textbook
 * peer handler; then many warm calls in one process against moto and against an instant stub;
 * the HTTP clients side by side; the deployment jars' sizes; the Step Functions transitions a DV
 * revocation costs by the workflow's policy.
 *
 * <p>Usage, from the repository's root, after {@code mvn -B -q package -DskipTests}:
 * {@code java -cp bench/target/bench.jar com.certshop.revocation.bench.StartupRun [runs=7] [warmCalls=300]}
 */
public final class StartupRun {
    /** Each function jar's budget (the build enforces it too: handler-parent's jar.budget.bytes). */
    static final long JAR_BUDGET_BYTES = 10_000_000;
    private static final String RUNTIME_MAIN = "com.certshop.revocation.bench.runtime.LambdaJavaRuntime";
    private static final String PEER_HANDLER = "com.certshop.revocation.bench.peer.TextbookHandler";
    private static final String HTTP_SERVICE = "-Dsoftware.amazon.awssdk.http.service.impl=";
    private static final String GET_ITEM_ONLY = "com.certshop.revocation.bench.runtime.GetItemOnlyHandler";
    private static final String C1_ONLY = "C1 only";
    private static final String TIERED = "tiered (C1, C2)";

    /**
     * A handler run as a process: what it is, where its code is (what the runtime puts on the class
     * path: its jar unpacked as Lambda unpacks it, see {@link TaskDirectory}; the AppCDS row's, the
     * jar itself), how it starts, and the event of its i-th run.
     */
    private record Subject(String name, String request, Path code, String handler, Map<String, String> env,
            List<String> jvmFlags, IntFunction<Path> event) {
        /** The same handler and request, started another way. */
        Subject variant(String variantName, Map<String, String> variantEnv, List<String> flags) {
            return new Subject(variantName, request, code, handler, variantEnv, flags, event);
        }

        /** The same handler and request, started another way, its classes read from the given jar. */
        Subject fromJar(String variantName, Path jar, List<String> flags) {
            return new Subject(variantName, request, jar, handler, env, flags, event);
        }
    }

    /** What one process reported; wall is measured from outside, from start to exit. */
    private record Run(long wallMs, long cpuMs, long rssKb, String status, int warmupCalls, boolean jitSettled,
            long[] warmNanos, long[] warmCpuNanos, long[] rawNanos, long[] rawCpuNanos, long[] probeCpuNanos) {
    }

    private final Path root;
    private final EmulatedStack stack;
    private final int runs;
    private final int warmCalls;
    private final Path work;
    private final String java = ProcessHandle.current().info().command().orElse("java");
    /** Each jar's unpacked directory, unpacked once per run. */
    private final Map<Path, Path> taskDirectories = new HashMap<>();

    private StartupRun(Path root, EmulatedStack stack, int runs, int warmCalls) throws IOException {
        this.root = root;
        this.stack = stack;
        this.runs = runs;
        this.warmCalls = warmCalls;
        this.work = Files.createDirectories(root.resolve("bench/target/startup-run"));
    }

    public static void main(String[] args) throws Exception {
        // Before any HTTP server of this JVM starts: see InstantStub.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int warmCalls = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        if (runs < 1 || warmCalls < 1) {
            System.err.println("runs and warmCalls must be at least 1.");
            System.exit(2);
        }
        Path root = Path.of(System.getenv().getOrDefault("REPOSITORY_ROOT", ".")).toAbsolutePath().normalize();
        for (String needed : List.of("template.yaml", "bench/target/lambda-runtime.jar", "bench/target/textbook-peer.jar")) {
            if (!Files.isRegularFile(root.resolve(needed))) {
                System.err.println("No " + needed + " in " + root + ": run `mvn -B -q package -DskipTests` from the"
                        + " repository root first (or set REPOSITORY_ROOT).");
                System.exit(2);
            }
        }
        System.out.printf("machine: %d cores, %s %s (%s), %s %s %s; %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), LocalDate.now(ZoneOffset.UTC));
        EmulatedStackConfig config = EmulatedStackConfig.defaults(root)
                .withParameter("CaAdapter", "simulated")
                // No scheduled runs: their work in this JVM would land on the measured processes' cores.
                .withRefundCheckEvery(Duration.ZERO)
                .withCaCheckEvery(Duration.ZERO);
        try (EmulatedStack stack = EmulatedStack.start(config)) {
            new StartupRun(root, stack, runs, warmCalls).run();
        }
        List<String> path = DvTransitionPolicy.read(root.resolve("statemachine/revocation.asl.json")).dvPathWhenRevoked();
        System.out.println("transitions per DV revocation (policy): " + path.size() + " (" + String.join(" -> ", path) + ")");
        System.exit(0);
    }

    private void run() throws IOException {
        // One certificate to read, one to delete, and a fresh one for each submission: each cold run,
        // then the warm process against moto and the one against the stub, C1 only as Lambda's
        // runtime starts them and again with C2 allowed (see withC2).
        List<CertificateId> ids = ScaleCertificates.seed(stack.data(), 2 + 2 * eventsPerSubject());
        String account = ScaleCertificates.ACCOUNT.value();
        String read = ids.get(0).value();
        String deleted = ids.get(1).value();

        Map<String, SamTemplate.FunctionSpec> functions = new LinkedHashMap<>();
        SamTemplate.load(root.resolve("template.yaml")).functions().forEach(f -> functions.put(f.logicalId(), f));

        Path readEvent = event("list", ApiEvents.customer(account, "GET", "/certificates/{id}", Map.of("id", read), null));
        // The page an applicant opens from the mail: a real link, as the workflow mails it.
        String link = MailedLink.token(stack, ScaleCertificates.seedOne(stack.data(), "startup-ov", ValidationType.OV),
                Duration.ofSeconds(60));
        Path confirmEvent = event("confirm", ApiEvents.anonymous("GET", "/revocations/confirm", Map.of("token", link)));
        List<Subject> ours = List.of(
                ours(functions.get("ListCertificatesFunction"), "GET /certificates/{id}", i -> readEvent),
                ours(functions.get("SubmitRevocationFunction"), "POST /certificates/{id}/revocation (DV)", i -> event(
                        "submit-" + i, ApiEvents.customer(account, "POST", "/certificates/{id}/revocation",
                                Map.of("id", ids.get(2 + i).value()), "{\"reason\": \"superseded\"}"))),
                ours(functions.get("ConfirmRevocationFunction"), "GET /revocations/confirm (a mailed link)", i -> confirmEvent),
                ours(functions.get("DeleteCertificateFunction"), "DELETE /certificates/{id} (issued)", i -> event(
                        "delete", ApiEvents.customer(account, "DELETE", "/certificates/{id}", Map.of("id", deleted), null))));
        // The peers are deployed alike: Lambda's runtime starts them with the read function's flags.
        List<String> peerFlags = ours.get(0).jvmFlags();
        Subject textbook = peer("textbook peer (Apache 5, default)", "Apache5SdkHttpService", "apache5", readEvent, peerFlags);
        List<Subject> peers = List.of(textbook,
                peer("textbook peer, URL-connection", "UrlConnectionSdkHttpService", "urlconnection", readEvent, peerFlags),
                peer("textbook peer, AWS CRT", "AwsCrtSdkHttpService", "crt", readEvent, peerFlags));

        // One AWS call and nothing else: the read's GetItem through the functions' AwsClients, in
        // front of the read function's code, with its environment (see GetItemOnlyHandler).
        Subject getItemOnly = new Subject("one GetItem through AwsClients, no handler", "DynamoDB GetItem",
                ours.get(0).code(), GET_ITEM_ONLY, ours.get(0).env(), ours.get(0).jvmFlags(), i -> event("get-item-only",
                        Map.of("pk", "CERT#" + account + "#" + read, "sk", "CERT")));
        // Each of ours with C2 allowed: tiered compilation to its last tier, whose C2 makes warm
        // code faster and costs the cold start.
        List<Subject> tiered = new ArrayList<>();
        for (Subject s : ours) {
            tiered.add(withC2(s));
        }

        URI moto = stack.motoEndpoint();
        // Levers on the start itself: C2 allowed (every function), and, tried on the read function,
        // an AppCDS archive of the classes one call loads (made here by a training run: an archive
        // only fits the JVM build that wrote it, and it holds only classes read from jars, as JDK 17
        // refuses a non-empty directory on the class path, so this row reads the jar itself). Last,
        // for comparison with runs before the peers got Lambda's flags, the textbook peer as the
        // JVM starts it by default.
        Subject list = ours.get(0);
        Path listJar = root.resolve(functions.get("ListCertificatesFunction").codeUri());
        Path archive = work.resolve("list-certificates.jsa");
        Files.deleteIfExists(archive);
        start(list.fromJar(list.name(), listJar, withFlag(list.jvmFlags(), "-XX:ArchiveClassesAtExit=" + archive)), 0, moto, 0);
        List<Subject> levers = new ArrayList<>(tiered);
        levers.add(list.fromJar(list.name() + ", AppCDS archive (from the jar)", listJar,
                withFlag(list.jvmFlags(), "-XX:SharedArchiveFile=" + archive)));
        levers.add(peer("textbook peer (Apache 5), JVM defaults (tiered, G1)", "Apache5SdkHttpService",
                "apache5", readEvent, List.of()));

        Map<Subject, List<Run>> cold = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            // In alternation, so that a noisy neighbour on the machine costs both sides alike.
            for (Subject s : ours) {
                cold.computeIfAbsent(s, k -> new ArrayList<>()).add(start(s, i, moto, 0));
                cold.computeIfAbsent(textbook, k -> new ArrayList<>()).add(start(textbook, i, moto, 0));
            }
            for (Subject s : peers.subList(1, peers.size())) {
                cold.computeIfAbsent(s, k -> new ArrayList<>()).add(start(s, i, moto, 0));
            }
            for (Subject s : levers) {
                cold.computeIfAbsent(s, k -> new ArrayList<>()).add(start(s, i, moto, 0));
            }
        }
        double peerCpu = median(cold.get(textbook).stream().mapToLong(Run::cpuMs).toArray());

        System.out.printf("%nCold start: a process per call (JVM start, init, one call against moto), %d runs each;"
                + " median (min-max)%n", runs);
        System.out.println("| handler | request | status | wall ms | cpu ms | peak RSS MB | cpu vs textbook |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<Subject, List<Run>> e : cold.entrySet()) {
            long[] cpu = e.getValue().stream().mapToLong(Run::cpuMs).toArray();
            long[] wall = e.getValue().stream().mapToLong(Run::wallMs).toArray();
            long[] rss = e.getValue().stream().mapToLong(r -> r.rssKb() / 1024).toArray();
            System.out.printf("| %s | %s | %s | %s | %s | %s | %.2f |%n", e.getKey().name(), e.getKey().request(),
                    e.getValue().get(0).status(), spread(wall), spread(cpu), spread(rss), median(cpu) / peerCpu);
        }

        // A row that fails leaves the others to be printed, and fails the run at its end.
        List<String> failedWarmRows = new ArrayList<>();
        try (InstantStub stub = new InstantStub(moto)) {
            System.out.printf("%nWarm calls: one process per row; after its first call, warm-up calls until the JIT has"
                    + " compiled nothing for %d calls, then %d calls counted, each right after a bare exchange with the"
                    + " stub in the same process; per call%n", LambdaJavaRuntime.JIT_QUIET_CALLS, warmCalls);
            List<Subject> c1 = new ArrayList<>(ours);
            c1.add(getItemOnly);
            List<Subject> c2 = new ArrayList<>(tiered);
            c2.add(withC2(getItemOnly));
            // Against moto too for ours under Lambda's flags only: tiered warm-ups are thousands of calls.
            List<WarmRow> rows = new ArrayList<>();
            for (Subject s : c1) {
                measureWarm(rows, failedWarmRows, s, C1_ONLY, true, stub);
            }
            for (Subject s : c2) {
                measureWarm(rows, failedWarmRows, s, TIERED, false, stub);
            }
            for (Subject s : peers) {
                measureWarm(rows, failedWarmRows, s, C1_ONLY, false, stub);
            }
            printWarmTable(rows);
        }

        System.out.printf("%nHTTP clients in a shaded jar (textbook-peer.jar's entries): URL-connection %.2f MiB,"
                        + " Apache 5 %.2f MiB, AWS CRT %.2f MiB%n", clientMb("software/amazon/awssdk/http/urlconnection/"),
                clientMb("software/amazon/awssdk/http/apache5/", "org/apache/hc/"),
                clientMb("software/amazon/awssdk/http/crt/", "software/amazon/awssdk/crt/", ".so", ".dylib", ".dll"));

        System.out.printf("%nDeployment jars (budget %.1f MB)%n", JAR_BUDGET_BYTES / 1e6);
        System.out.println("| jar | MB | within budget |");
        System.out.println("|---|---|---|");
        functions.values().stream().map(SamTemplate.FunctionSpec::codeUri).distinct().forEach(uri -> {
            try {
                long bytes = Files.size(root.resolve(uri));
                System.out.printf("| %s | %.2f | %s |%n", Path.of(uri).getFileName(), bytes / 1e6,
                        bytes <= JAR_BUDGET_BYTES ? "yes" : "no");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!failedWarmRows.isEmpty()) {
            throw new IllegalStateException("warm rows that failed (see above): " + failedWarmRows);
        }
    }

    /** Adds the subject's warm row, or says why it could not be measured and adds it to {@code failed}. */
    private void measureWarm(List<WarmRow> rows, List<String> failed, Subject s, String jit, boolean againstMoto,
            InstantStub stub) {
        try {
            rows.add(warmRow(s, jit, againstMoto, stub));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e; // the bench is being stopped: every row after this one would fail the same way
            }
            System.out.printf("warm row %s (%s) failed: %s%n", s.name(), jit, e);
            failed.add(s.name() + " (" + jit + ")");
        }
    }

    /** A warm row's figures; the table is printed once every row has run, as its last column needs them all. */
    private record WarmRow(String cells, String jit, double requests, double cpuOverRawPerProbe, double probeNanos) {
    }

    /**
     * One row of the warm table: the subject's warm calls against the stub (and first against moto,
     * if asked). "Over raw" is the median, over the counted calls, of each call less its own bare
     * exchange (made just before it, in the same process) once per AWS request the call made; the
     * caller's cpu over raw is the same for the calling thread's cpu. Pairs cancel what drifts
     * between phases or processes on a shared machine, as a difference of two separate p50s did not.
     * Each call's cpu over raw is also divided by the speed probe run right after it, for the last
     * column (see printWarmTable).
     */
    private WarmRow warmRow(Subject s, String jit, boolean againstMoto, InstantStub stub) {
        // Submit's warm calls are replays of one application (same Idempotency-Key): the first
        // call of each warm process applies, and a fresh certificate serves each process.
        String motoP50 = againstMoto
                ? String.format("%.2f", sorted(start(s, runs, stack.motoEndpoint(), warmCalls).warmNanos())[warmCalls / 2] / 1e6)
                : "-";
        long before = stub.requests();
        Subject paired = s.variant(s.name(), s.env(), withFlag(s.jvmFlags(),
                "-D" + LambdaJavaRuntime.RAW_EXCHANGE_WITH + "=" + stub.endpoint()));
        Run run = start(paired, runs + 1, stub.endpoint(), warmCalls);
        long[] againstStub = sorted(run.warmNanos());
        // The bare exchanges are stub requests too: one before each warm-up and each counted call.
        long bare = run.warmupCalls() + warmCalls;
        double perCall = (double) (stub.requests() - before - bare) / (1 + run.warmupCalls() + warmCalls);
        double overRaw = median(lessBare(run.warmNanos(), run.rawNanos(), perCall)) / 1e6;
        double[] cpuLessBare = lessBare(run.warmCpuNanos(), run.rawCpuNanos(), perCall);
        double cpuOverRaw = median(cpuLessBare) / 1e6;
        double[] perProbe = new double[warmCalls];
        for (int i = 0; i < warmCalls; i++) {
            long probe = run.probeCpuNanos()[i];
            if (probe <= 0) {
                throw new IllegalStateException(s.name() + ": the speed probe's cpu time was " + probe
                        + " ns; this JVM does not time a thread's cpu finely enough for the warm table");
            }
            perProbe[i] = cpuLessBare[i] / probe;
        }
        String cells = String.format("| %s | %s | %d%s | %.1f | %s | %.2f | %.2f | %.3f | %.2f | %.2f | %.2f | %.2f |",
                s.name(), jit, run.warmupCalls(), run.jitSettled() ? "" : " (JIT not settled)", perCall, motoP50,
                againstStub[warmCalls / 2] / 1e6, againstStub[warmCalls * 9 / 10] / 1e6, median(run.rawNanos()) / 1e6,
                overRaw, perCall == 0 ? 0 : overRaw / perCall, median(run.warmCpuNanos()) / 1e6,
                perCall == 0 ? 0 : cpuOverRaw / perCall);
        return new WarmRow(cells, jit, perCall, median(perProbe), median(run.probeCpuNanos()));
    }

    /**
     * The warm table. Its last column is the caller's cpu over raw per AWS request as it would be
     * had the machine run throughout at the speed of the row that saw it fastest: each call's cpu
     * over raw, divided by the speed probe run right after it (median of those ratios), times the
     * lowest probe median among the rows run under the same JIT (C1 and C2 compile the probe
     * differently). So one row's figure depends on which other rows ran; on a machine that keeps
     * one speed it comes close to the cpu column before it.
     */
    private static void printWarmTable(List<WarmRow> rows) {
        Map<String, Double> fastestProbe = new LinkedHashMap<>();
        for (WarmRow row : rows) {
            fastestProbe.merge(row.jit(), row.probeNanos(), Math::min);
        }
        System.out.println("| handler | JIT | warm-up calls | AWS requests per call | p50 vs moto ms | p50 vs stub ms |"
                + " p90 vs stub ms | bare exchange p50 ms | over raw, per call ms | over raw, per AWS request ms |"
                + " caller's cpu p50 ms | caller's cpu over raw, per AWS request ms | speed probe p50 µs |"
                + " caller's cpu over raw, per AWS request, at the run's fastest machine speed ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (WarmRow row : rows) {
            double fastest = row.cpuOverRawPerProbe() * fastestProbe.get(row.jit()) / 1e6;
            System.out.printf("%s %.0f | %.2f |%n", row.cells(), row.probeNanos() / 1e3,
                    row.requests() == 0 ? 0 : fastest / row.requests());
        }
        fastestProbe.forEach((jit, nanos) -> System.out.printf("speed probe at the run's fastest machine speed (the"
                + " lowest p50 of the rows under that JIT), %s: %.0f µs%n", jit, nanos / 1e3));
    }

    /** {@code call[i] - requests * bare[i]}: each call less its own bare exchange, once per request. */
    private static double[] lessBare(long[] call, long[] bare, double requests) {
        double[] over = new double[call.length];
        for (int i = 0; i < call.length; i++) {
            over[i] = call[i] - requests * bare[i];
        }
        return over;
    }

    private static List<String> withFlag(List<String> flags, String flag) {
        List<String> all = new ArrayList<>(flags);
        all.add(flag);
        return all;
    }

    /**
     * The subject with C2 allowed: the C1-only flag out of the runtime's flags and out of the
     * template's JAVA_TOOL_OPTIONS, which say the same. Its events are its own (a DV application of
     * another certificate), so that it applies afresh instead of replaying the applications the
     * subject made.
     */
    private Subject withC2(Subject s) {
        Map<String, String> env = new LinkedHashMap<>(s.env());
        String toolOptions = env.remove("JAVA_TOOL_OPTIONS");
        String withC2 = toolOptions == null ? null : LambdaJvmFlags.withC2(toolOptions);
        if (withC2 != null) {
            env.put("JAVA_TOOL_OPTIONS", withC2);
        }
        int offset = eventsPerSubject();
        return new Subject(s.name() + ", C2 allowed", s.request(), s.code(), s.handler(), env,
                LambdaJvmFlags.withC2(s.jvmFlags()), i -> s.event().apply(offset + i));
    }

    /** The event indexes a subject uses: one per cold run, the warm process against moto, the one against the stub. */
    private int eventsPerSubject() {
        return runs + 2;
    }

    private Subject ours(SamTemplate.FunctionSpec f, String request, IntFunction<Path> event) {
        return new Subject(f.logicalId().replace("Function", ""), request, taskDirectory(root.resolve(f.codeUri())), f.handlerClass(),
                stack.functionEnvironment(f.logicalId()), LambdaJvmFlags.forMemory(f.memoryMb()), event);
    }

    /** A peer on the given HTTP client (the SDK's service name and package), started with the given JVM flags. */
    private Subject peer(String name, String service, String pkg, Path event, List<String> jvmFlags) {
        Map<String, String> env = Map.of("AWS_REGION", stack.functionEnvironment("ListCertificatesFunction").get("AWS_REGION"),
                "TABLE_NAME", stack.tableName(), "AWS_LAMBDA_FUNCTION_NAME", "TextbookPeer");
        return new Subject(name, "GET /certificates/{id}", taskDirectory(root.resolve("bench/target/textbook-peer.jar")), PEER_HANDLER,
                env, withFlag(jvmFlags, HTTP_SERVICE + "software.amazon.awssdk.http." + pkg + "." + service), i -> event);
    }

    /**
     * The jar unpacked as Lambda unpacks a deployment package, once per run (see TaskDirectory), in
     * a directory named after the jar's path in the repository, so that no two jars share one.
     */
    private Path taskDirectory(Path jar) {
        String name = root.relativize(jar).toString().replace('/', '_');
        return taskDirectories.computeIfAbsent(jar, j -> TaskDirectory.unpack(j, work.resolve("task").resolve(name)));
    }

    /** Starts the subject's process for its i-th event against the given AWS endpoint and waits for its line. */
    private Run start(Subject s, int i, URI endpoint, int warm) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(s.jvmFlags());
        command.addAll(List.of("-cp", root.resolve("bench/target/lambda-runtime.jar") + ":" + s.code(), RUNTIME_MAIN,
                s.handler(), s.event().apply(i).toString(), Integer.toString(warm)));
        ProcessBuilder builder = new ProcessBuilder(command);
        // A clean environment, as Lambda gives one: the function's variables, credentials, the endpoint.
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", work.toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.putAll(s.env());
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        builder.redirectError(work.resolve(s.name().replaceAll("[^A-Za-z0-9]+", "-") + ".log").toFile());
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            String line = out.lines().filter(l -> l.startsWith("result ")).findFirst().orElseThrow(() ->
                    new IllegalStateException(s.name() + " exited " + exit + " without its result line; see " + work));
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : line.substring("result ".length()).split(" ")) {
                String[] kv = field.split("=", 2);
                fields.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
            return new Run(wallMs, Long.parseLong(fields.get("cpuMs")), Long.parseLong(fields.get("rssKb")),
                    fields.get("status"), Integer.parseInt(fields.get("warmupCalls")), Boolean.parseBoolean(fields.get("jitSettled")),
                    longs(fields.get("warmNanos")), longs(fields.get("warmCpuNanos")), longs(fields.get("rawNanos")),
                    longs(fields.get("rawCpuNanos")), longs(fields.get("probeCpuNanos")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long[] longs(String commaSeparated) {
        return commaSeparated.isEmpty() ? new long[0]
                : Arrays.stream(commaSeparated.split(",")).mapToLong(Long::parseLong).toArray();
    }

    private Path event(String name, Map<String, ?> event) {
        try {
            Path file = work.resolve(name + ".json");
            Files.writeString(file, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(event));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compressed bytes of the peer jar's entries under the given prefixes (or with the given endings), in MiB. */
    private double clientMb(String... prefixes) throws IOException {
        long bytes = 0;
        try (ZipFile jar = new ZipFile(root.resolve("bench/target/textbook-peer.jar").toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                for (String p : prefixes) {
                    if (p.startsWith(".") ? entry.getName().endsWith(p) : entry.getName().startsWith(p)) {
                        bytes += entry.getCompressedSize();
                        break;
                    }
                }
            }
        }
        return bytes / 1048576.0;
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double median(long[] values) {
        return median(Arrays.stream(values).asDoubleStream().toArray());
    }

    private static String spread(long[] values) {
        long[] s = sorted(values);
        return String.format("%.0f (%d-%d)", median(values), s[0], s[s.length - 1]);
    }
}
