package com.certshop.revocation.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.certshop.revocation.aws.config.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionHostTest {
    @TempDir
    Path dir;

    @Test
    void anInvocationsContextCountsDownFromTheFunctionsOwnTimeoutAndReportsItsMemory() throws IOException {
        Path jar = probeJar();
        assertContext(jar, Duration.ofSeconds(60), 512);
        assertContext(jar, Duration.ofSeconds(3), 128);
    }

    private static void assertContext(Path jar, Duration timeout, int memoryMb) throws IOException {
        try (FunctionHost host = FunctionHost.load("Probe", jar, ContextProbe.class.getName(), Map.of(), timeout, memoryMb)) {
            FunctionHost.Invocation invocation = host.invoke("{}".getBytes(StandardCharsets.UTF_8), "request-1");

            assertFalse(invocation.failed(), new String(invocation.payload(), StandardCharsets.UTF_8));
            String[] answer = new String(invocation.payload(), StandardCharsets.UTF_8).split(" ");
            long remaining = Long.parseLong(answer[0]);
            // Counted from the invocation's start: well within a second of the whole timeout.
            assertTrue(remaining > timeout.toMillis() - 1_000 && remaining <= timeout.toMillis(), "remaining ms: " + remaining);
            assertEquals(Integer.toString(memoryMb), answer[1]);
        }
    }

    /** A deployment jar of the probe: the probe, the Environment it is built with and Lambda's core interfaces. */
    private Path probeJar() throws IOException {
        Path jar = dir.resolve("probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : new Class<?>[] {ContextProbe.class, Environment.class}) {
                String entry = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    out.putNextEntry(new ZipEntry(entry));
                    in.transferTo(out);
                }
            }
            try (ZipFile core = new ZipFile(codeOf(Context.class).toFile())) {
                for (ZipEntry entry : Collections.list(core.entries())) {
                    if (entry.getName().endsWith(".class")) {
                        out.putNextEntry(new ZipEntry(entry.getName()));
                        try (InputStream in = core.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    }
                }
            }
        }
        return jar;
    }

    private static Path codeOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
