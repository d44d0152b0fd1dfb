package com.certshop.revocation.trim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trims SES v2 for a caller of SendEmail alone, then sends a mail through what is left. */
class UnusedOperationsTest {
    private static final String MODEL = "software/amazon/awssdk/services/sesv2/model/";
    private static final String TRANSFORM = "software/amazon/awssdk/services/sesv2/transform/";

    @TempDir
    static Path dir;
    private static Path jar;
    private static UnusedOperations.Result result;
    private static Set<String> left;

    @BeforeAll
    static void trimSesForOneCaller() throws IOException {
        jar = functionJar("function.jar", sdkJar("sesv2"), SendsOneEmail.class);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        result = UnusedOperations.trim(jar);
        left = entries(jar);
    }

    /** A jar of an SDK service's classes and one caller's, as the shade plugin would leave it. */
    private static Path functionJar(String name, Path service, Class<?> caller) throws IOException {
        Path jar = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar));
                ZipFile sdk = new ZipFile(service.toFile())) {
            for (ZipEntry entry : Collections.list(sdk.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = sdk.getInputStream(entry)) {
                    in.transferTo(out);
                }
            }
            String classFile = caller.getName().replace('.', '/') + ".class";
            out.putNextEntry(new ZipEntry(classFile));
            try (InputStream in = caller.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(out);
            }
        }
        return jar;
    }

    private static Set<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Set.copyOf(Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList());
        }
    }

    @Test
    void keepsTheCalledOperationWithEverythingItReaches() {
        // SES's own endpoint rules name SendBulkEmail's request to read a parameter of it: not a call.
        // Its warm-up provider (a ServiceLoader provider for SnapStart priming) does call one.
        assertEquals(Set.of("SendEmail", "ListConfigurationSets"), result.called().get("sesv2"));
        for (String kept : List.of(MODEL + "SendEmailRequest.class", MODEL + "SendEmailRequest$BuilderImpl.class",
                MODEL + "SendEmailResponse.class", TRANSFORM + "SendEmailRequestMarshaller.class",
                MODEL + "Destination.class", MODEL + "EmailContent.class", MODEL + "Message.class")) {
            assertTrue(left.contains(kept), kept);
        }
    }

    @Test
    void dropsTheOtherOperationsButTheRequestClassesTheClientIsVerifiedWith() {
        assertTrue(left.contains(MODEL + "CreateContactRequest.class"), "loaded when the client class is verified");
        for (String dropped : List.of(MODEL + "CreateContactRequest$BuilderImpl.class", MODEL + "CreateContactResponse.class",
                TRANSFORM + "CreateContactRequestMarshaller.class", MODEL + "TopicPreference.class",
                "software/amazon/awssdk/services/sesv2/paginators/ListContactsIterable.class")) {
            assertFalse(left.contains(dropped), dropped);
            assertTrue(result.dropped().contains(dropped), dropped);
        }
        assertTrue(left.contains(MODEL + "MessageRejectedException.class"), "any call may answer with a modelled exception");
    }

    @Test
    void aCallWithoutArgumentsOrThroughAPaginatorCountsAsACall() throws IOException {
        Path sfn = functionJar("sfn-caller.jar", sdkJar("sfn"), ListsWithoutArguments.class);
        UnusedOperations.Result trimmed = UnusedOperations.trim(sfn);
        assertTrue(trimmed.called().get("sfn").containsAll(Set.of("ListActivities", "ListStateMachines")), trimmed.called().toString());
        Set<String> sfnLeft = entries(sfn);
        String transform = "software/amazon/awssdk/services/sfn/transform/";
        assertTrue(sfnLeft.contains(transform + "ListActivitiesRequestMarshaller.class"));
        assertTrue(sfnLeft.contains(transform + "ListStateMachinesRequestMarshaller.class"));
        assertFalse(sfnLeft.contains(transform + "StartExecutionRequestMarshaller.class"));
        String paginators = "software/amazon/awssdk/services/sfn/paginators/";
        assertTrue(sfnLeft.contains(paginators + "ListStateMachinesIterable.class"));
        assertFalse(sfnLeft.contains(paginators + "ListExecutionsIterable.class"));
    }

    @Test
    void aTrimmedJarIsLeftAsItIsByASecondTrimAndKeepsItsPermissions() throws IOException {
        Path again = Files.copy(jar, dir.resolve("again.jar"));
        UnusedOperations.Result second = UnusedOperations.trim(again);
        assertEquals(Set.of(), second.dropped());
        assertEquals(result.called(), second.called());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)));
    }

    @Test
    void theTrimmedClientSendsAMailAndReadsAnError() throws Exception {
        HttpServer ses = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> paths = new ArrayList<>();
        ses.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            boolean reject = paths.size() > 1;
            byte[] body = (reject ? "{\"message\":\"Email address is not verified.\"}" : "{\"MessageId\":\"m-1\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (reject) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "MessageRejected");
            }
            exchange.sendResponseHeaders(reject ? 400 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ses.start();
        try (URLClassLoader function = new URLClassLoader(functionClassPath(), ClassLoader.getPlatformClassLoader())) {
            Method send = function.loadClass(SendsOneEmail.class.getName()).getMethod("send", URI.class);
            URI endpoint = URI.create("http://127.0.0.1:" + ses.getAddress().getPort());
            assertEquals("m-1", send.invoke(null, endpoint));
            InvocationTargetException rejected = assertThrows(InvocationTargetException.class, () -> send.invoke(null, endpoint));
            assertEquals("MessageRejectedException", rejected.getCause().getClass().getSimpleName());
            assertEquals(List.of("/v2/email/outbound-emails", "/v2/email/outbound-emails"), paths);
        } finally {
            ses.stop(0);
        }
    }

    /** The trimmed jar in place of the SES jar and of this module's test classes; the rest of the SDK as it is. */
    private static URL[] functionClassPath() throws IOException {
        List<URL> urls = new ArrayList<>(List.of(jar.toUri().toURL()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!path.equals(sdkJar("sesv2")) && !Files.isDirectory(path)) {
                urls.add(path.toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static Path sdkJar(String artifact) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().startsWith(artifact + "-")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException(artifact + " is not on the test class path");
    }
}
