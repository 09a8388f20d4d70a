-- Read models. Every row carries the generation that wrote it (blue/green replay, see ProjectionGenerations).
create table projection_generation (
    name varchar(100) not null primary key,
    serving_gen integer not null,
    writing_gen integer not null
);
insert into projection_generation (name, serving_gen, writing_gen) values ('board', 1, 1);
insert into projection_generation (name, serving_gen, writing_gen) values ('agent-profiles', 1, 1);
insert into projection_generation (name, serving_gen, writing_gen) values ('timeline', 1, 1);

create table rm_project (
    gen integer not null,
    project_id varchar(36) not null,
    created_position bigint not null,
    position bigint not null,
    data ${text} not null,
    primary key (gen, project_id)
);
create index ix_rm_project_created on rm_project (gen, created_position);

create table rm_task (
    gen integer not null,
    task_id varchar(36) not null,
    project_id varchar(36) not null,
    column_id varchar(40) not null,
    card_rank varchar(400) ${rank_collation} not null,
    position bigint not null,
    data ${text} not null,
    primary key (gen, task_id)
);
create index ix_rm_task_project on rm_task (gen, project_id, card_rank);

create table rm_task_dependency (
    gen integer not null,
    task_id varchar(36) not null,
    depends_on varchar(36) not null,
    primary key (gen, task_id, depends_on)
);
create index ix_rm_task_dependency_reverse on rm_task_dependency (gen, depends_on);

-- History for time travel: each row is a state valid from one store position (and time) until the next.
create table rm_project_history (
    gen integer not null,
    subject_id varchar(36) not null,
    project_id varchar(36) not null,
    valid_from bigint not null,
    valid_from_ts timestamp(6) with time zone not null,
    valid_to bigint,
    valid_to_ts timestamp(6) with time zone,
    data ${text},
    primary key (gen, subject_id, valid_from)
);
create index ix_rm_project_history_project on rm_project_history (gen, project_id, valid_from);

create table rm_task_history (
    gen integer not null,
    subject_id varchar(36) not null,
    project_id varchar(36) not null,
    valid_from bigint not null,
    valid_from_ts timestamp(6) with time zone not null,
    valid_to bigint,
    valid_to_ts timestamp(6) with time zone,
    data ${text},
    primary key (gen, subject_id, valid_from)
);
create index ix_rm_task_history_project on rm_task_history (gen, project_id, valid_from);
create index ix_rm_task_history_open on rm_task_history (gen, subject_id, valid_to);

create table rm_agent_profile (
    gen integer not null,
    agent_profile_id varchar(36) not null,
    created_position bigint not null,
    name varchar(200) not null,
    data ${text} not null,
    primary key (gen, agent_profile_id)
);
create index ix_rm_agent_profile_created on rm_agent_profile (gen, created_position);

create table rm_timeline (
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
    primary key (gen, position)
);
create index ix_rm_timeline_project on rm_timeline (gen, project_id, position);
create index ix_rm_timeline_aggregate on rm_timeline (gen, aggregate_id, position);
create index ix_rm_timeline_type on rm_timeline (gen, event_type, position);
create index ix_rm_timeline_event on rm_timeline (gen, event_id);
create index ix_rm_timeline_time on rm_timeline (gen, event_time);
