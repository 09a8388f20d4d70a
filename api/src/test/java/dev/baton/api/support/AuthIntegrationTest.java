package dev.baton.api.support;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * The real server with accounts on that most account tests share: a second server in the test JVM, with a data
 * folder and a database of its own, so that it is not a second node of {@link IntegrationTest}'s server.
 */
public abstract class AuthIntegrationTest extends AccountsServerTest {

    private static final Path DATA_DIR = createDataDir("baton-auth-test-");

    @DynamicPropertySource
    static void accounts(DynamicPropertyRegistry registry) {
        accountsProperties(registry, DATA_DIR, "baton_accounts");
    }
}
