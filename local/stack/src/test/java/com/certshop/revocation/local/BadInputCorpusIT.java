package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.aws.dynamodb.CertificateTable;
import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Actor;
import com.certshop.revocation.domain.model.CaWait;
import com.certshop.revocation.domain.model.Certificate;
import com.certshop.revocation.domain.model.Lifecycle;
import com.certshop.revocation.domain.model.RefundClaim;
import com.certshop.revocation.domain.model.RefundOutlook;
import com.certshop.revocation.domain.model.RevocationReason;
import com.certshop.revocation.domain.model.RevocationRequest;
import com.certshop.revocation.domain.model.ValidationType;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bad-input corpus, {@code src/test/resources/bad-inputs.json}: each hostile request in it goes
 * to the local stack's HTTP API as raw bytes, must get exactly the answer the corpus gives it, and
 * must change nothing: the whole table, the sent mail and the state machine's executions are
 * compared before and after every request (after a run of GETs, with the request that follows it).
 *
 * <p>An entry has a {@code name}, a {@code method}, a raw {@code path}, and optionally a raw
 * {@code query}, {@code headers} (whole header lines, in order, repeats allowed), a {@code body}
 * (text) or {@code bodyBase64} (bytes), and {@code auth}: the kind of bearer token to send, a name
 * from {@link BadTokens}, {@code alice} when absent, {@code none} for no Authorization header; an
 * Authorization line among the entry's headers replaces it. {@code signed} adds the Standard Webhooks
 * headers of a CA callback over the body as sent: signed {@code now} with the stack's callback secret,
 * {@code stale} (six minutes ago) or {@code forged} (another secret). {@code expect} has the {@code status}
 * and either the JSON error {@code code} or, for the confirmation pages, {@code html}: text the page
 * must show. Any text may name a fixture seeded below as {@code {name}} (a token as
 * {@code {jwt:kind}}), {@code {now}} stands for the time of sending in Unix seconds, and
 * {@code {repeat:N:text}} for text repeated N times.
 */
