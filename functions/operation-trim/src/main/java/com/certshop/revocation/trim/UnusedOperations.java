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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Drops from a function's shaded jar the AWS SDK classes that only operations it never calls can
 * reach. An SDK service client names every operation of its service, so reachability alone (the
 * shade plugin's minimizeJar) keeps every model of the service; this draws the line at the client.
 *
 * <p>An operation is <em>called</em> when a class outside the service's model, clients, paginators
 * and waiters names its request class, its response class (a call without arguments,
 * {@code listTables()}, names only that) or its paginator: the function's own code, or an SDK
 * class that calls it itself (DynamoDB's endpoint discovery calls DescribeEndpoints). An
 * operation's request class is told by its lineage ({@code XRequest extends <Service>Request extends
 * AwsRequest}), not by the presence of its marshaller, so a second trim of a trimmed jar changes
 * nothing. What stays:
 * <ul>
 *   <li>every class that is not a service model, and what it reaches;</li>
 *   <li>everything a called operation's request, response, marshaller and unmarshaller reach;</li>
 *   <li>every operation's request class itself (not its builder or members): loading the client
 *       class verifies its methods, and that loads each request class to check it is an
 *       {@code SdkRequest};</li>
 *   <li>every modelled exception: the client registers them all when it is built, and any call may
 *       answer with one.</li>
 * </ul>
 * What goes: the other operations' builders, responses, marshallers and the model types only they
 * use; so reflection over a whole client interface ({@code getMethods()}, a proxy) no longer works
 * on a trimmed jar. The journeys of the local stack run the trimmed jars, and {@code UnusedOperationsTest}
 * builds a trimmed client and calls it.
 */
public final class UnusedOperations {
    private static final Pattern MODEL = Pattern.compile("software/amazon/awssdk/services/([^/]+)/(model|transform)/([^/$]+).*");
    /** The classes that name every operation of a service. */
    private static final Pattern CATALOGUE =
            Pattern.compile("software/amazon/awssdk/services/[^/]+/(\\w*Client(\\$.*)?|(paginators|waiters|batchmanager)/.+)");
    private static final Pattern PAGINATOR = Pattern.compile("software/amazon/awssdk/services/([^/]+)/paginators/(\\w+?)(Iterable|Publisher)(\\$.*)?");
    private static final String AWS_REQUEST = "software/amazon/awssdk/awscore/AwsRequest";
    private static final List<String> OPERATION_PARTS = List.of("Request", "Response", "RequestMarshaller");

    private final Map<String, ClassReferences> references;
    /** By service, the operations called (request class names without "Request"). */
    private final Map<String, Set<String>> called = new TreeMap<>();

    private UnusedOperations(Map<String, ClassReferences> references) {
        this.references = references;
        references.forEach((name, named) -> {
            if (!MODEL.matcher(name).matches() && !CATALOGUE.matcher(name).matches()) {
                named.named().forEach(this::noteIfCall);
            }
        });
    }

    /** Trims the jar in place and prints what it kept. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: UnusedOperations <shaded jar>");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        long before = Files.size(jar);
        Result result = trim(jar);
        Map<String, Integer> operationsKept = new TreeMap<>();
        result.called().forEach((service, operations) -> operationsKept.put(service, operations.size()));
        System.out.printf("%s: %,d -> %,d bytes, %,d classes of operations it never calls dropped; operations kept by service: %s%n",
                jar.getFileName(), before, Files.size(jar), result.dropped().size(), operationsKept);
    }

    /** What a trim dropped (entry names) and which operations it kept, by service. */
    record Result(Set<String> dropped, Map<String, Set<String>> called) {
    }

    static Result trim(Path jar) throws IOException {
        Map<String, ClassReferences> references = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        references.put(entry.getName().substring(0, entry.getName().length() - ".class".length()),
                                ClassReferences.of(in.readAllBytes()));
                    }
                }
            }
        }
        UnusedOperations trim = new UnusedOperations(references);
        Set<String> kept = trim.kept();
        Set<String> dropped = new TreeSet<>();
        references.keySet().stream().filter(name -> !kept.contains(name)).forEach(name -> dropped.add(name + ".class"));
        if (!dropped.isEmpty()) {
            rewriteWithout(jar, dropped);
        }
        return new Result(dropped, trim.called);
    }

    /** Notes the operation that a name outside the catalogue and the models shows to be called, if any. */
    private void noteIfCall(String name) {
        Matcher model = MODEL.matcher(name);
        Matcher paginator = PAGINATOR.matcher(name);
        if (model.matches() && model.group(2).equals("model")) {
            String simple = model.group(3);
            for (String part : List.of("Request", "Response")) {
                if (simple.endsWith(part)) {
                    noteIfOperation(model.group(1), simple.substring(0, simple.length() - part.length()));
                }
            }
        } else if (paginator.matches()) {
            noteIfOperation(paginator.group(1), paginator.group(2));
        }
    }

    private void noteIfOperation(String service, String operation) {
        if (isOperationRequest("software/amazon/awssdk/services/" + service + "/model/" + operation + "Request")) {
            called.computeIfAbsent(service, s -> new TreeSet<>()).add(operation);
        }
    }

    /** Reachability from every non-model class, exceptions and request classes, through the client only to called operations. */
    private Set<String> kept() {
        Set<String> kept = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        references.keySet().stream().filter(this::keptWhateverIsCalled).forEach(next::add);
        while (!next.isEmpty()) {
            String name = next.poll();
            if (!kept.add(name)) {
                continue;
            }
            ClassReferences of = references.get(name);
            boolean namesEveryOperation = CATALOGUE.matcher(name).matches()
                    || (isOperationRequest(name) && !ofCalledOperation(name));
            for (String named : of.named()) {
                if (references.containsKey(named) && !kept.contains(named)
                        && (!namesEveryOperation || mayReach(named) || of.supertypes().contains(named))) {
                    next.add(named);
                }
            }
        }
        return kept;
    }

    /** Kept whichever operations are called: every class outside the models, modelled exceptions, operations' request classes. */
    private boolean keptWhateverIsCalled(String name) {
        Matcher model = MODEL.matcher(name);
        return !model.matches() || model.group(3).endsWith("Exception") || isOperationRequest(name);
    }

    /** What a client (or an uncalled operation's request class) may keep: anything but another operation's model. */
    private boolean mayReach(String name) {
        return keptWhateverIsCalled(name) || ofCalledOperation(name);
    }

    /** A request, response or marshaller class (or one nested in it) of a called operation. */
    private boolean ofCalledOperation(String name) {
        Matcher model = MODEL.matcher(name);
        if (!model.matches()) {
            return false;
        }
        Set<String> operations = called.getOrDefault(model.group(1), Set.of());
        String simple = model.group(3);
        return OPERATION_PARTS.stream().anyMatch(part -> simple.endsWith(part)
                && operations.contains(simple.substring(0, simple.length() - part.length())));
    }

    /**
     * An operation's request class: it extends the service's request class, which extends
     * AwsRequest. A structure inside a request that happens to be named ...Request (DynamoDB's
     * PutRequest) does not, nor does the service's request class itself.
     */
    private boolean isOperationRequest(String name) {
        ClassReferences request = references.get(name);
        return request != null && !name.contains("$") && request.supertypes().stream()
                .map(references::get)
                .anyMatch(service -> service != null && service.supertypes().contains(AWS_REQUEST));
    }

    /** Writes the jar again without {@code dropped}, every other entry as it was, then replaces it. */
    private static void rewriteWithout(Path jar, Set<String> dropped) throws IOException {
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
