package com.certshop.revocation.local;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the hosted functions write while it is open. The local host runs every function in this
 * JVM, each in its own class loader but all with the JVM's one System.out and System.err (Lambda
 * gives each its own log stream), so both are copied here while still reaching the console.
 */
final class FunctionOutput implements AutoCloseable {
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    /** One copy per stream: lines of the two streams written at once must not interleave. */
    private final ByteArrayOutputStream outCopy = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errCopy = new ByteArrayOutputStream();

    private FunctionOutput() {
        System.setOut(new PrintStream(new Tee(out, outCopy), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, errCopy), true, StandardCharsets.UTF_8));
    }

    static FunctionOutput capture() {
        return new FunctionOutput();
    }

    /** Everything written so far: standard output, then standard error. */
    String text() {
        return text(outCopy) + text(errCopy);
    }

    private static String text(ByteArrayOutputStream copy) {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines that are JSON objects with a {@code message}: the functions' structured log lines. */
    List<Map<String, Object>> logLines() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : text(outCopy).split("\n")) {
            if (line.startsWith("{") && line.contains("\"message\"")) {
                try {
                    lines.add(JSON.std.mapFrom(line));
                } catch (IOException e) {
                    throw new AssertionError("a log line that is not one JSON object: " + line, e);
                }
            }
        }
        return lines;
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
    }

    /** Writes to the console and to the copy; a println's bytes arrive in one write under PrintStream's lock. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            console.write(bytes, offset, length);
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
