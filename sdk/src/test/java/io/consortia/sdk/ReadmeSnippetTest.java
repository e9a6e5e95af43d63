package io.consortia.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java program of README.md's "Java SDK" section compiles against this SDK as it is written there. */
class ReadmeSnippetTest {

    @Test
    void the_readme_program_compiles_against_the_sdk(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\n## Java SDK\n");
        assertThat(section).as("README.md has a Java SDK section").isPositive();
        int start = readme.indexOf("```java\n", section);
        int end = readme.indexOf("\n```", start + 1);
        assertThat(start).as("a ```java block in the Java SDK section").isPositive();
        String program = readme.substring(start + "```java\n".length(), end + 1);
        assertThat(program).contains("public class Notarize");
        Path source = dir.resolve("Notarize.java");
        Files.writeString(source, program, StandardCharsets.UTF_8);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", dir.toString(), "-Xlint:none"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile()))
                .call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();
        assertThat(dir.resolve("Notarize.class")).exists();
    }
}
