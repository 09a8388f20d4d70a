-- Faster board projection and board reads (docs/performance.md, scenarios 4 and 5).
--
-- 1. A task's open version is its live row only: rm_task_history keeps the closed versions (and the tombstones of
--    removals), each written once, when the next change closes it. Writing the open version to the history as
--    well meant updating its valid_to later, a second write per change. rm_task now records when its version
--    began (position_ts), which time travel needs.
-- 2. rm_task keeps the card's JSON as the board answers it (without the agent's name, which is joined at read
--    time), so a board read streams it out without parsing the task's state. Rows written before this
--    migration have none (card null) until their next change; reads build it from data meanwhile.
-- 3. rm_project keeps the position of the latest change of the project's board (the project or any of its
--    tasks, removals included): the live board's position, read without scanning the task history.
-- 4. Keys lead with the column the projection looks rows up by in lists (task_id in (...)): H2 uses an in-list
--    for an index lookup only on an index's first column, and otherwise tests every row of the generation.
-- 5. Indexes nothing reads are dropped: the history's open-version index and the timeline's index by event id. The
--    timeline's index by aggregate goes too: the event store's own index finds an aggregate's events (timeline
--    positions are global indexes), and inserting into an index at thousands of places at once (one per aggregate)
--    made a replay several times slower on H2.
-- Tables whose primary key changes are created anew: a primary key cannot be dropped portably.

alter table rm_project add column board_position bigint;
update rm_project p set board_position = greatest(p.position,
    coalesce((select max(t.position) from rm_task t where t.gen = p.gen and t.project_id = p.project_id), 0),
    coalesce((select max(h.valid_from) from rm_task_history h
        where h.gen = p.gen and h.project_id = p.project_id and h.data is null), 0));
alter table rm_project alter column board_position set not null;

create table rm_task_v5 (
    gen integer not null,
    task_id varchar(36) not null,
    project_id varchar(36) not null,
    column_id varchar(40) not null,
    card_rank varchar(400) ${rank_collation} not null,
    position bigint not null,
    position_ts timestamp(6) with time zone not null,
    agent_profile_id varchar(36),
    card ${text},
    data ${text} not null,
    constraint pk_rm_task primary key (task_id, gen)
);
insert into rm_task_v5 (gen, task_id, project_id, column_id, card_rank, position, position_ts, data)
    select t.gen, t.task_id, t.project_id, t.column_id, t.card_rank, t.position,
        (select h.valid_from_ts from rm_task_history h
            where h.gen = t.gen and h.subject_id = t.task_id and h.valid_from = t.position), t.data
    from rm_task t;
drop table rm_task;
alter table rm_task_v5 rename to rm_task;
create index ix_rm_task_project on rm_task (gen, project_id, card_rank);

create table rm_task_history_v5 (
    gen integer not null,
    subject_id varchar(36) not null,
    project_id varchar(36) not null,
    valid_from bigint not null,
    valid_from_ts timestamp(6) with time zone not null,
    valid_to bigint not null,
    valid_to_ts timestamp(6) with time zone not null,
    data ${text},
    constraint pk_rm_task_history primary key (gen, project_id, valid_from, subject_id)
);
insert into rm_task_history_v5 (gen, subject_id, project_id, valid_from, valid_from_ts, valid_to, valid_to_ts, data)
    select gen, subject_id, project_id, valid_from, valid_from_ts, valid_to, valid_to_ts, data
    from rm_task_history where valid_to is not null;
drop table rm_task_history;
alter table rm_task_history_v5 rename to rm_task_history;

create table rm_task_dependency_v5 (
    gen integer not null,
    task_id varchar(36) not null,
    depends_on varchar(36) not null,
    constraint pk_rm_task_dependency primary key (depends_on, gen, task_id)
);
insert into rm_task_dependency_v5 (gen, task_id, depends_on) select gen, task_id, depends_on from rm_task_dependency;
drop table rm_task_dependency;
alter table rm_task_dependency_v5 rename to rm_task_dependency;
create index ix_rm_task_dependency_task on rm_task_dependency (task_id, gen);

drop index ix_rm_timeline_event;
drop index ix_rm_timeline_aggregate;

-- A board replay keeps the live task rows of the generation it writes in memory until that generation is served;
-- this says so, for a server that restarts during the replay (the memory is lost: the replay starts over).
alter table projection_generation add column held_in_memory boolean default false not null;
