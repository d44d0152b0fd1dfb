package com.certshop.revocation.trim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops from a function's shaded jar the classes of a <em>closed</em> library that nothing outside
 * it reaches. Closed means: on the paths the function takes, the library loads none of its own
 * classes by name (no reflection, no ServiceLoader), so what the rest of the jar reaches through
 * class references is all it can ever load. The shade plugin's minimizeJar cannot draw this line
 * when a filter has taken out a part of the library after its analysis: everything that part
 * reached stays. Bouncy Castle without its JCA providers is such a library (the providers are what
 * load its algorithm classes by name).
 */
public final class ClosedLibraries {
    private ClosedLibraries() {
    }

    /** Trims the jar in place and prints what it dropped. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ClosedLibraries <shaded jar> <package prefix, e.g. org/bouncycastle/>...");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        long before = Files.size(jar);
        List<String> libraries = Arrays.asList(args).subList(1, args.length);
        Set<String> dropped = trim(jar, libraries);
        System.out.printf("%s: %,d -> %,d bytes, %,d classes of %s that nothing outside them reaches dropped%n",
                jar.getFileName(), before, Files.size(jar), dropped.size(), libraries);
    }

    /** @return the entries dropped */
    static Set<String> trim(Path jar, List<String> libraries) throws IOException {
        Map<String, ClassReferences> classes = ShadedJar.classes(jar);
        Set<String> reached = ShadedJar.reachable(classes,
                classes.keySet().stream().filter(name -> libraries.stream().noneMatch(name::startsWith)), (from, to) -> true);
        return ShadedJar.keepOnly(jar, classes, reached);
    }
}
