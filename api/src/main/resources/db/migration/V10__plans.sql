-- Plans (issue 4): the plans read model, owned by the "plans" projection. Each version of a plan with its whole
-- canvas, and each graph compiled from a version (data: the JSON the API answers). A version's seq is the plan
-- aggregate's sequence number at its last change: the largest is how far the read model has caught up with the plan.
create table rm_plan_version (
    gen integer not null,
    plan_id varchar(36) not null,
    plan_version integer not null,
    project_id varchar(36) not null,
    seq bigint not null,
    data ${text} not null,
    constraint pk_rm_plan_version primary key (plan_id, plan_version, gen)
);
create index ix_rm_plan_version_project on rm_plan_version (gen, project_id, plan_version);

create table rm_plan_graph (
    gen integer not null,
    graph_id varchar(36) not null,
    plan_id varchar(36) not null,
    data ${text} not null,
    constraint pk_rm_plan_graph primary key (graph_id, gen)
);
insert into projection_generation (name, serving_gen, writing_gen) values ('plans', 1, 1);
