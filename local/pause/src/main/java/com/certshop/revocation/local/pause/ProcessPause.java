package com.certshop.revocation.local.pause;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Freezes a process with SIGSTOP and lets it carry on with SIGCONT. A frozen server is a stalled
 * peer: the kernel still accepts connections to it and buffers what clients send, but nothing
 * answers until it is resumed, and then it serves whatever waited. Unlike a restart, it keeps all
 * its state.
 *
 * <p>A pause is held by a keeper, a small shell that sends SIGSTOP, waits until its standard input
 * ends and then sends SIGCONT. Its standard input is a pipe whose only writer is this JVM:
 * {@link #resume()} closes it, and so does the operating system when this JVM exits in any way,
 * even killed. So a process paused here is never left frozen for good, which for a server whose
 * own watch for a vanished parent is frozen with it would mean for ever. The keeper ignores the
 * terminal's Ctrl-C, which reaches every process of the group: only the end of its input ends it.
 */
public final class ProcessPause {
    /** Run as {@code /bin/sh -c KEEPER pause-keeper <pid>}; prints one line once the process is stopped. */
    private static final String KEEPER = """
            trap '' INT QUIT
            kill -STOP "$1" || exit 1
            echo paused
            while read -r _; do :; done
            kill -CONT "$1"
            """;
    private static final Duration KEEPER_EXIT = Duration.ofSeconds(5);

    private final String name;
    private final long pid;
    /** The keeper of the current pause; null while the process runs. Guarded by this. */
    private Process keeper;

    /** @param name what the process is, for messages (e.g. "moto") */
    public ProcessPause(String name, long pid) {
        this.name = name;
        this.pid = pid;
    }

    /**
     * Freezes the process; does nothing if it is paused already.
     *
     * @throws IllegalStateException when the signal cannot be sent (the process has exited)
     */
    public synchronized void pause() {
        if (keeper != null) {
            return;
        }
        Process started;
        try {
            started = new ProcessBuilder("/bin/sh", "-c", KEEPER, "pause-keeper", Long.toString(pid)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the shell that pauses " + name, e);
        }
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.US_ASCII))) {
            line = out.readLine();
        } catch (IOException e) {
            started.destroyForcibly();
            throw new UncheckedIOException("cannot read the shell that pauses " + name, e);
        }
        if (!"paused".equals(line)) {
            throw new IllegalStateException("cannot send SIGSTOP to " + name + " (pid " + pid + "): " + errors(started));
        }
        keeper = started;
    }

    /**
     * Lets a paused process carry on; does nothing if it is not paused.
     *
     * @throws IllegalStateException when SIGCONT could not be sent (the process has exited meanwhile)
     */
    public synchronized void resume() {
        if (keeper == null) {
            return;
        }
        Process ending = keeper;
        keeper = null;
        try {
            ending.getOutputStream().close();
            if (!ending.waitFor(KEEPER_EXIT.toMillis(), TimeUnit.MILLISECONDS)) {
                ending.destroyForcibly();
                throw new IllegalStateException("the shell that paused " + name + " did not end within " + KEEPER_EXIT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot end the pause of " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resuming " + name, e);
        }
        if (ending.exitValue() != 0) {
            throw new IllegalStateException("cannot send SIGCONT to " + name + " (pid " + pid + "): " + errors(ending));
        }
    }

    public synchronized boolean isPaused() {
        return keeper != null;
    }

    /** What an ended keeper wrote on its standard error. */
    private static String errors(Process ended) {
        try {
            ended.waitFor(KEEPER_EXIT.toMillis(), TimeUnit.MILLISECONDS);
            return new String(ended.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no output: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
