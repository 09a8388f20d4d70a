package dev.baton.runner.moxxy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * How to start one of Baton's own classes' {@code main} as a child process, with the {@code java} and the class path
 * of this JVM. The class path goes in {@code CLASSPATH}, not in argv, so the command in the attempt log stays short.
 * When the server runs as a Spring Boot executable jar (one jar on the class path whose manifest starts a Boot
 * launcher), plain {@code java <main>} cannot load the nested classes: Boot's {@code PropertiesLauncher} starts
 * the class instead ({@code -Dloader.main}). The child JVM is kept small.
 */
public final class JavaLauncher {

    static final String BOOT_LAUNCHERS = "org.springframework.boot.loader.launch.";
    static final String PROPERTIES_LAUNCHER = BOOT_LAUNCHERS + "PropertiesLauncher";
    static final List<String> LIGHT_JVM = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** A command: its argv, and the variables (the class path) to add to its environment. */
    public record Command(List<String> argv, Map<String, String> environment) {
    }

    private JavaLauncher() {
    }

    /** The command that runs {@code mainClass} with this JVM's {@code java} and class path. */
    public static Command of(String mainClass) {
        return of(javaExecutable(), System.getProperty("java.class.path"), mainClass);
    }

    static Command of(String java, String classPath, String mainClass) {
        List<String> argv = new ArrayList<>(List.of(java));
        argv.addAll(LIGHT_JVM);
        if (isBootJar(classPath)) {
            argv.add("-Dloader.main=" + mainClass);
            argv.add(PROPERTIES_LAUNCHER);
        } else {
            argv.add(mainClass);
        }
        return new Command(argv, Map.of("CLASSPATH", classPath));
    }

    /** The {@code java} of this JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Whether the class path is a single jar that one of Spring Boot's launchers starts. */
    static boolean isBootJar(String classPath) {
        if (classPath == null || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        Path jar = Path.of(classPath);
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            return main != null && main.startsWith(BOOT_LAUNCHERS);
        } catch (IOException e) {
            return false;
        }
    }
}
