-- Task controls (issue 4): pause, resume, stop and steer.
--
-- 1. The command side's task lookup knows whether a task is paused: no attempt of a paused task starts.
alter table cmd_task add column paused boolean default false not null;
-- 2. The runner: runner_paused_task holds the paused tasks (their queued attempts are not claimed, and an agent
--    re-attached after a restart is suspended again, or continued once its task is no longer paused);
--    runner_attempt.steerings_received counts the task's steerings the attempt's agent has been given (in its prompt,
--    or as one more turn), so that a restarted server gives none twice.
create table runner_paused_task (
    task_id varchar(36) not null,
    constraint pk_runner_paused_task primary key (task_id)
);
alter table runner_attempt add column steerings_received integer default 0 not null;
