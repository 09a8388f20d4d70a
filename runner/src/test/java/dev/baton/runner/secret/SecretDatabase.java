package dev.baton.runner.secret;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A fresh in-memory H2 database with the server's own {@code secret_key} migration applied. */
final class SecretDatabase {

    private static final Path MIGRATION = Path.of("../api/src/main/resources/db/migration/V13__secret_keys.sql");

    private SecretDatabase() {
    }

    static JdbcTemplate create() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:secrets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        try {
            // The placeholders as DatabaseVendor fills them in for H2.
            jdbc.execute(Files.readString(MIGRATION).replace("${binary}", "varbinary")
                    .replace("${text}", "character varying"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jdbc;
    }
}
