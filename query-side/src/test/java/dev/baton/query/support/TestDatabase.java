package dev.baton.query.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/** A fresh in-memory H2 database with the read-model tables these tests write (as the migrations create them). */
public final class TestDatabase {

    public final JdbcTemplate jdbc;
    public final TransactionTemplate transactions;

    public TestDatabase() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("create table projection_generation (name varchar(100) not null primary key,"
                + " serving_gen integer not null, writing_gen integer not null,"
                + " held_in_memory boolean default false not null)");
        jdbc.execute("insert into projection_generation (name, serving_gen, writing_gen) values ('board', 1, 1)");
        jdbc.execute("create table rm_project (gen integer not null, project_id varchar(36) not null,"
                + " created_position bigint not null, position bigint not null, board_position bigint not null,"
                + " data character varying not null, primary key (gen, project_id))");
        jdbc.execute("create table rm_task (gen integer not null, task_id varchar(36) not null,"
                + " project_id varchar(36) not null, column_id varchar(40) not null, card_rank varchar(400) not null,"
                + " position bigint not null, position_ts timestamp(6) with time zone not null,"
                + " agent_profile_id varchar(36), card character varying, data character varying not null,"
                + " primary key (task_id, gen))");
    }
}
