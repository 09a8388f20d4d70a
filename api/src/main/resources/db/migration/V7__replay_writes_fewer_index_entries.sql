-- Fewer index entries written per replayed event (docs/performance.md, scenario 5).
--
-- 1. The timeline is keyed by one bigint, entry_key = gen * 2^40 + position. H2 stores a table's rows under its
--    primary key only when that key is a single integer column; any other key is a second, unique index beside the
--    rows, which every insert searches and updates and every commit rewrites. The timeline is the read model with
--    the most rows (one per event), and that index was a fifth of a replay's timeline work. The secondary indexes
--    end with entry_key too: within a generation entry_key orders like position, so a page of a project's or a
--    type's entries is one range of its index, already in order.
-- 2. The task history's key becomes a plain index on the same columns. A history row is written once, by the
--    projection only, and its columns already identify it; checking that on every insert was a tenth of a
--    replay's board work on H2 (the unique check walks the index's uncommitted entries).
create table rm_timeline_v7 (
    entry_key bigint not null,
    gen integer not null,
    position bigint not null,
    event_id varchar(255) not null,
    event_type varchar(255) not null,
    aggregate_type varchar(255),
    aggregate_id varchar(255),
    sequence_number bigint not null,
    event_time timestamp(6) with time zone not null,
    project_id varchar(36),
    acting_user varchar(255),
    payload ${text} not null,
    metadata ${text} not null,
    constraint pk_rm_timeline primary key (entry_key)
);
insert into rm_timeline_v7 (entry_key, gen, position, event_id, event_type, aggregate_type, aggregate_id,
                            sequence_number, event_time, project_id, acting_user, payload, metadata)
select gen * 1099511627776 + position, gen, position, event_id, event_type, aggregate_type, aggregate_id,
       sequence_number, event_time, project_id, acting_user, payload, metadata
from rm_timeline;
drop table rm_timeline;
alter table rm_timeline_v7 rename to rm_timeline;
create index ix_rm_timeline_project on rm_timeline (project_id, entry_key);
create index ix_rm_timeline_type on rm_timeline (event_type, entry_key);
create index ix_rm_timeline_time on rm_timeline (gen, event_time);

alter table rm_task_history drop constraint pk_rm_task_history;
create index ix_rm_task_history_board on rm_task_history (gen, project_id, valid_from, valid_to, subject_id);
