package com.certshop.revocation.trim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadedJarTest {
    private static final ClassReferences NAMES_NOTHING = new ClassReferences(Set.of(), Set.of(), Set.of());

    @TempDir
    Path dir;

    @Test
    void registrationsLoseTheProvidersTheShadePluginDroppedAndGoWithTheLastOne() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("lib/KeptProvider.class", "");
        entries.put("META-INF/services/", "");
        entries.put("META-INF/services/lib.Service", "# providers\r\nlib.KeptProvider\r\ngone.Provider # a comment\r\n");
        entries.put("META-INF/services/gone.Service", "gone.Outer$Nested\n");
        entries.put("META-INF/services/java.security.Provider", "lib.KeptProvider\n");
        Path jar = jar(entries);

        Set<String> dropped = ShadedJar.keepOnly(jar, Map.of("lib/KeptProvider", NAMES_NOTHING), Set.of("lib/KeptProvider"));

        assertEquals(Set.of(), dropped, "no class to drop, and still the registrations are mended");
        assertEquals(new TreeMap<>(Map.of("lib/KeptProvider.class", "", "META-INF/services/", "",
                "META-INF/services/lib.Service", "lib.KeptProvider\n",
                "META-INF/services/java.security.Provider", "lib.KeptProvider\n")), read(jar));
    }

    @Test
    void aProviderGoesWithItsServiceType() throws IOException {
        Path jar = jar(Map.of("lib/Service.class", "", "lib/Provider.class", "", "lib/Caller.class", "",
                "META-INF/services/lib.Service", "lib.Provider\n"));
        Map<String, ClassReferences> classes = Map.of("lib/Service", NAMES_NOTHING, "lib/Provider", NAMES_NOTHING,
                "lib/Caller", NAMES_NOTHING);

        Set<String> dropped = ShadedJar.keepOnly(jar, classes, Set.of("lib/Caller"));

        assertEquals(Set.of("lib/Service.class", "lib/Provider.class"), dropped);
        assertEquals(new TreeMap<>(Map.of("lib/Caller.class", "")), read(jar));
    }

    @Test
    void aProviderOnlyTheTrimWouldDropWhileItsServiceStaysFailsItAndLeavesTheJarAsItWas() throws IOException {
        Map<String, String> entries = Map.of("lib/Service.class", "", "lib/Provider.class", "",
                "META-INF/services/lib.Service", "lib.Provider\n");
        Path jar = jar(entries);
        Map<String, ClassReferences> classes = Map.of("lib/Service", NAMES_NOTHING, "lib/Provider", NAMES_NOTHING);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ShadedJar.keepOnly(jar, classes, Set.of("lib/Service")));

        assertTrue(refused.getMessage().contains("lib.Provider"), refused.getMessage());
        assertEquals(new TreeMap<>(entries), read(jar));
    }

    @Test
    void registrationsWhoseProvidersAreAllThereAreLeftAsTheyWere() throws IOException {
        Map<String, String> entries = Map.of("lib/KeptProvider.class", "",
                "META-INF/services/lib.Service", "# providers\nlib.KeptProvider\n");
        Path jar = jar(entries);

        ShadedJar.keepOnly(jar, Map.of("lib/KeptProvider", NAMES_NOTHING), Set.of("lib/KeptProvider"));

        assertEquals(new TreeMap<>(entries), read(jar));
    }

    private Path jar(Map<String, String> entries) throws IOException {
        Path jar = dir.resolve("function.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static TreeMap<String, String> read(Path jar) throws IOException {
        TreeMap<String, String> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }
}
