package dev.baton.runner.moxxy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

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
        assertThat(command.environment()).containsExactlyEntriesOf(Map.of("CLASSPATH", classPath));
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

    @Test
    void aJarShapedLikeThePackagedServerStartsTheDelegateThroughBootsLauncher() throws Exception {
        Path boot = bootJar();
        String java = JavaLauncher.javaExecutable();

        Process launched = start(JavaLauncher.of(java, boot.toString(), MAIN));
        Process plain = start(new JavaLauncher.Command(List.of(java, MAIN), Map.of("CLASSPATH", boot.toString())));

        assertThat(output(launched)).isEqualTo("{\"type\":\"error\",\"reason\":\"config\",\"message\":\"the moxxy"
                + " delegate cannot start: BATON_MOXXY_URL is not set\"}\n");
        assertThat(launched.exitValue()).isEqualTo(1);
        assertThat(output(plain)).as("plain java cannot load a nested class").contains("ClassNotFoundException");
    }

    private static Process start(JavaLauncher.Command command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("BATON_"));
        builder.environment().putAll(command.environment());
        return builder.start();
    }

    private static String output(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    /**
     * A Spring Boot executable jar as the api module's repackage makes it: Boot's launcher classes at the root, our
     * classes under BOOT-INF/classes, the libraries the delegate needs as stored jars under BOOT-INF/lib.
     */
    private Path bootJar() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        manifest.getMainAttributes().putValue("Start-Class", "dev.baton.BatonApplication");
        Path boot = dir.resolve("baton.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(boot), manifest)) {
            try (JarInputStream loader = new JarInputStream(JavaLauncherTest.class.getResourceAsStream(
                    "/META-INF/loader/spring-boot-loader.jar"))) {
                for (JarEntry entry = loader.getNextJarEntry(); entry != null; entry = loader.getNextJarEntry()) {
                    jar.putNextEntry(new JarEntry(entry.getName()));
                    loader.transferTo(jar);
                    jar.closeEntry();
                }
            }
            jar.putNextEntry(new JarEntry("BOOT-INF/"));
            jar.putNextEntry(new JarEntry("BOOT-INF/lib/"));
            Path classes = location(MoxxyDelegate.class);
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.sorted().toList()) {
                    String name = "BOOT-INF/classes/" + classes.relativize(file).toString().replace('\\', '/');
                    if (Files.isDirectory(file)) {
                        jar.putNextEntry(new JarEntry(name.endsWith("/") ? name : name + "/"));
                    } else {
                        jar.putNextEntry(new JarEntry(name));
                        Files.copy(file, jar);
                    }
                    jar.closeEntry();
                }
            }
            for (Class<?> library : List.of(ObjectMapper.class, JsonFactory.class, JsonAutoDetect.class)) {
                Path lib = location(library);
                byte[] bytes = Files.readAllBytes(lib);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                JarEntry entry = new JarEntry("BOOT-INF/lib/" + lib.getFileName());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
                jar.putNextEntry(entry);
                jar.write(bytes);
                jar.closeEntry();
            }
        }
        return boot;
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
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
