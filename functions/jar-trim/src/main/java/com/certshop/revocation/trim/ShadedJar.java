package com.certshop.revocation.trim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** A function's shaded jar as the trims read and rewrite it. */
final class ShadedJar {
    private static final String SERVICES = "META-INF/services/";

    private ShadedJar() {
    }

    /** Each class of the jar by internal name ({@code a/b/C$D}), with what it names. */
    static Map<String, ClassReferences> classes(Path jar) throws IOException {
        Map<String, ClassReferences> classes = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        classes.put(entry.getName().substring(0, entry.getName().length() - ".class".length()),
                                ClassReferences.of(in.readAllBytes()));
                    }
                }
            }
        }
        return classes;
    }

    /**
     * The classes reachable from {@code roots} through the classes each names, following a named
     * class only where {@code follows(naming class, named class)} says so.
     */
    static Set<String> reachable(Map<String, ClassReferences> classes, Stream<String> roots, BiPredicate<String, String> follows) {
        Set<String> reached = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        roots.forEach(next::add);
        while (!next.isEmpty()) {
            String name = next.poll();
            if (reached.add(name)) {
                classes.get(name).named().stream()
                        .filter(named -> classes.containsKey(named) && !reached.contains(named) && follows.test(name, named))
                        .forEach(next::add);
            }
        }
        return reached;
    }

    /**
     * Rewrites the jar without the classes of {@code classes} not in {@code kept}; returns their entry
     * names. A ServiceLoader registration ({@code META-INF/services}) loses the providers no longer in
     * the jar, and goes once none is left: the shade plugin writes the registrations of every
     * library, even where its reachability analysis dropped the providers (and the service type
     * with them). A provider only this trim would drop fails it instead, unless its service type goes
     * too: whatever loads the service by name would quietly find one provider fewer.
     */
    static Set<String> keepOnly(Path jar, Map<String, ClassReferences> classes, Set<String> kept) throws IOException {
        Set<String> dropped = new TreeSet<>();
        classes.keySet().stream().filter(name -> !kept.contains(name)).forEach(name -> dropped.add(name + ".class"));
        TrimmedRegistrations registrations = trimmedRegistrations(jar, classes, kept);
        if (!dropped.isEmpty() || registrations.any()) {
            rewrite(jar, dropped, registrations);
        }
        if (registrations.any()) {
            System.out.printf("%s: ServiceLoader registrations naming providers not in the jar: removed %s, rewritten %s%n",
                    jar.getFileName(), registrations.removed(), registrations.rewritten().keySet());
        }
        return dropped;
    }

    /** Registrations (entry names) to remove, and those to rewrite with the providers left. */
    private record TrimmedRegistrations(Set<String> removed, Map<String, byte[]> rewritten) {
        boolean any() {
            return !removed.isEmpty() || !rewritten.isEmpty();
        }
    }

    private static TrimmedRegistrations trimmedRegistrations(Path jar, Map<String, ClassReferences> classes, Set<String> kept)
            throws IOException {
        Set<String> removed = new TreeSet<>();
        Map<String, byte[]> rewritten = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.getName().startsWith(SERVICES) || entry.isDirectory()) {
                    continue;
                }
                String service = entry.getName().substring(SERVICES.length()).replace('.', '/');
                boolean serviceGoes = classes.containsKey(service) && !kept.contains(service);
                List<String> providers;
                try (InputStream in = zip.getInputStream(entry)) {
                    // Read as ServiceLoader reads it: a provider per line, '#' starting a comment.
                    providers = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .map(line -> line.replaceFirst("#.*", "").trim()).filter(provider -> !provider.isEmpty()).toList();
                }
                List<String> left = new ArrayList<>();
                for (String provider : providers) {
                    String name = provider.replace('.', '/');
                    if (kept.contains(name)) {
                        left.add(provider);
                    } else if (classes.containsKey(name) && !serviceGoes) {
                        throw new IllegalStateException(entry.getName() + " registers " + provider
                                + ", which this trim would drop: keep it, or leave the registration out of the jar");
                    }
                }
                if (left.isEmpty() && !providers.isEmpty()) {
                    removed.add(entry.getName());
                } else if (left.size() < providers.size()) {
                    rewritten.put(entry.getName(), (String.join("\n", left) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return new TrimmedRegistrations(removed, rewritten);
    }

    /**
     * Writes the jar again without {@code dropped} (entry names) and with the {@code registrations}
     * trimmed, every other entry as it was, then replaces it.
     */
    private static void rewrite(Path jar, Set<String> dropped, TrimmedRegistrations registrations) throws IOException {
        Path trimmed = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".trimmed");
        try {
            copy(jar, trimmed, dropped, registrations);
            // A temporary file is its owner's alone (0600); the jar keeps the permissions it had.
            if (Files.getFileStore(jar).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(trimmed, Files.getPosixFilePermissions(jar));
            }
            Files.move(trimmed, jar, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(trimmed);
        }
    }

    private static void copy(Path jar, Path trimmed, Set<String> dropped, TrimmedRegistrations registrations) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(trimmed);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (dropped.contains(entry.getName()) || registrations.removed().contains(entry.getName())) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                byte[] registration = registrations.rewritten().get(entry.getName());
                if (registration != null) {
                    out.write(registration);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }
}
