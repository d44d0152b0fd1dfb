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

/** The mail SES (moto) has accepted, as a person's inbox would show it, oldest first. */
public final class Mailbox {
    private final URI moto;
    private final HttpClient http = HttpClient.newHttpClient();

    Mailbox(URI moto) {
        this.moto = moto;
    }

    /** One sent message. {@code body} is the HTML part (moto keeps only that when both are sent). */
    public record Mail(String id, String from, List<String> to, String subject, String body) {
    }

    @SuppressWarnings("unchecked")
    public List<Mail> messages() {
        Map<String, Object> data;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(moto.resolve("/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            data = JSON.std.mapFrom(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
        return mail;
    }
}
