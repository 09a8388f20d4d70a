package dev.baton.query.moxxy;

import dev.baton.core.common.SealedSecret;
import dev.baton.query.support.ProjectionGenerations;
import dev.baton.query.support.ReadModelJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Storage of the moxxy connections read model, owned by the moxxy projection. The sealed token is kept in columns of
 * its own, out of the JSON the API answers, for the calls Baton makes to the instance.
 */
@Component
public class MoxxyConnectionReadModel {

    public static final String PROJECTION = "moxxy";
    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    public MoxxyConnectionReadModel(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /** Stores a connection, replacing the owner's earlier one. */
    public void put(int gen, MoxxyConnectionView connection, SealedSecret token) {
        remove(gen, connection.connectionId());
        jdbc.update("insert into rm_moxxy_connection (gen, connection_id, owner, token_key_id, token_ciphertext, data)"
                        + " values (?, ?, ?, ?, ?, ?)", gen, connection.connectionId(), connection.owner(),
                token == null ? null : token.keyId(), token == null ? null : token.ciphertext(),
                ReadModelJson.write(connection));
    }

    public void update(int gen, MoxxyConnectionView connection) {
        jdbc.update("update rm_moxxy_connection set data = ? where connection_id = ? and gen = ?",
                ReadModelJson.write(connection), connection.connectionId(), gen);
    }

    public void remove(int gen, String connectionId) {
        jdbc.update("delete from rm_moxxy_connection where connection_id = ? and gen = ?", connectionId, gen);
    }

    public Optional<MoxxyConnectionView> connection(int gen, String connectionId) {
        return jdbc.query("select data from rm_moxxy_connection where connection_id = ? and gen = ?",
                        (rs, i) -> ReadModelJson.read(rs.getString(1), MoxxyConnectionView.class), connectionId, gen)
                .stream().findFirst();
    }

    public Optional<MoxxyConnectionView> connection(String connectionId) {
        return connection(serving(), connectionId);
    }

    /** The sealed token of a connection, for a call to its instance; empty without a connection or a token. */
    public Optional<SealedSecret> token(String connectionId) {
        return jdbc.query("select token_key_id, token_ciphertext from rm_moxxy_connection where connection_id = ?"
                                + " and gen = ? and token_key_id is not null",
                        (rs, i) -> new SealedSecret(rs.getString(1), rs.getString(2)), connectionId, serving())
                .stream().findFirst();
    }

    private int serving() {
        return generations.serving(PROJECTION);
    }
}
