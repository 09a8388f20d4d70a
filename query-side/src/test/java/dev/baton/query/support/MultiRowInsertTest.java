package dev.baton.query.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class MultiRowInsertTest {

    private final TestDatabase db = new TestDatabase();

    @Test
    void insertsEveryRowInFullAndPartialStatements() {
        db.jdbc.execute("create table t (n integer not null primary key, s varchar(10))");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            rows.add(new Object[]{i, i % 7 == 0 ? null : "v" + i});
        }

        MultiRowInsert.insert(db.jdbc, "t", "n, s", rows);

        assertThat(db.jdbc.queryForObject("select count(*) from t", Integer.class)).isEqualTo(250);
        assertThat(db.jdbc.queryForObject("select s from t where n = 249", String.class)).isEqualTo("v249");
        assertThat(db.jdbc.queryForObject("select count(*) from t where s is null", Integer.class)).isEqualTo(36);
    }

    @Test
    void noRowsIsNoStatement() {
        assertThatCode(() -> MultiRowInsert.insert(db.jdbc, "no_such_table", "n", List.of())).doesNotThrowAnyException();
    }
}
