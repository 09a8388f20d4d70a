package dev.baton.api.config;

import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Map;

/**
 * One schema for both databases: the migrations use placeholders for the few types that differ, filled in from
 * the database actually connected (so PostgreSQL works with or without the {@code postgres} profile), and on
 * PostgreSQL Hibernate uses {@link ByteaPostgreSQLDialect} to match the {@code bytea} columns.
 */
@Configuration
class DatabaseVendor {

    @Bean
    FlywayConfigurationCustomizer vendorColumnTypes(DataSource dataSource) {
        boolean postgres = isPostgres(dataSource);
        return configuration -> configuration.placeholders(Map.of(
                "binary", postgres ? "bytea" : "blob",
                "text", postgres ? "text" : "clob",
                "rank_collation", postgres ? "collate \"C\"" : ""));
    }

    @Bean
    HibernatePropertiesCustomizer byteaOnPostgres(DataSource dataSource) {
        boolean postgres = isPostgres(dataSource);
        return properties -> {
            if (postgres) {
                properties.put("hibernate.dialect", ByteaPostgreSQLDialect.class.getName());
            }
        };
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return product.toLowerCase(Locale.ROOT).contains("postgres");
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database " + dataSource + " is", e);
        }
    }
}
