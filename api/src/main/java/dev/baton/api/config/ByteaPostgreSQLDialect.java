package dev.baton.api.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;
import org.hibernate.type.descriptor.jdbc.JdbcType;

import java.sql.Types;

/**
 * Maps Axon's {@code @Lob byte[]} columns (event payloads, snapshots, tokens, sagas) to {@code bytea}. The
 * default mapping uses PostgreSQL large objects, which are slower and leak orphans on every token update.
 */
public class ByteaPostgreSQLDialect extends PostgreSQLDialect {

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        blobsAs(typeContributions, BinaryJdbcType.INSTANCE);
    }

    /**
     * Reads and writes {@code @Lob byte[]} as plain bytes ({@code getBytes}/{@code setBytes}), not as a LOB, with the
     * JDBC type the database reports for the column (schema validation compares them).
     */
    static void blobsAs(TypeContributions typeContributions, JdbcType binaryType) {
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry().addDescriptor(Types.BLOB, binaryType);
    }
}
