package com.certshop.revocation.local.host;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a test arms on the local AWS endpoint, for the requests the functions send on to the
 * emulator. A rule takes the next calls of one operation whose request mentions given texts (a
 * certificate id, a mail subject, a status written), so that a fault meant for one certificate, or
 * one step of it, does not hit another that is under way at the same time. A rule either refuses the call as AWS would, with the
 * status and error document the SDK parses, or runs an action just before the call goes on (to
 * freeze the emulator at exactly that call, say). Nothing is armed unless a test arms it.
 */
public final class FaultPlan {
    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    /** Refuses the next {@code times} calls that match {@code call}. */
    public Rule refuse(Call call, int times, AwsError error) {
        return arm(new Rule(call, times, error, null));
    }

    /** Runs {@code action} once, when the next call that matches {@code call} arrives, before it goes on. */
    public Rule onCall(Call call, Runnable action) {
        return arm(new Rule(call, 1, null, action));
    }

    private Rule arm(Rule rule) {
        rules.add(rule);
        return rule;
    }

    /** The rule that takes this call, if one is armed for it; the call counts against that rule. */
    Optional<Rule> take(String operation, byte[] body) {
        String request = new String(body, StandardCharsets.UTF_8);
        for (Rule rule : rules) {
            if (rule.call.matches(operation, request) && rule.takeOne()) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /**
     * The operation a request to the emulator names: JSON protocols (DynamoDB, Step Functions,
     * Secrets Manager) in X-Amz-Target, as {@code Service_Version.Operation}; SES v2 by its
     * REST path. Any other request is named by its method and path.
     */
    static String operation(String method, String rawPath, String target) {
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        if ("POST".equals(method) && "/v2/email/outbound-emails".equals(rawPath)) {
            return "SendEmail";
        }
        return method + " " + rawPath;
    }

    /**
     * Which calls a rule takes: those of one API operation whose request mentions every one of some texts.
     *
     * @param operation the API operation, e.g. {@code StartExecution}, {@code SendEmail}, {@code TransactWriteItems}
     */
    public record Call(String operation, List<String> mentions) {
        public Call {
            mentions = List.copyOf(mentions);
        }

        public static Call of(String operation, String... mentions) {
            return new Call(operation, List.of(mentions));
        }

        boolean matches(String operation, String request) {
            return this.operation.equals(operation) && mentions.stream().allMatch(request::contains);
        }
    }

    /**
     * An error AWS answers with: its HTTP status and error type, as the SDK reads them. The SDK
     * decides from these whether to retry (throttling types, 5xx) and which exception to throw.
     */
    public record AwsError(int status, String type, String message) {
        /** The answer's headers and body; {@code jsonProtocol} for services called through X-Amz-Target. */
        Answer answer(boolean jsonProtocol) {
            Map<String, String> headers = Map.of(
                    "Content-Type", jsonProtocol ? "application/x-amz-json-1.0" : "application/json",
                    "x-amzn-RequestId", UUID.randomUUID().toString(),
                    "x-amzn-ErrorType", type);
            try {
                // JSON protocols name the type in the body too; REST ones only in the header.
                Object body = jsonProtocol ? Map.of("__type", type, "message", message) : Map.of("message", message);
                return new Answer(status, headers, JSON.std.asBytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    /** One armed fault. Closing it disarms it, whatever is left of it. */
    public final class Rule implements AutoCloseable {
        private final Call call;
        private final AtomicInteger left;
        private final AtomicInteger taken = new AtomicInteger();
        private final AwsError refusal;
        private final Runnable action;

        private Rule(Call call, int times, AwsError refusal, Runnable action) {
            this.call = call;
            this.left = new AtomicInteger(times);
            this.refusal = refusal;
            this.action = action;
        }

        private boolean takeOne() {
            if (left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                taken.incrementAndGet();
                return true;
            }
            return false;
        }

        /** How many calls this rule has taken so far. */
        public int taken() {
            return taken.get();
        }

        /**
         * Does what this rule does with a call it took: runs its action and lets the call go on
         * (empty), or gives the refusal to answer with instead.
         *
         * @param jsonProtocol whether the call came through X-Amz-Target (see {@link AwsError#answer})
         */
        Optional<Answer> apply(boolean jsonProtocol) {
            if (refusal != null) {
                return Optional.of(refusal.answer(jsonProtocol));
            }
            action.run();
            return Optional.empty();
        }

        @Override
        public void close() {
            rules.remove(this);
        }
    }
}
