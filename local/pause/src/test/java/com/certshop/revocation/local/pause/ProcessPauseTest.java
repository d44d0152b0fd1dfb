package com.certshop.revocation.local.pause;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessPauseTest {
    private Process sleeper;

    @BeforeEach
    void startAProcess() throws IOException {
        sleeper = new ProcessBuilder("sleep", "120").start();
    }

    @AfterEach
    void stopIt() throws InterruptedException {
        sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void pausedTheProcessIsStoppedAndResumedItRunsAgain() throws Exception {
        ProcessPause pause = new ProcessPause("sleep", sleeper.pid());

        pause.pause();
        pause.pause();
        assertTrue(pause.isPaused());
        assertEquals('T', awaitState(sleeper.pid(), 'T'));

        pause.resume();
        pause.resume();
        assertFalse(pause.isPaused());
        assertEquals('S', awaitState(sleeper.pid(), 'S'));
    }

    @Test
    void aProcessThatHasExitedCannotBePausedAndTheMessageNamesIt() throws InterruptedException {
        sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ProcessPause("sleep", sleeper.pid()).pause());
        assertTrue(e.getMessage().contains("SIGSTOP to sleep"), e.getMessage());
    }

    @Test
    void ctrlCOnTheTerminalLeavesThePauseToItsHolder() throws Exception {
        ProcessPause pause = new ProcessPause("sleep", sleeper.pid());
        pause.pause();
        ProcessHandle keeper = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").endsWith("pause-keeper " + sleeper.pid()))
                .findFirst().orElseThrow();

        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(keeper.pid())).start().waitFor());
        Thread.sleep(200);
        assertTrue(keeper.isAlive(), "the keeper outlives the interrupt");
        assertEquals('T', state(sleeper.pid()));

        pause.resume();
        assertEquals('S', awaitState(sleeper.pid(), 'S'));
    }

    @Test
    void aJvmKilledWhileItHoldsAPauseLeavesNothingFrozen() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HoldsAPause.class.getName(), Long.toString(sleeper.pid())).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("paused", out.readLine());
            assertEquals('T', awaitState(sleeper.pid(), 'T'));

            holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

            assertEquals('S', awaitState(sleeper.pid(), 'S'), "resumed by the keeper once the JVM that paused it was gone");
        }
    }

    /**
     * The process's state once it is {@code expected}, or as it is after 5 s. A signal takes effect
     * when the process is next scheduled, a moment after kill returns.
     */
    private static char awaitState(long pid, char expected) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        char state = state(pid);
        while (state != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            state = state(pid);
        }
        return state;
    }

    /** The state letter Linux reports for a process: S sleeping, R running, T stopped. */
    private static char state(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    /** A JVM that pauses the process given by its pid, says so, and waits to be killed. */
    static final class HoldsAPause {
        private HoldsAPause() {
        }

        public static void main(String[] args) throws InterruptedException {
            new ProcessPause("sleep", Long.parseLong(args[0])).pause();
            System.out.println("paused");
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(2).toMillis());
        }
    }
}
