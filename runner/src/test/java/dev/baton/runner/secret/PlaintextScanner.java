package dev.baton.runner.secret;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Looks for a secret everywhere it must not be: every column of every table of a database (binary columns read as
 * UTF-8), and any text such as captured log output. Besides the plaintext it looks for its hex and its base64 in
 * either alphabet at each of the three alignments, so a secret inside a larger base64 or JSON blob is found too.
 */
public final class PlaintextScanner {

    private static final Set<Integer> BINARY = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

    private final JdbcTemplate jdbc;

    public PlaintextScanner(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the secret is found: {@code table.column} of each hit, empty when nowhere. */
    public List<String> findInTables(String secret) {
        List<String> forms = forms(secret);
        List<String> hits = new ArrayList<>();
        for (String table : tables()) {
            jdbc.query("select * from \"" + table + "\"", (RowCallbackHandler) rs -> {
                ResultSetMetaData columns = rs.getMetaData();
                for (int c = 1; c <= columns.getColumnCount(); c++) {
                    String value = BINARY.contains(columns.getColumnType(c)) ? utf8(rs.getBytes(c)) : rs.getString(c);
                    if (containsAny(value, forms)) {
                        hits.add(table + "." + columns.getColumnName(c));
                    }
                }
            });
        }
        return hits;
    }

    /** Whether the text holds the secret in any of its forms. */
    public static boolean contains(String text, String secret) {
        return containsAny(text, forms(secret));
    }

    /** The plaintext, its hex, and the parts of its base64 (both alphabets) that do not depend on what surrounds it. */
    static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 12) {
            throw new IllegalArgumentException("a secret to look for needs at least 12 bytes, or it matches by chance");
        }
        List<String> forms = new ArrayList<>(List.of(secret, HexFormat.of().formatHex(bytes)));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            // Skip the group holding the leading filler, stop before the group the next bytes would complete.
            String stable = encoded.substring(shift == 0 ? 0 : 4, 4 * (shifted.length / 3));
            forms.add(stable);
            forms.add(stable.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }

    private List<String> tables() {
        return jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[]{"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME"));
                }
            }
            return names;
        });
    }

    private static boolean containsAny(String value, List<String> forms) {
        return value != null && forms.stream().anyMatch(value::contains);
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
