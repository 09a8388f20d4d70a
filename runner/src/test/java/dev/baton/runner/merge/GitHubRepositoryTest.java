package dev.baton.runner.merge;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GitHubRepositoryTest {

    @Test
    void theLastTwoSegmentsOfAnyRemoteAddressNameTheRepository() {
        for (String url : List.of("https://github.com/o/r.git", "https://github.com/o/r", "https://github.com/o/r/",
                "https://x-access-token:tok@github.com/o/r.git", "git@github.com:o/r.git", "ssh://git@github.com/o/r",
                "ssh://git@github.com:22/o/r.git", "/tmp/test/o/r.git", "file:///tmp/test/o/r.git")) {
            assertThat(GitHubRepository.fromRemote(url)).as(url).contains(new GitHubRepository("o", "r"));
        }
        assertThat(GitHubRepository.fromRemote("https://github.com/my-org/my.repo_2.git"))
                .contains(new GitHubRepository("my-org", "my.repo_2"));
    }

    @Test
    void anAddressWithoutTwoSuchSegmentsNamesNone() {
        for (String url : List.of("r.git", "", "/", "https://github.com/o/r%20x", "../..")) {
            assertThat(GitHubRepository.fromRemote(url)).as(url).isEqualTo(Optional.empty());
        }
    }
}
