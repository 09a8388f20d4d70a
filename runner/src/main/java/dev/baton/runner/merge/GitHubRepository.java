package dev.baton.runner.merge;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A repository on GitHub, {@code owner/name}. */
public record GitHubRepository(String owner, String name) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * The repository a remote URL or path names by its last two segments: {@code https://github.com/o/r.git},
     * {@code git@github.com:o/r.git}, {@code ssh://git@github.com/o/r} and {@code /any/folder/o/r.git} are all
     * {@code o/r}. Empty when it has no two such segments.
     */
    public static Optional<GitHubRepository> fromRemote(String url) {
        String path = url.strip().replaceAll("/+$", "").replaceAll("\\.git$", "");
        List<String> segments = List.of(path.split("[/:]"));
        if (segments.size() < 2) {
            return Optional.empty();
        }
        String owner = segments.get(segments.size() - 2);
        String name = segments.get(segments.size() - 1);
        return valid(owner) && valid(name) ? Optional.of(new GitHubRepository(owner, name)) : Optional.empty();
    }

    private static boolean valid(String segment) {
        return SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
