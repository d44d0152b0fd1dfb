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
    @TempDir
    Path dir;

    @Test
    void aFunctionsMemoryIsItsOwnElseTheGlobalsElseLambdasDefault() throws IOException {
        assertEquals(Map.of("Own", 512, "Inherits", 1024), numbers("MemorySize", 1024, 512, SamTemplate.FunctionSpec::memoryMb));
        assertEquals(Map.of("Bare", 128), numbers("MemorySize", null, null, SamTemplate.FunctionSpec::memoryMb));
    }

    @Test
    void aFunctionsTimeoutIsItsOwnElseTheGlobalsElseLambdasDefault() throws IOException {
        assertEquals(Map.of("Own", 300, "Inherits", 20), numbers("Timeout", 20, 300, SamTemplate.FunctionSpec::timeoutSeconds));
        assertEquals(Map.of("Bare", 3), numbers("Timeout", null, null, SamTemplate.FunctionSpec::timeoutSeconds));
    }

    /**
     * The property as the functions of a template read it: with a global value, one function
     * setting its own ("Own") and one inheriting ("Inherits"); without, one function ("Bare").
     */
    private Map<String, Integer> numbers(String property, Integer global, Integer own,
            ToIntFunction<SamTemplate.FunctionSpec> read) throws IOException {
        String function = """
                  %s:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: F::handleRequest
                """;
        String yaml = global == null
                ? "Resources:\n" + function.formatted("Bare")
                : "Globals:\n  Function:\n    " + property + ": " + global + "\nResources:\n" + function.formatted("Own")
                        + "      " + property + ": " + own + "\n" + function.formatted("Inherits");
        Path template = Files.writeString(dir.resolve(property + (global == null ? "-bare" : "") + ".yaml"), yaml);
        return SamTemplate.load(template).functions().stream()
                .collect(Collectors.toMap(SamTemplate.FunctionSpec::logicalId, read::applyAsInt));
    }
}
