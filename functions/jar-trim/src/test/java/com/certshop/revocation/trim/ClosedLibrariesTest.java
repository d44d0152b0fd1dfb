package com.certshop.revocation.trim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.certshop.revocation.trim.library.Reached;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedLibrariesTest {
    private static final String LIBRARY = "com/certshop/revocation/trim/library/";

    @TempDir
    Path dir;

    @Test
    void dropsWhatNothingOutsideTheLibraryReachesAndKeepsTheRestOfTheJar() throws IOException {
        Path jar = dir.resolve("function.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("com/certshop/revocation/trim/UsesALibrary", LIBRARY + "Reached",
                    LIBRARY + "ReachedThroughIt", LIBRARY + "OnlyReachedByTheFilteredPart")) {
                out.putNextEntry(new ZipEntry(name + ".class"));
                try (InputStream in = Reached.class.getClassLoader().getResourceAsStream(name + ".class")) {
                    in.transferTo(out);
                }
            }
            out.putNextEntry(new ZipEntry(LIBRARY + "notice.txt"));
        }

        Set<String> dropped = ClosedLibraries.trim(jar, List.of(LIBRARY));

        assertEquals(Set.of(LIBRARY + "OnlyReachedByTheFilteredPart.class"), dropped);
        try (ZipFile trimmed = new ZipFile(jar.toFile())) {
            assertEquals(new TreeSet<>(Set.of("com/certshop/revocation/trim/UsesALibrary.class", LIBRARY + "Reached.class",
                    LIBRARY + "ReachedThroughIt.class", LIBRARY + "notice.txt")),
                    new TreeSet<>(Collections.list(trimmed.entries()).stream().map(ZipEntry::getName).toList()));
        }
        assertEquals(Set.of(), ClosedLibraries.trim(jar, List.of(LIBRARY)), "a second sweep finds nothing more");
    }
}
