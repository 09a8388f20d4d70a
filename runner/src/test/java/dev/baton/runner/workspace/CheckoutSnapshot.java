package dev.baton.runner.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a user sees of their checkout: HEAD (its current branch), the commit it is on, the index byte for byte, and
 * every working file with its content. Two snapshots are equal if nothing of it changed.
 */
public record CheckoutSnapshot(String head, String headCommit, String index, Map<String, String> files) {

    public static CheckoutSnapshot of(Path checkout) {
        Path git = checkout.resolve(".git");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(checkout)) {
            all.filter(Files::isRegularFile).filter(file -> !file.startsWith(git))
                    .forEach(file -> files.put(checkout.relativize(file).toString(), digest(file)));
            return new CheckoutSnapshot(Files.readString(git.resolve("HEAD")), TestRepos.head(checkout, "HEAD"),
                    digest(git.resolve("index")), files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
