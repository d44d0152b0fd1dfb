package com.certshop.revocation.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {
    private static final String FUNCTION = """
              %s:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: f.jar
                  Handler: F::handleRequest
            """;

    @TempDir
    Path dir;

    @Test
    void aFunctionsMemoryIsItsOwnElseTheGlobalsElseLambdasDefault() throws IOException {
        assertEquals(Map.of("Own", 512, "Inherits", 1024), read(withGlobals("MemorySize", 1024, 512), SamTemplate.FunctionSpec::memoryMb));
        assertEquals(Map.of("Own", 512, "Bare", 128), read(withoutGlobals("MemorySize", 512), SamTemplate.FunctionSpec::memoryMb));
    }

    @Test
    void aFunctionsTimeoutIsItsOwnElseTheGlobalsElseLambdasDefault() throws IOException {
        assertEquals(Map.of("Own", 300, "Inherits", 20), read(withGlobals("Timeout", 20, 300), SamTemplate.FunctionSpec::timeoutSeconds));
        assertEquals(Map.of("Own", 300, "Bare", 3), read(withoutGlobals("Timeout", 300), SamTemplate.FunctionSpec::timeoutSeconds));
    }

    /** Globals set the property; function "Own" sets its own too, "Inherits" does not. */
    private Path withGlobals(String property, int global, int own) throws IOException {
        return Files.writeString(dir.resolve(property + "-with-globals.yaml"), "Globals:\n  Function:\n    " + property + ": "
                + global + "\nResources:\n" + FUNCTION.formatted("Own") + "      " + property + ": " + own + "\n"
                + FUNCTION.formatted("Inherits"));
    }

    /** No Globals; function "Own" sets the property, "Bare" does not. */
    private Path withoutGlobals(String property, int own) throws IOException {
        return Files.writeString(dir.resolve(property + "-without-globals.yaml"), "Resources:\n" + FUNCTION.formatted("Own")
                + "      " + property + ": " + own + "\n" + FUNCTION.formatted("Bare"));
    }

    private static Map<String, Integer> read(Path template, ToIntFunction<SamTemplate.FunctionSpec> property) {
        return SamTemplate.load(template).functions().stream()
                .collect(Collectors.toMap(SamTemplate.FunctionSpec::logicalId, property::applyAsInt));
    }
}
