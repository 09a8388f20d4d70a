-- Task controls (issue 4): pause, resume, stop and steer.
--
-- 1. The command side's task lookup knows whether a task is paused: no attempt of a paused task starts.
alter table cmd_task add column paused boolean default false not null;
