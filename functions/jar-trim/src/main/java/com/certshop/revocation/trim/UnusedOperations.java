package com.certshop.revocation.trim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drops from a function's shaded jar the AWS SDK classes that only operations it never calls can
 * reach. An SDK service client names every operation of its service, so reachability alone (the
 * shade plugin's minimizeJar) keeps every model of the service; this draws the line at the client.
 *
 * <p>An operation is <em>called</em> when a class outside the service's model, clients, paginators
 * and waiters calls the client's method for it ({@code getItem}, {@code listTablesPaginator}): the
 * function's own code, or an SDK class that calls it itself (DynamoDB's endpoint discovery calls
 * DescribeEndpoints); or when a class outside the service's package names the operation's request
 * class, response class or paginator (a waiter's caller names only the request). A service's own
 * endpoint rules and user-agent code name the requests of dozens of operations only to read a
 * parameter from a request already made: they do not make a call. An operation's request class is
 * told by its lineage ({@code XRequest extends <Service>Request extends AwsRequest}), not by the
 * presence of its marshaller, so a second trim of a trimmed jar changes nothing. What stays:
 * <ul>
 *   <li>every class that is not a service model or an uncalled operation's paginator, and what it
 *       reaches;</li>
 *   <li>everything a called operation's request, response, marshaller and unmarshaller reach;</li>
 *   <li>every operation's request class itself (not its builder or members): loading the client
 *       class verifies its methods, and that loads each request class to check it is an
 *       {@code SdkRequest};</li>
 *   <li>every modelled exception: the client registers them all when it is built, and any call may
 *       answer with one.</li>
 * </ul>
 * What goes: the other operations' builders, responses, marshallers, paginators and the model types
 * only they use; so reflection over a whole client interface ({@code getMethods()}, a proxy) no longer works
 * on a trimmed jar. The journeys of the local stack run the trimmed jars, and {@code UnusedOperationsTest}
 * builds a trimmed client and calls it.
 */
public final class UnusedOperations {
    private static final Pattern MODEL = Pattern.compile("software/amazon/awssdk/services/([^/]+)/(model|transform)/([^/$]+).*");
    /** The classes that name every operation of a service. */
    private static final Pattern CATALOGUE =
            Pattern.compile("software/amazon/awssdk/services/[^/]+/(\\w*Client(\\$.*)?|(paginators|waiters)/.+)");
    private static final Pattern PAGINATOR = Pattern.compile("software/amazon/awssdk/services/([^/]+)/paginators/(\\w+?)(Iterable|Publisher)(\\$.*)?");
    /** A client class of a service, and a method called on it: {@code owner#name}. */
    private static final Pattern CLIENT_CALL = Pattern.compile("software/amazon/awssdk/services/([^/]+)/\\w*Client#(\\w+)");
    private static final String AWS_REQUEST = "software/amazon/awssdk/awscore/AwsRequest";
    private static final List<String> OPERATION_PARTS = List.of("Request", "Response", "RequestMarshaller");

    private final Map<String, ClassReferences> references;
    /** By service, the operations called (request class names without "Request"). */
    private final Map<String, Set<String>> called = new TreeMap<>();

    private UnusedOperations(Map<String, ClassReferences> references) {
        this.references = references;
        Map<String, Map<String, String>> operationsByMethod = operationsByMethod();
        references.forEach((name, of) -> {
            if (!MODEL.matcher(name).matches() && !CATALOGUE.matcher(name).matches()) {
                for (String call : of.calls()) {
                    Matcher client = CLIENT_CALL.matcher(call);
                    if (client.matches()) {
                        String method = client.group(2).replaceFirst("Paginator$", "").toLowerCase(Locale.ROOT);
                        String operation = operationsByMethod.getOrDefault(client.group(1), Map.of()).get(method);
                        if (operation != null) {
                            called.computeIfAbsent(client.group(1), s -> new TreeSet<>()).add(operation);
                        }
                    }
                }
                of.named().forEach(named -> noteIfNamedFromOutside(name, named));
            }
        });
    }

    /** By service, its operations by their client method's name in lower case ({@code getitem} to GetItem). */
    private Map<String, Map<String, String>> operationsByMethod() {
        Map<String, Map<String, String>> operations = new HashMap<>();
        for (String name : references.keySet()) {
            Matcher model = MODEL.matcher(name);
            if (model.matches() && isOperationRequest(name)) {
                String operation = model.group(3).substring(0, model.group(3).length() - "Request".length());
                operations.computeIfAbsent(model.group(1), s -> new HashMap<>()).put(operation.toLowerCase(Locale.ROOT), operation);
            }
        }
        return operations;
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
        Map<String, ClassReferences> references = ShadedJar.classes(jar);
        UnusedOperations trim = new UnusedOperations(references);
        Set<String> dropped = ShadedJar.keepOnly(jar, references, trim.kept());
        return new Result(dropped, trim.called);
    }

    /** Notes the operation whose request, response or paginator {@code caller} names from outside its service, if any. */
    private void noteIfNamedFromOutside(String caller, String name) {
        Matcher model = MODEL.matcher(name);
        Matcher paginator = PAGINATOR.matcher(name);
        if (model.matches() && model.group(2).equals("model") && !inService(caller, model.group(1))) {
            String simple = model.group(3);
            for (String part : List.of("Request", "Response")) {
                if (simple.endsWith(part)) {
                    noteIfOperation(model.group(1), simple.substring(0, simple.length() - part.length()));
                }
            }
        } else if (paginator.matches() && !inService(caller, paginator.group(1))) {
            noteIfOperation(paginator.group(1), paginator.group(2));
        }
    }

    private static boolean inService(String name, String service) {
        return name.startsWith("software/amazon/awssdk/services/" + service + "/");
    }

    private void noteIfOperation(String service, String operation) {
        if (isOperationRequest("software/amazon/awssdk/services/" + service + "/model/" + operation + "Request")) {
            called.computeIfAbsent(service, s -> new TreeSet<>()).add(operation);
        }
    }

    /** Reachability from every non-model class, exceptions and request classes, through the client only to called operations. */
    private Set<String> kept() {
        return ShadedJar.reachable(references, references.keySet().stream().filter(this::keptWhateverIsCalled),
                (from, named) -> !namesEveryOperation(from) || mayReach(named) || references.get(from).supertypes().contains(named));
    }

    /** A client, paginator or waiter, or an uncalled operation's request class: it reaches only what {@link #mayReach} allows. */
    private boolean namesEveryOperation(String name) {
        return CATALOGUE.matcher(name).matches() || (isOperationRequest(name) && !ofCalledOperation(name));
    }

    /**
     * Kept whichever operations are called: every class outside the models but the paginators,
     * modelled exceptions, operations' request classes. A paginator is only created by its client
     * method, and verifying that method does not load it (it returns the class it creates).
     */
    private boolean keptWhateverIsCalled(String name) {
        Matcher model = MODEL.matcher(name);
        if (!model.matches()) {
            return !PAGINATOR.matcher(name).matches();
        }
        return model.group(3).endsWith("Exception") || isOperationRequest(name);
    }

    /** What a client (or an uncalled operation's request class) may keep: anything but another operation's model. */
    private boolean mayReach(String name) {
        return keptWhateverIsCalled(name) || ofCalledOperation(name);
    }

    /** A request, response, marshaller or paginator class (or one nested in it) of a called operation. */
    private boolean ofCalledOperation(String name) {
        Matcher paginator = PAGINATOR.matcher(name);
        if (paginator.matches()) {
            return called.getOrDefault(paginator.group(1), Set.of()).contains(paginator.group(2));
        }
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
}
