package dev.baton.runner.workspace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void hidesTheUserInfoOfEveryUrlInAText() {
        assertThat(Redaction.redact("fatal: unable to access 'https://x-access-token:tok123@github.com/o/r.git/': 403"
                + " and http://user@host:8080/p"))
                .isEqualTo("fatal: unable to access 'https://***@github.com/o/r.git/': 403 and http://***@host:8080/p");
    }

    @Test
    void hidesAPasswordThatContainsAnUnescapedAt() {
        assertThat(Redaction.redact("https://me:p@ss@host/repo")).isEqualTo("https://***@host/repo");
    }

    @Test
    void leavesUrlsWithoutUserInfoAndScpStyleAddressesAsTheyAre() {
        String text = "https://github.com/o/r.git, file:///tmp/x.git, git@github.com:o/r.git, mail me@example.com";
        assertThat(Redaction.redact(text)).isEqualTo(text);
        assertThat(Redaction.redact(null)).isNull();
    }
}
