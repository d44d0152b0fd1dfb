package com.certshop.revocation.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/stack/target/local-stack.jar}: runs the service locally until Ctrl-C.
 * Ports come from API_PORT and AWS_PORT (free ones when unset), the checkout from REPOSITORY_ROOT
 * (default: the working directory); DEMO_DATA=1 adds the demo accounts' certificates. Slow production timings are shortened so a revocation can be
 * watched end to end in a minute; any template parameter can be set as PARAM_{Name}.
 */
public final class EmulatedStackMain {
    private EmulatedStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getenv().getOrDefault("REPOSITORY_ROOT", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            System.err.println("No template.yaml in " + root + ": run from the repository root or set REPOSITORY_ROOT.");
            System.exit(2);
        }
        EmulatedStackConfig config = EmulatedStackConfig.defaults(root)
                .withPorts(port("API_PORT"), port("AWS_PORT"))
                // Local pace: the CA is checked every few seconds (the simulated one answers in 20 s); links last 15 minutes.
                .withParameter("CaSimulatedDelaySeconds", 20)
                .withParameter("CaPollFirstSeconds", 2)
                .withParameter("CaPollMaxSeconds", 5)
                .withParameter("ConfirmationValiditySeconds", 900)
                .withParameter("ConfirmationGraceSeconds", 30)
                .withRefundCheckEvery(Duration.ofSeconds(30))
                .withCaCheckEvery(Duration.ofSeconds(2));
        for (var variable : System.getenv().entrySet()) {
            if (variable.getKey().startsWith("PARAM_")) {
                config = config.withParameter(variable.getKey().substring(6), variable.getValue());
            }
        }
        EmulatedStack started = null;
        try {
            started = EmulatedStack.start(config);
            if ("1".equals(System.getenv("DEMO_DATA"))) {
                DemoData.seed(started);
            }
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        EmulatedStack stack = started;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println("Console: " + stack.apiEndpoint() + "/");
        System.out.println("Mail:    " + stack.apiEndpoint() + "/#inbox (the console's dev inbox; raw: "
                + stack.motoEndpoint() + "/moto-api/data.json, ses.Message)");
        System.out.println("API:     " + stack.apiEndpoint() + " (token: curl -s '" + stack.apiEndpoint()
                + "/local/token?sub=account-a&email=alice@example.com')");
        System.out.println("CA:      " + stack.caDescription());
        System.out.println("AWS:     " + stack.awsEndpoint() + " (Lambda here, everything else moto at " + stack.motoEndpoint() + ")");
        System.out.println("Local stack ready. Ctrl-C stops it.");
        stopped.await();
    }

    private static int port(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? 0 : Integer.parseInt(value.trim());
    }
}
