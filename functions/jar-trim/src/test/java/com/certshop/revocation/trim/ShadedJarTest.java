package com.certshop.revocation.trim;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void aServiceRegistrationKeepsOnlyTheProvidersLeftAndGoesWithTheLastOne() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("lib/Service.class", "");
        entries.put("lib/KeptProvider.class", "");
        entries.put("lib/DroppedProvider.class", "");
        entries.put("lib/Outer$DroppedNested.class", "");
        entries.put("META-INF/services/", "");
        entries.put("META-INF/services/lib.Service", "# providers\nlib.KeptProvider\nlib.DroppedProvider # a comment\n");
        entries.put("META-INF/services/lib.UnusedService", "lib.Outer$DroppedNested\n");
        entries.put("META-INF/services/java.security.Provider", "lib.KeptProvider\n");
        Path jar = jar(entries);
        Map<String, ClassReferences> classes = Map.of("lib/Service", NAMES_NOTHING, "lib/KeptProvider", NAMES_NOTHING,
                "lib/DroppedProvider", NAMES_NOTHING, "lib/Outer$DroppedNested", NAMES_NOTHING);

        Set<String> dropped = ShadedJar.keepOnly(jar, classes, Set.of("lib/Service", "lib/KeptProvider"));

        assertEquals(Set.of("lib/DroppedProvider.class", "lib/Outer$DroppedNested.class"), dropped);
        assertEquals(new TreeMap<>(Map.of("lib/Service.class", "", "lib/KeptProvider.class", "", "META-INF/services/", "",
                "META-INF/services/lib.Service", "lib.KeptProvider\n",
                "META-INF/services/java.security.Provider", "lib.KeptProvider\n")), read(jar));
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
