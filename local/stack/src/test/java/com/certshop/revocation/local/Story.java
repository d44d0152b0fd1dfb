package com.certshop.revocation.local;

import com.certshop.revocation.domain.model.AuditEvent;
import com.certshop.revocation.domain.model.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a certificate's record says happened to it: its status and version, and its audit trail.
 * Each change writes the certificate and its event in one transaction, with the event numbered by
 * the version it made, so a consistent story is a chain: numbers rising from 1, each event starting
 * where the one before ended, the last ending at the status, and each step of an attempt made once.
 * The one write without an event is the CA wait's quiet reschedule (a new check time or task token,
 * README "The state machine"), which raises the version while the certificate stays REVOKING: the
 * numbers may skip there and nowhere else. A write that was half made (a state without its event,
 * an event without its state) or made twice shows as a break.
 *
 * @param revocation the API's view of the latest revocation, or empty when there is none (or the
 *                   story was read from a tombstone, which the API no longer shows)
 */
record Story(String status, long version, List<Event> events, Map<String, Object> revocation) {
    /** Steps that happen at most once per attempt. */
    private static final Set<String> ONCE_PER_ATTEMPT = Set.of("REVOCATION_REQUESTED", "REVOCATION_CONFIRMED",
            "SUBMITTED_TO_CA", "REVOCATION_OVERDUE", "REVOKED", "REVOCATION_FAILED", "REVOCATION_LAPSED", "REFUND_SETTLED");
    /** The only status in which the version may rise without an event: the CA wait rescheduled. */
    private static final String QUIETLY_RESCHEDULED = "REVOKING";

    record Event(long sequence, Instant at, String type, String from, String to, Map<String, String> details) {
        /** The revocation attempt the event is about; 0 for events of none. */
        int attempt() {
            return Integer.parseInt(details.getOrDefault("attempt", "0"));
        }
    }

    /** The story as the customer reads it: GET /certificates/{id} and its /events. */
    @SuppressWarnings("unchecked")
    static Story fromApi(Map<String, Object> certificate, Map<String, Object> events) {
        List<Event> trail = new ArrayList<>();
        for (Object item : (List<Object>) events.get("items")) {
            Map<String, Object> e = (Map<String, Object>) item;
            trail.add(new Event(((Number) e.get("sequence")).longValue(), Instant.parse((String) e.get("at")),
                    (String) e.get("type"), (String) e.get("fromStatus"), (String) e.get("toStatus"),
                    (Map<String, String>) e.get("details")));
        }
        Object revocation = certificate.get("revocation");
        return new Story((String) certificate.get("status"), ((Number) certificate.get("version")).longValue(), trail,
                revocation == null ? Map.of() : (Map<String, Object>) revocation);
    }

    /** The story as stored, for a certificate the API no longer shows (a tombstone). */
    static Story fromRecord(Certificate certificate, List<AuditEvent> events) {
        return new Story(certificate.status().name(), certificate.version(), events.stream()
                .map(e -> new Event(e.sequence(), e.at(), e.type().name(),
                        e.fromStatus() == null ? null : e.fromStatus().name(), e.toStatus().name(), e.details()))
                .toList(), Map.of());
    }

    /** Where the story does not hold together; empty when it does. */
    List<String> breaks() {
        List<String> breaks = new ArrayList<>();
        List<Event> trail = events.stream().sorted(Comparator.comparingLong(Event::sequence)).toList();
        if (trail.isEmpty()) {
            return List.of("no events at all");
        }
        Event first = trail.get(0);
        if (!"CERTIFICATE_ADDED".equals(first.type()) || first.from() != null || first.sequence() != 1) {
            breaks.add("the trail starts with " + first.type() + " (" + first.sequence() + ") from " + first.from());
        }
        for (int i = 1; i < trail.size(); i++) {
            Event before = trail.get(i - 1);
            Event e = trail.get(i);
            if (!before.to().equals(e.from())) {
                breaks.add(e.type() + " (" + e.sequence() + ") starts at " + e.from() + ", but the state was " + before.to());
            }
            if (e.sequence() == before.sequence()) {
                breaks.add("two events numbered " + e.sequence());
            } else if (e.sequence() > before.sequence() + 1 && !quietlyRescheduled(before.to())) {
                breaks.add("versions " + (before.sequence() + 1) + " to " + (e.sequence() - 1) + " have no event, in "
                        + before.to());
            }
        }
        Event last = trail.get(trail.size() - 1);
        if (!last.to().equals(status)) {
            breaks.add("the trail ends at " + last.to() + ", the certificate is " + status);
        }
        if (last.sequence() > version || (last.sequence() < version && !quietlyRescheduled(status))) {
            breaks.add("the last event is numbered " + last.sequence() + " for version " + version + ", in " + status);
        }
        int attempts = 0;
        for (Event e : trail) {
            if ("REVOCATION_REQUESTED".equals(e.type()) && e.attempt() != ++attempts) {
                breaks.add("attempt " + e.attempt() + " requested where attempt " + attempts + " was due");
            }
        }
        for (String step : ONCE_PER_ATTEMPT) {
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (count(step, attempt) > 1) {
                    breaks.add(step + " " + count(step, attempt) + " times in attempt " + attempt);
                }
            }
        }
        Object shownAttempt = revocation.get("attempt");
        if (shownAttempt != null && ((Number) shownAttempt).intValue() != attempts) {
            breaks.add("the revocation shown is attempt " + shownAttempt + ", the trail has " + attempts);
        }
        return breaks;
    }

    private static boolean quietlyRescheduled(String status) {
        return QUIETLY_RESCHEDULED.equals(status);
    }

    /** How often the trail has this step in this attempt. */
    long count(String type, int attempt) {
        return events.stream().filter(e -> e.type().equals(type) && e.attempt() == attempt).count();
    }

    /** The latest event of the trail. */
    Event last() {
        return events.stream().max(Comparator.comparingLong(Event::sequence)).orElseThrow();
    }

    /** A field of the latest revocation as the API shows it, if it is there. */
    Optional<Object> revocation(String field) {
        return Optional.ofNullable(revocation.get(field));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(status + " v" + version + ":");
        events.stream().sorted(Comparator.comparingLong(Event::sequence))
                .forEach(e -> text.append(' ').append(e.sequence()).append('.').append(e.type()).append(e.details()));
        return text.toString();
    }
}
