-- Attempts (issue 3).
--
-- 1. The command side's task lookup keeps each task's agent profile: an attempt started without one runs the
--    task's agent. Existing rows take it from the served board read model.
-- 2. The attempts read model, owned by the "attempts" projection: an attempt's state as the API answers it (data),
--    listed per task in creation order.
alter table cmd_task add column agent_profile_id varchar(36);
update cmd_task set agent_profile_id = (select t.agent_profile_id from rm_task t where t.task_id = cmd_task.task_id
    and t.gen = (select g.serving_gen from projection_generation g where g.name = 'board'));

create table rm_attempt (
    gen integer not null,
    attempt_id varchar(36) not null,
    task_id varchar(36) not null,
    created_position bigint not null,
    data ${text} not null,
    constraint pk_rm_attempt primary key (attempt_id, gen)
);
create index ix_rm_attempt_task on rm_attempt (gen, task_id, created_position);
insert into projection_generation (name, serving_gen, writing_gen) values ('attempts', 1, 1);
