-- Orchestration runs (issue 4): the runs read model, owned by the "runs" projection. Each run (data: the JSON the
-- API answers), its tasks in graph order with the status the diagram shows, the run each of its attempts belongs to,
-- and the items of its event stream, keyed by the position of the event each comes from (their SSE id).
create table rm_run (
    gen integer not null,
    run_id varchar(36) not null,
    project_id varchar(36) not null,
    started_position bigint not null,
    data ${text} not null,
    constraint pk_rm_run primary key (run_id, gen)
);
create index ix_rm_run_project on rm_run (gen, project_id, started_position);

create table rm_run_node (
    gen integer not null,
    run_id varchar(36) not null,
    task_id varchar(36) not null,
    ord integer not null,
    status varchar(20) not null,
    data ${text} not null,
    constraint pk_rm_run_node primary key (run_id, task_id, gen)
);
create index ix_rm_run_node_task on rm_run_node (gen, task_id);

create table rm_run_attempt (
    gen integer not null,
    attempt_id varchar(36) not null,
    run_id varchar(36) not null,
    task_id varchar(36) not null,
    constraint pk_rm_run_attempt primary key (attempt_id, gen)
);

create table rm_run_event (
    gen integer not null,
    run_id varchar(36) not null,
    position bigint not null,
    data ${text} not null,
    constraint pk_rm_run_event primary key (run_id, position, gen)
);
insert into projection_generation (name, serving_gen, writing_gen) values ('runs', 1, 1);
