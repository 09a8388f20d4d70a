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
 * the database actually connected (so PostgreSQL works with or without the {@code postgres} profile). Large values
 * are never LOBs: {@code bytea}/{@code text} on PostgreSQL, {@code varbinary}/{@code character varying} on H2 (whose
 * LOBs are copied on every read), with the matching Hibernate dialect for Axon's {@code @Lob} columns.
 */
@Configuration
class DatabaseVendor {

    @Bean
    FlywayConfigurationCustomizer vendorColumnTypes(DataSource dataSource) {
        boolean postgres = isPostgres(dataSource);
        return configuration -> configuration.placeholders(Map.of(
                "binary", postgres ? "bytea" : "varbinary",
                "text", postgres ? "text" : "character varying",
                "rank_collation", postgres ? "collate \"C\"" : "",
                "next_global_index", postgres ? "nextval('axon_global_index_seq')" : "next value for axon_global_index_seq"));
    }

    @Bean
    HibernatePropertiesCustomizer binaryPayloads(DataSource dataSource) {
        boolean postgres = isPostgres(dataSource);
        return properties -> properties.put("hibernate.dialect",
                (postgres ? ByteaPostgreSQLDialect.class : VarbinaryH2Dialect.class).getName());
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
