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
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
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
     * names. A ServiceLoader registration ({@code META-INF/services}) keeps only the providers still in
     * the jar, and goes once none is: the shade plugin writes the registrations of every library, even
     * where its reachability analysis dropped the providers (and the service type with them).
     */
    static Set<String> keepOnly(Path jar, Map<String, ClassReferences> classes, Set<String> kept) throws IOException {
        Set<String> dropped = new TreeSet<>();
        classes.keySet().stream().filter(name -> !kept.contains(name)).forEach(name -> dropped.add(name + ".class"));
        Predicate<String> inJar = provider -> {
            String name = provider.replace('.', '/');
            return classes.containsKey(name) && kept.contains(name);
        };
        Map<String, Optional<byte[]>> registrations = registrationsLeft(jar, inJar);
        if (!dropped.isEmpty() || !registrations.isEmpty()) {
            rewrite(jar, dropped, registrations);
        }
        return dropped;
    }

    /**
     * The jar's ServiceLoader registrations that name a provider not {@code inJar}, by entry name: the
     * registration without it, or empty where no provider is left.
     */
    private static Map<String, Optional<byte[]>> registrationsLeft(Path jar, Predicate<String> inJar) throws IOException {
        Map<String, Optional<byte[]>> changed = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.getName().startsWith(SERVICES) || entry.isDirectory()) {
                    continue;
                }
                List<String> lines;
                try (InputStream in = zip.getInputStream(entry)) {
                    lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                }
                // A line names one provider, and may carry a comment after '#'.
                List<String> providers = lines.stream().map(line -> line.replaceFirst("#.*", "").strip())
                        .filter(provider -> !provider.isEmpty()).toList();
                List<String> left = providers.stream().filter(inJar).toList();
                if (left.size() < providers.size()) {
                    changed.put(entry.getName(), left.isEmpty() ? Optional.empty()
                            : Optional.of((String.join("\n", left) + "\n").getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return changed;
    }

    /**
     * Writes the jar again without {@code dropped} (entry names), with the {@code registrations} as they
     * are left, every other entry as it was, then replaces it.
     */
    private static void rewrite(Path jar, Set<String> dropped, Map<String, Optional<byte[]>> registrations) throws IOException {
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

    private static void copy(Path jar, Path trimmed, Set<String> dropped, Map<String, Optional<byte[]>> registrations)
            throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(trimmed);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Optional<byte[]> registration = registrations.get(entry.getName());
                if (dropped.contains(entry.getName()) || (registration != null && registration.isEmpty())) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                if (registration != null) {
                    out.write(registration.get());
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
