-- Isolation (issue 7): who owns each project, and which project every task, attempt, plan, graph, run and moxxy job
-- belongs to, so that one lookup answers whether a caller may see or change it. Written by the subscribing
-- "access-directory" processor with the events that create them, so a new resource is guarded the moment it exists.
create table acc_project (
    project_id varchar(36) not null,
    owner_kind varchar(10),
    owner_id varchar(36),
    constraint pk_acc_project primary key (project_id)
);
create index acc_project_owner on acc_project (owner_id);
create table acc_resource (
    resource_id varchar(36) not null,
    project_id varchar(36) not null,
    constraint pk_acc_resource primary key (resource_id)
);
-- What existed before: projects made while accounts were off have no owner (administrators see them).
insert into acc_project (project_id) select project_id from cmd_project;
insert into acc_resource (resource_id, project_id) select task_id, project_id from cmd_task;
insert into acc_resource (resource_id, project_id)
    select distinct a.attempt_id, t.project_id from rm_attempt a join cmd_task t on t.task_id = a.task_id;
insert into acc_resource (resource_id, project_id) select distinct plan_id, project_id from rm_plan_version;
insert into acc_resource (resource_id, project_id)
    select distinct g.graph_id, p.project_id from rm_plan_graph g
    join (select distinct plan_id, project_id from rm_plan_version) p on p.plan_id = g.plan_id;
insert into acc_resource (resource_id, project_id) select distinct run_id, project_id from rm_run;
insert into acc_resource (resource_id, project_id) select distinct job_id, project_id from rm_moxxy_job;
