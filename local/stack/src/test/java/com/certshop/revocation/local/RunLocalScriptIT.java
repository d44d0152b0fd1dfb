package com.certshop.revocation.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ./run-local.sh tells a user in one line what to install, instead of failing halfway. */
class RunLocalScriptIT {
    private static final Path ROOT = Path.of(System.getProperty("repository.root")).toAbsolutePath().normalize();

    @Test
    void aMissingMotoIsOneLineNamingWhatToInstall() throws Exception {
        // With only the system directories on PATH, python3 is Debian's own, which has no moto.
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import moto").start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() != 0, "the system python3 has moto here");

        ProcessBuilder script = new ProcessBuilder(ROOT.resolve("run-local.sh").toString()).redirectErrorStream(true);
        script.environment().put("PATH", "/usr/bin:/bin");
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        assertEquals("run-local.sh: moto for Python 3 is needed: pip install 'moto[server]==5.2.1'.", output);
    }

    @Test
    void aMissingPebbleIsOneLineNamingWhatToInstall() throws Exception {
        ProcessBuilder script = new ProcessBuilder(ROOT.resolve("run-local.sh").toString()).redirectErrorStream(true);
        script.environment().put("PEBBLE_BINARY", "/nonexistent/pebble");
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue());
        assertEquals("run-local.sh: Pebble, the local ACME CA, is needed: apt-get install pebble (or set PEBBLE_BINARY).",
                output);
    }
}
