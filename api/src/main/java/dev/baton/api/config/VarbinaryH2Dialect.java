package dev.baton.api.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.VarbinaryJdbcType;

/**
 * Maps Axon's {@code @Lob byte[]} columns (event payloads, snapshots, tokens, sagas) to {@code varbinary} on H2.
 * H2 copies every {@code BLOB} value it reads into a temporary LOB, which made loading an aggregate's events
 * several times slower (docs/performance.md).
 */
public class VarbinaryH2Dialect extends H2Dialect {

    @Override
    protected String columnType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "varbinary" : super.columnType(sqlTypeCode);
    }

    @Override
    protected String castType(int sqlTypeCode) {
        return sqlTypeCode == SqlTypes.BLOB ? "varbinary" : super.castType(sqlTypeCode);
    }

    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        ByteaPostgreSQLDialect.blobsAs(typeContributions, VarbinaryJdbcType.INSTANCE);
    }
}