class BadInputCorpusIT {
    private static final Duration WORKFLOW = Duration.ofSeconds(60);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(?:repeat:(\\d+):([^{}]+)|([A-Za-z]+(?::[A-Za-z]+)?))}");
    private static final Set<String> FIELDS = Set.of("name", "method", "path", "query", "headers", "body", "bodyBase64", "auth",
            "signed", "expect");
    /** How an entry's {@code signed} delivery is signed: the stack's CA callback secret now, long ago, or another secret. */
    private static final Set<String> SIGNINGS = Set.of("now", "stale", "forged");
    private static final String PENDING_KEY = "pending-application-1";
    /** X.509 keeps whole seconds. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant THREE_DAYS_AGO = NOW.minus(Duration.ofDays(3));

    private static Journey journey;
    private static EmulatedStack stack;
    private static DynamoDbClient dynamo;
    private static CaCallbackSender callbacks;
    /** What the corpus's placeholders stand for. */
    private static final Map<String, String> fixtures = new HashMap<>();

    @BeforeAll
    static void seed() {
        journey = Journey.start();
        stack = journey.stack;
        dynamo = EmulatedStack.client(DynamoDbClient.builder(), stack.motoEndpoint());
        BadTokens.of(stack).forEach((kind, token) -> fixtures.put("jwt:" + kind, token));
        Api alice = journey.alice;

        fixture("dvIssued", stack.data().add(issued("dv-issued", ValidationType.DV)));
        fixtures.put("dvIssuedUpperCase", fixtures.get("dvIssued").toUpperCase(Locale.ROOT));
        Instant longAgo = NOW.minus(Duration.ofDays(500));
        fixture("expired", stack.data().add(TestCertificates.issued("ov-expired", TestCertificates.ACCOUNT_A, ValidationType.OV,
                longAgo, longAgo.plus(TestCertificates.VALIDITY))));
        fixture("uploaded", stack.data().add(TestCertificates.uploaded("up-uploaded", THREE_DAYS_AGO)));
        fixture("otherAccountCert", stack.data().add(TestCertificates.issued("globex-ov", TestCertificates.ACCOUNT_B,
                ValidationType.OV, THREE_DAYS_AGO, THREE_DAYS_AGO.plus(TestCertificates.VALIDITY))));
        stack.data().add(TestCertificates.issued("globex-dv", TestCertificates.ACCOUNT_B, ValidationType.DV, THREE_DAYS_AGO,
                THREE_DAYS_AGO.plus(TestCertificates.VALIDITY)));

        // A revocation with the CA and one the CA refused, written as the workflow leaves them: a
        // real run would go on changing the first while the corpus is sent. Its next CA check is
        // a day away, so the scheduled check leaves it alone too.
        CaWait notDueToday = CaWait.begin("corpus-task-token", NOW, NOW.plus(Duration.ofDays(1)));
        Certificate revoking = Lifecycle.sentToCa(submitted(issued("dv-revoking", ValidationType.DV)), 1, "ca-request-1",
                notDueToday, NOW).after();
        fixture("revoking", stack.data().add(revoking));
        fixtures.put("revokingSerial", revoking.x509().serialNumber());
        callbacks = new CaCallbackSender(stack);
        Certificate failed = Lifecycle.failed(Lifecycle.sentToCa(submitted(issued("dv-failed", ValidationType.DV)), 1,
                "ca-request-2", notDueToday, NOW).after(), 1, "the CA refused: serial not found", NOW).after();
        fixture("failed", stack.data().add(failed));

        // Through the real workflow: a link awaiting its answer, a used one, a withdrawn one.
        Certificate pending = stack.data().add(issued("ov-pending", ValidationType.OV));
        Certificate confirmed = stack.data().add(issued("ov-revoked", ValidationType.OV));
        Certificate withdrawn = stack.data().add(issued("ov-lapsed", ValidationType.OV));
        expect(202, alice.post("/certificates/" + pending.id() + "/revocation", "{\"reason\":\"superseded\"}",
                Map.of("Idempotency-Key", PENDING_KEY)));
        expect(202, alice.post("/certificates/" + confirmed.id() + "/revocation", "{\"reason\":\"keyCompromise\"}"));
        expect(202, alice.post("/certificates/" + withdrawn.id() + "/revocation", "{\"reason\":\"affiliationChanged\"}"));
        String token = Journey.tokenOf(journey.confirmationLink(pending, WORKFLOW));
        String used = Journey.tokenOf(journey.confirmationLink(confirmed, WORKFLOW));
        String withdrawnToken = Journey.tokenOf(journey.confirmationLink(withdrawn, WORKFLOW));
        expect(200, journey.as(null).post("/revocations/confirm", "{\"token\":\"" + used + "\",\"answer\":\"confirm\"}"));
        expect(200, alice.delete("/certificates/" + withdrawn.id() + "/revocation"));
        fixture("ovPending", pending);
        fixtures.put("pendingKey", PENDING_KEY);
        fixtures.put("ovToken", token);
        fixtures.put("ovTokenAltered", (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1));
        fixtures.put("usedToken", used);
        fixtures.put("withdrawnToken", withdrawnToken);
        fixture("revoked", confirmed);
        fixture("lapsed", withdrawn);
        Certificate deleted = stack.data().add(TestCertificates.uploaded("up-deleted", THREE_DAYS_AGO));
        expect(204, alice.delete("/certificates/" + deleted.id()));
        fixture("deleted", deleted);

        String page = nextToken(alice);
        int middle = page.length() / 2;
        fixtures.put("alicePageToken", page);
        fixtures.put("alicePageTokenTruncated", page.substring(0, page.length() - 1));
        fixtures.put("alicePageTokenTampered", page.substring(0, middle) + (page.charAt(middle) == 'A' ? 'B' : 'A')
                + page.substring(middle + 1));
        fixtures.put("bobPageToken", nextToken(journey.as(fixtures.get("jwt:bob"))));

        // Nothing may still be under way when the corpus starts, or its changes would count.
        Api.poll(WORKFLOW, () -> alice.get("/certificates/" + confirmed.id()).json().get("status"), "REVOKED"::equals);
        Api.poll(WORKFLOW, () -> journey.executions.of(confirmed), List.of("SUCCEEDED")::equals);
        Api.poll(WORKFLOW, () -> journey.executions.of(withdrawn), List.of("SUCCEEDED")::equals);
        // The CA check ends the run before it records REVOKED and mails: wait for the mail too.
        Api.poll(WORKFLOW, () -> journey.stack.mailbox().messages().stream()
                .anyMatch(m -> m.subject().equals("Certificate " + confirmed.commonName() + " was revoked")), Boolean.TRUE::equals);
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (journey != null) {
            journey.close();
        }
    }

    @Test
    void everyBadInputGetsItsSpecifiedAnswerAndChangesNothing() throws IOException {
        List<Entry> corpus = corpus();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        int asSpecified = 0;
        int stateChanges = 0;
        State before = State.now();
        List<String> sinceBefore = new ArrayList<>();
        for (Entry entry : corpus) {
            String mismatch;
            try {
                RawHttp.Response answer = RawHttp.exchange(stack.apiEndpoint(),
                        entry.request(stack.apiEndpoint().getAuthority()));
                mismatch = entry.mismatch(answer);
            } catch (IOException e) {
                mismatch = "no answer: " + e;
            }
            sent++;
            if (mismatch == null) {
                asSpecified++;
            } else {
                failures.add(entry.name() + ": " + mismatch);
            }
            sinceBefore.add(entry.name());
            // A look at everything after each request but a GET, and after the last: a GET only
            // reads, and the table scan is most of this test's time. A change a GET made is found at
            // the next look, and reported with every entry since the look before.
            if (!"GET".equals(entry.method()) || sent == corpus.size()) {
                State after = State.now();
                String change = after.changesSince(before);
                if (change != null) {
                    stateChanges++;
                    failures.add(String.join(" or ", sinceBefore) + ": changed " + change);
                }
                before = after;
                sinceBefore.clear();
            }
        }
        System.out.println("bad inputs: " + sent + " sent, " + asSpecified + " as specified, " + stateChanges + " state changes");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(corpus.size(), sent);
    }

    /** An issued certificate of Alice's, three days old, not yet in the table. */
    private static Certificate issued(String id, ValidationType type) {
        return TestCertificates.issued(id, type, THREE_DAYS_AGO);
    }

    /** Applied for (superseded) now: an application as the submit function writes it. */
    private static Certificate submitted(Certificate c) {
        return Lifecycle.submit(c, new RevocationRequest(RevocationReason.SUPERSEDED,
                Actor.customer(TestCertificates.ACCOUNT_A, "alice@corp.example"), null),
                RefundClaim.pending(RefundOutlook.ELIGIBLE, NOW.plus(Duration.ofDays(20))), NOW).after();
    }

    private static void fixture(String name, Certificate certificate) {
        fixtures.put(name, certificate.id().value());
    }

    private static void expect(int status, Api.Response response) {
        assertEquals(status, response.status(), response.body());
    }

    private static String nextToken(Api api) {
        Object token = api.get("/certificates?limit=1").json().get("nextToken");
        assertTrue(token instanceof String, "a second page: " + token);
        return (String) token;
    }

    /** Text with its placeholders filled in; an unknown one is a mistake in the corpus. */
    private static String expand(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) != null ? m.group(2).repeat(Integer.parseInt(m.group(1)))
                    : "now".equals(m.group(3)) ? Long.toString(Instant.now().getEpochSecond())
                    : Objects.requireNonNull(fixtures.get(m.group(3)), () -> "no fixture named " + m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Entry> corpus() throws IOException {
        List<Object> raw;
        try (InputStream in = BadInputCorpusIT.class.getResourceAsStream("/bad-inputs.json")) {
            raw = JSON.std.listFrom(Objects.requireNonNull(in, "bad-inputs.json on the test classpath"));
        }
        List<Entry> corpus = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> requests = new HashSet<>();
        for (Object item : raw) {
            Map<String, Object> entry = (Map<String, Object>) item;
            Entry parsed = Entry.of(entry);
            Map<String, Object> request = new TreeMap<>(entry);
            request.keySet().removeAll(Set.of("name", "expect"));
            // Each entry is its own case: no name twice, no request twice under two names.
            if (!names.add(parsed.name()) || !requests.add(request.toString())) {
                throw new IllegalArgumentException("bad-inputs.json repeats " + parsed.name());
            }
            corpus.add(parsed);
        }
        return corpus;
    }

    /** One corpus entry, as written (placeholders are filled in when it is sent). */
    private record Entry(String name, String method, String path, String query, List<String> headers, String body,
            String bodyBase64, String auth, String signed, int status, String code, String html) {

        @SuppressWarnings("unchecked")
        static Entry of(Map<String, Object> e) {
            Object name = e.get("name");
            Map<String, Object> expect = (Map<String, Object>) e.get("expect");
            if (!FIELDS.containsAll(e.keySet()) || name == null || e.get("method") == null || e.get("path") == null
                    || expect == null || !(expect.get("status") instanceof Number status)
                    || (expect.get("code") == null) == (expect.get("html") == null)
                    || (e.get("body") != null && e.get("bodyBase64") != null)
                    || (e.get("signed") != null && !SIGNINGS.contains(e.get("signed")))) {
                throw new IllegalArgumentException("bad-inputs.json: not a well-formed entry: " + e);
            }
            return new Entry(name.toString(), e.get("method").toString(), e.get("path").toString(), (String) e.get("query"),
                    (List<String>) e.getOrDefault("headers", List.of()), (String) e.get("body"), (String) e.get("bodyBase64"),
                    (String) e.getOrDefault("auth", "alice"), (String) e.get("signed"), status.intValue(),
                    (String) expect.get("code"),
                    (String) expect.get("html"));
        }

        /** The request's bytes: the head as written (UTF-8), then the body. */
        byte[] request(String hostAndPort) {
            List<String> headerLines = headers.stream().map(BadInputCorpusIT::expand).toList();
            byte[] content = bodyBase64 != null ? Base64.getDecoder().decode(bodyBase64)
                    : body != null ? expand(body).getBytes(StandardCharsets.UTF_8) : new byte[0];
            StringBuilder head = new StringBuilder(method).append(' ').append(expand(path))
                    .append(query == null ? "" : "?" + expand(query)).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostAndPort).append("\r\nConnection: close\r\n");
            if (!"none".equals(auth) && !has(headerLines, "authorization")) {
                head.append("Authorization: Bearer ").append(expand("{jwt:" + auth + "}")).append("\r\n");
            }
            headerLines.forEach(line -> head.append(line).append("\r\n"));
            if (signed != null) {
                String text = new String(content, StandardCharsets.UTF_8);
                Map<String, String> delivery = switch (signed) {
                    case "now" -> callbacks.signed(text);
                    case "stale" -> CaCallbackSender.signed(text, Instant.now().minus(Duration.ofMinutes(6)), callbacks.secret());
                    default -> CaCallbackSender.signed(text, Instant.now(), "whsec_" + Base64.getEncoder()
                            .encodeToString("not the stack's callback secret!".getBytes(StandardCharsets.UTF_8)));
                };
                new TreeMap<>(delivery).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            }
            // The entry's own framing (a length that lies, a chunked body) is sent as it is.
            if (content.length > 0 && !has(headerLines, "content-length") && !has(headerLines, "transfer-encoding")) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(content);
            return bytes.toByteArray();
        }

        private static boolean has(List<String> headerLines, String name) {
            return headerLines.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"));
        }

        /** What differs from the specified answer; null when it is the one specified. */
        String mismatch(RawHttp.Response answer) {
            String contentType = Objects.toString(answer.header("Content-Type"), "");
            String got = answer.status() + " " + contentType + " " + abbreviated(answer.text());
            if (answer.status() != status) {
                return "expected " + status + ", got " + got;
            }
            if (code != null) {
                return contentType.startsWith("application/json") && code.equals(errorCode(answer.text())) ? null
                        : "expected error code " + code + ", got " + got;
            }
            return contentType.startsWith("text/html") && answer.text().contains(html) ? null
                    : "expected a page showing '" + html + "', got " + got;
        }

        @SuppressWarnings("unchecked")
        private static String errorCode(String body) {
            try {
                Map<String, Object> json = JSON.std.mapFrom(body);
                return json != null && json.get("error") instanceof Map<?, ?> error
                        ? String.valueOf(((Map<String, Object>) error).get("code")) : null;
            } catch (IOException e) {
                return null;
            }
        }

        private static String abbreviated(String text) {
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
    }

    /** Everything a request could change: every table item, the mail sent, the executions. */
    private record State(Map<String, Map<String, AttributeValue>> items, String mails, List<String> executions) {
        /** The three reads side by side: this runs once per entry, and the scan alone takes most of the time. */
        static State now() {
            CompletableFuture<String> mails = CompletableFuture.supplyAsync(stack.mailbox()::sentCount);
            CompletableFuture<List<String>> executions = CompletableFuture.supplyAsync(journey.executions::all);
            Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
            dynamo.scanPaginator(r -> r.tableName(stack.tableName()).consistentRead(true)).items().forEach(item ->
                    items.put(item.get(CertificateTable.PK).s() + " " + item.get(CertificateTable.SK).s(), item));
            return new State(items, mails.join(), executions.join());
        }

        /** What changed since {@code before}, or null when nothing did. */
        String changesSince(State before) {
            Set<String> keys = new TreeSet<>(items.keySet());
            keys.addAll(before.items.keySet());
            List<String> changed = keys.stream().filter(k -> !Objects.equals(items.get(k), before.items.get(k))).toList();
            List<String> what = new ArrayList<>();
            if (!changed.isEmpty()) {
                what.add("items " + changed);
            }
            if (!mails.equals(before.mails)) {
                what.add("mail sent (recipients " + before.mails + " -> " + mails + ")");
            }
            if (!executions.equals(before.executions)) {
                what.add("executions " + before.executions + " -> " + executions);
            }
            return what.isEmpty() ? null : String.join(", ", what);
        }
    }
}
