package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where the server keeps its data for one phase (a fresh store per phase), and how the harness reaches it. */
abstract class Database {

    abstract String name();

    /** Makes an empty store for a phase (a new H2 folder, or a new PostgreSQL database). */
    abstract void prepare(String phase) throws Exception;

    /** The server's arguments for that store. */
    abstract List<String> serverArgs(String phase);

    /** A JDBC connection to the store (for H2 only while the server is stopped: the file is locked). */
    abstract Connection connect(String phase) throws SQLException;

    /** Facts worth recording next to the figures (version, durability settings). */
    abstract Map<String, Object> describe() throws SQLException;

    static final class H2 extends Database {
        private final Path work;

        H2(Path work) {
            this.work = work;
        }

        @Override
        String name() {
            return "h2";
        }

        private Path dir(String phase) {
            return work.resolve("h2-" + phase);
        }

        @Override
        void prepare(String phase) throws IOException {
            Path dir = dir(phase);
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
        }

        @Override
        List<String> serverArgs(String phase) {
            return List.of("--baton.data-dir=" + dir(phase));
        }

        @Override
        Connection connect(String phase) throws SQLException {
            return DriverManager.getConnection("jdbc:h2:file:" + dir(phase).resolve("db/baton"), "baton", "");
        }

        @Override
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("engine", "H2 " + org.h2.engine.Constants.VERSION + " embedded, file mode (server defaults)");
            m.put("data_dir", work.toString());
            return m;
        }
    }

    static final class Postgres extends Database {
        private final int port;

        Postgres(int port) {
            this.port = port;
        }

        @Override
        String name() {
            return "postgres";
        }

        private String database(String phase) {
            return "bench_" + phase;
        }

        private String url(String db) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
        }

        @Override
        void prepare(String phase) throws SQLException {
            try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database(phase) + " with (force)");
                s.execute("create database " + database(phase));
            }
        }

        @Override
        List<String> serverArgs(String phase) {
            return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url(database(phase)),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=");
        }

        @Override
        Connection connect(String phase) throws SQLException {
            return DriverManager.getConnection(url(database(phase)), "postgres", "");
        }

        @Override
        Map<String, Object> describe() throws SQLException {
            Map<String, Object> m = new LinkedHashMap<>();
            try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                 Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select version()")) {
                    rs.next();
                    m.put("version", rs.getString(1));
                }
                try (ResultSet rs = s.executeQuery("select name, setting, unit from pg_settings where name in"
                        + " ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers',"
                        + " 'work_mem', 'max_wal_size', 'checkpoint_timeout', 'effective_cache_size', 'max_connections',"
                        + " 'wal_level', 'commit_delay') order by name")) {
                    Map<String, String> settings = new LinkedHashMap<>();
                    while (rs.next()) {
                        settings.put(rs.getString(1), rs.getString(2) + (rs.getString(3) == null ? "" : " x " + rs.getString(3)));
                    }
                    m.put("settings", settings);
                }
            }
            m.put("port", port);
            return m;
        }
    }
}
