package com.certshop.revocation.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployment jar unpacked into a directory, as Lambda unpacks a function's .zip or .jar into
 * {@code /var/task} before its Java runtime starts: the runtime puts that directory on the class
 * path, so a deployed function reads each class from a file of its own, never from the jar. A
 * class read from a jar is inflated on every cold start, which a deployed function does not pay
 * (the read function loaded one call's classes some 50 ms of cpu faster from the directory).
 */
final class TaskDirectory {
    private TaskDirectory() {
    }

    /** Unpacks the jar into a fresh directory (anything there before is deleted first) and returns it. */
    static Path unpack(Path jar, Path directory) {
        // Normalised, so that an entry's path is checked against the same form of the root.
        Path into = directory.toAbsolutePath().normalize();
        try {
            if (Files.exists(into)) {
                try (Stream<Path> old = Files.walk(into)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(into);
            try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path target = into.resolve(entry.getName()).normalize();
                    if (!target.startsWith(into)) {
                        throw new IOException(jar + " has an entry outside its root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target);
                    }
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
