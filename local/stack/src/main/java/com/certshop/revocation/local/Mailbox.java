package com.certshop.revocation.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail SES (moto) has accepted, as a person's inbox would show it, oldest first. The messages
 * come from moto's data dump, which takes a tenth of a second and more as a run goes on; they are
 * read again only when SES's count of what it accepted has changed, which moto answers in
 * milliseconds.
 */
public final class Mailbox {
    private static final Pattern SENT = Pattern.compile("<SentLast24Hours>([^<]*)</SentLast24Hours>");

    private final URI moto;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The messages as last read, and the count they were read at. Guarded by this. */
    private List<Mail> read = List.of();
    private String readAt;

    Mailbox(URI moto) {
        this.moto = moto;
    }

    /** One sent message. {@code body} is the HTML part (moto keeps only that when both are sent). */
    public record Mail(String id, String from, List<String> to, String subject, String body) {
    }

    public synchronized List<Mail> messages() {
        String sent = sentCount();
        if (!sent.equals(readAt)) {
            read = dump();
            readAt = sent;
        }
        return read;
    }

    /**
     * How many recipients SES has accepted mail for, as SES v1's GetSendQuota counts them. It is
     * SES v1's query API, whose SDK this module does not carry; moto takes the service from the
     * credential scope and checks no signature.
     */
    public String sentCount() {
        String answer = send(HttpRequest.newBuilder(moto.resolve("/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/" + LocalNames.REGION
                        + "/ses/aws4_request, SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetSendQuota&Version=2010-12-01")).build());
        Matcher sent = SENT.matcher(answer);
        if (!sent.find()) {
            throw new IllegalStateException("moto's GetSendQuota without a count: " + answer);
        }
        return sent.group(1);
    }

    @SuppressWarnings("unchecked")
    private List<Mail> dump() {
        Map<String, Object> data;
        try {
            data = JSON.std.mapFrom(send(HttpRequest.newBuilder(moto.resolve("/moto-api/data.json")).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Mail> mail = new ArrayList<>();
        Map<String, Object> ses = (Map<String, Object>) data.getOrDefault("ses", Map.of());
        for (Object item : (List<Object>) ses.getOrDefault("Message", List.of())) {
            Map<String, Object> m = (Map<String, Object>) item;
            Map<String, Object> destinations = (Map<String, Object>) m.getOrDefault("destinations", Map.of());
            List<String> to = new ArrayList<>();
            destinations.values().forEach(list -> ((List<Object>) list).forEach(a -> to.add(a.toString())));
            mail.add(new Mail(String.valueOf(m.get("id")), String.valueOf(m.get("source")), to,
                    String.valueOf(m.get("subject")), String.valueOf(m.get("body"))));
        }
        return List.copyOf(mail);
    }

    private String send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
