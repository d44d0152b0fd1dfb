package com.certshop.revocation.local;

import com.certshop.revocation.domain.model.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fault suite's books: how many faults it injected, and for every certificate a fault touched,
 * where that certificate must end up. {@link #settle} reads each until it gets there or the time is
 * up, and judges it:
 * <ul>
 * <li>lost: its story is broken (half written, or a step made twice), it ended somewhere else than
 * expected, or what the scenario expects with it is missing (the applicant's mail, the end of its
 * workflow run), so something the client was told, or asked for and was told to retry, is gone;
 * <li>stuck: its story holds but it is still in progress where it should have ended, with nothing
 * left to move it on.
 * </ul>
 */
final class FaultTally {
    private static final Set<String> IN_PROGRESS = Set.of("AWAITING_CONFIRMATION", "REVOKING");

    private final AtomicInteger injected = new AtomicInteger();
    private final List<Expected> expected = new CopyOnWriteArrayList<>();

    /** One more fault injected (a pause, an armed refusal, a duplicate delivery, a damaged item). */
    void injected() {
        injected.incrementAndGet();
    }

    /**
     * Where a certificate a fault touched must end: {@code status}, with a story {@code explains}
     * (what the scenario expects of its trail, e.g. each step once, and of what follows it, e.g. the
     * mail sent once and the workflow run ended, which may come a moment after the status).
     */
    void expect(Certificate certificate, String scenario, String status, Predicate<Story> explains) {
        expected.add(new Expected(certificate, scenario, status, explains));
    }

    /**
     * Reads every expected certificate until it has reached its status and its story explains what
     * the scenario expects, or {@code within} has run out (one deadline for all), and judges each.
     *
     * @param read the certificate's story as it stands
     * @param beside what the line of a lost or stuck certificate shows beside its story (what the
     *     scenario may expect with it that the story does not hold, e.g. its workflow runs and its mail)
     */
    Verdict settle(Duration within, Function<Certificate, Story> read, Function<Certificate, String> beside)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        List<String> lost = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        for (Expected e : expected) {
            Story story = read.apply(e.certificate());
            while (!(story.status().equals(e.status()) && e.explains().test(story)) && story.breaks().isEmpty()
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                story = read.apply(e.certificate());
            }
            String why;
            boolean stillUnderWay = false;
            if (!story.breaks().isEmpty()) {
                why = " breaks: " + story.breaks();
            } else if (!story.status().equals(e.status())) {
                why = "";
                stillUnderWay = IN_PROGRESS.contains(story.status());
            } else if (!e.explains().test(story)) {
                why = " (the trail, the mail or the run is not what the scenario expects)";
            } else {
                continue;
            }
            (stillUnderWay ? stuck : lost).add(e.scenario() + " " + e.certificate().id() + ": expected " + e.status() + ", "
                    + story + why + "; " + beside.apply(e.certificate()));
        }
        return new Verdict(injected.get(), lost, stuck);
    }

    private record Expected(Certificate certificate, String scenario, String status, Predicate<Story> explains) {
    }

    /** The outcome: what was injected, and which certificates were lost or stuck (one line each, saying why). */
    record Verdict(int injected, List<String> lost, List<String> stuck) {
        /** The suite's one summary line. */
        String summary() {
            return "faults: " + injected + " injected, " + lost.size() + " lost, " + stuck.size() + " stuck";
        }
    }
}
