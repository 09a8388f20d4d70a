package dev.baton.runner.moxxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

class JavaLauncherTest {

    private static final String MAIN = "dev.baton.runner.moxxy.MoxxyDelegate";

    @TempDir
    Path dir;

    @Test
    void aPlainClassPathRunsTheMainClassItself() {
        String classPath = "/app/classes:/app/lib/jackson.jar";

        JavaLauncher.Command command = JavaLauncher.of("/jdk/bin/java", classPath, MAIN);

        assertThat(command.argv()).containsExactly("/jdk/bin/java", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", MAIN);
        assertThat(command.environment()).containsExactlyEntriesOf(java.util.Map.of("CLASSPATH", classPath));
    }

    @Test
    void aSpringBootJarRunsItThroughThePropertiesLauncher() throws IOException {
        Path boot = jar("baton.jar", "org.springframework.boot.loader.launch.JarLauncher");

        JavaLauncher.Command command = JavaLauncher.of("/jdk/bin/java", boot.toString(), MAIN);

        assertThat(command.argv()).containsExactly("/jdk/bin/java", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dloader.main=" + MAIN, "org.springframework.boot.loader.launch.PropertiesLauncher");
        assertThat(command.environment()).containsEntry("CLASSPATH", boot.toString());
    }

    @Test
    void onlyASingleJarThatABootLauncherStartsCountsAsABootJar() throws IOException {
        Path plain = jar("tool.jar", "com.example.Tool");
        Path boot = jar("app.jar", "org.springframework.boot.loader.launch.JarLauncher");
        Path noManifest = Files.write(dir.resolve("broken.jar"), new byte[]{1, 2, 3});

        assertThat(JavaLauncher.isBootJar(plain.toString())).isFalse();
        assertThat(JavaLauncher.isBootJar(noManifest.toString())).isFalse();
        assertThat(JavaLauncher.isBootJar(boot + ":" + plain)).isFalse();
        assertThat(JavaLauncher.isBootJar(dir.resolve("missing.jar").toString())).isFalse();
        assertThat(JavaLauncher.isBootJar(boot.toString())).isTrue();
    }

    @Test
    void thisJvmsCommandRunsOurJavaWithOurClassPath() {
        JavaLauncher.Command command = JavaLauncher.of(MAIN);

        assertThat(command.argv().get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(Path.of(command.argv().get(0))).isExecutable();
        assertThat(command.argv()).endsWith(MAIN);
        assertThat(command.environment().get("CLASSPATH")).isEqualTo(System.getProperty("java.class.path"));
    }

    private Path jar(String name, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(file,
                manifest)) {
            return jar;
        }
    }
}
