package com.certshop.revocation.trim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** A function's shaded jar as the trims read and rewrite it. */
final class ShadedJar {
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

    /** Rewrites the jar without the classes of {@code classes} not in {@code kept}; returns their entry names. */
    static Set<String> keepOnly(Path jar, Map<String, ClassReferences> classes, Set<String> kept) throws IOException {
        Set<String> dropped = new TreeSet<>();
        classes.keySet().stream().filter(name -> !kept.contains(name)).forEach(name -> dropped.add(name + ".class"));
        rewriteWithout(jar, dropped);
        return dropped;
    }

    /** Writes the jar again without {@code dropped} (entry names), every other entry as it was, then replaces it. */
    private static void rewriteWithout(Path jar, Set<String> dropped) throws IOException {
        if (dropped.isEmpty()) {
            return;
        }
        Path trimmed = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".trimmed");
        try {
            copyWithout(jar, trimmed, dropped);
            // A temporary file is its owner's alone (0600); the jar keeps the permissions it had.
            if (Files.getFileStore(jar).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(trimmed, Files.getPosixFilePermissions(jar));
            }
            Files.move(trimmed, jar, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(trimmed);
        }
    }

    private static void copyWithout(Path jar, Path trimmed, Set<String> dropped) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(trimmed);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (dropped.contains(entry.getName())) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
