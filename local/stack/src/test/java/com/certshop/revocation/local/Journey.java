package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certshop.revocation.domain.fakes.TestCertificates;
import com.certshop.revocation.domain.model.Certificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stack for end-to-end journeys, at test pace: the scheduled CA check runs every second
 * (each revocation checked a second after hand-over, then every second) and the refund check only
 * when a test asks. The CA is the simulated one (answering in seconds,
 * scriptable) unless a journey asks for {@code CaAdapter} acme, the local ACME CA (Pebble). With
 * Alice's API client and a view of the state machine's executions.
 */
final class Journey implements AutoCloseable {
    final EmulatedStack stack;
    final Api alice;
    final Executions executions;

    private Journey(EmulatedStack stack) {
        this.stack = stack;
        this.alice = new Api(stack.apiEndpoint(), stack.issueToken(TestCertificates.ACCOUNT_A.value(), "alice@corp.example"));
        this.executions = new Executions(stack);
    }

    /** Test pace, plus any further template parameters as name, value pairs. */
    static Journey start(Object... parameters) {
        return new Journey(EmulatedStack.start(config(parameters)));
    }

    /** Test pace, but the scheduled CA check runs only when a test asks: nothing else finishes a hand-over. */
    static Journey withoutScheduledCaCheck(Object... parameters) {
        return new Journey(EmulatedStack.start(config(parameters).withCaCheckEvery(Duration.ZERO)));
    }

    private static EmulatedStackConfig config(Object... parameters) {
        EmulatedStackConfig config = EmulatedStackConfig.defaults(Path.of(System.getProperty("repository.root")))
                .withParameter("CaAdapter", "simulated")
                .withParameter("CaSimulatedDelaySeconds", 2)
                .withParameter("CaPollFirstSeconds", 1)
                .withParameter("CaPollMultiplier", 1)
                .withRefundCheckEvery(Duration.ZERO);
        for (int i = 0; i < parameters.length; i += 2) {
            config = config.withParameter(parameters[i].toString(), parameters[i + 1]);
        }
        return config;
    }

    /** The confirmation link from the mail the applicant received, once it has arrived. */
    String confirmationLink(Certificate c, Duration within) {
        Mailbox.Mail mail = Api.poll(within, () -> stack.mailbox().messages().stream()
                .filter(m -> m.subject().equals("Confirm the revocation of " + c.commonName())).findFirst().orElse(null),
                m -> m != null);
        assertEquals(List.of(c.applicantEmail()), mail.to());
        Matcher link = Pattern.compile("href=\"(http://[^\"]+/revocations/confirm\\?token=[A-Za-z0-9_-]{43})\"").matcher(mail.body());
        assertTrue(link.find(), mail.body());
        return link.group(1);
    }

    static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    /** A client for another caller (another account, or nobody when the token is null). */
    Api as(String token) {
        return new Api(stack.apiEndpoint(), token);
    }

    @Override
    public void close() {
        executions.close();
        stack.close();
    }
}
