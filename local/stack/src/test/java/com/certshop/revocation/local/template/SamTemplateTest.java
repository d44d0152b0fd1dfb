package com.certshop.revocation.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {
    @TempDir
    Path dir;

    @Test
    void aFunctionsMemoryIsItsOwnElseTheGlobalsElseLambdasDefault() throws IOException {
        String function = """
                  %s:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: F::handleRequest
                """;
        Path withGlobals = Files.writeString(dir.resolve("with-globals.yaml"), "Globals:\n  Function:\n    MemorySize: 1024\n"
                + "Resources:\n" + function.formatted("Own") + "      MemorySize: 512\n" + function.formatted("Inherits"));
        Path without = Files.writeString(dir.resolve("without.yaml"), "Resources:\n" + function.formatted("Unsized"));

        assertEquals(Map.of("Own", 512, "Inherits", 1024), memory(withGlobals));
        assertEquals(Map.of("Unsized", 128), memory(without));
    }

    private static Map<String, Integer> memory(Path template) {
        return SamTemplate.load(template).functions().stream()
                .collect(Collectors.toMap(SamTemplate.FunctionSpec::logicalId, SamTemplate.FunctionSpec::memoryMb));
    }
}
