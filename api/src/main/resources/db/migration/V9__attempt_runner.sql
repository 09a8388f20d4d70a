-- Running attempts (issue 3).
--
-- 1. attempt_log: everything an attempt printed and did, as the stream messages of GET /attempts/{id}/logs, with a
--    per-attempt sequence number. Append-only and outside the aggregates' event streams (agents print a lot).
-- 2. runner_attempt: the runner's own record of each attempt it took: queued in start order, then which phase it
--    is in, the untracked files to copy into its workspace (JSON), its agent's process id and base commit, how far its output files (the agent's, then each gate's) have been read into the log (stdout_offset,
--    stderr_offset, in the same transaction as the log lines, so a restarted server continues without gap or
--    duplicate), the agent's session id and exit code, and how many gates are recorded. node_id is the runner node that took it.
-- 3. runner_project: one row per project, locked while an attempt of the project is claimed, so that nodes
--    together never start more than the project's max_parallel_attempts.
create table attempt_log (
    attempt_id varchar(36) not null,
    seq bigint not null,
    ts_ms bigint not null,
    kind varchar(20) not null,
    payload ${text} not null,
    constraint pk_attempt_log primary key (attempt_id, seq)
);

create table runner_attempt (
    attempt_id varchar(36) not null,
    project_id varchar(36) not null,
    task_id varchar(36) not null,
    node_id varchar(200) not null,
    queue_position bigint not null,
    phase varchar(20) not null,
    started_by varchar(200),
    correlation_id varchar(200),
    cause_id varchar(200),
    pid bigint,
    stdout_offset bigint not null default 0,
    stderr_offset bigint not null default 0,
    session_id varchar(500),
    gates_done integer not null default 0,
    agent_exit_code integer,
    base_commit varchar(64),
    copy_files ${text},
    updated_ms bigint not null,
    constraint pk_runner_attempt primary key (attempt_id)
);
create index ix_runner_attempt_queue on runner_attempt (node_id, phase, queue_position);
create index ix_runner_attempt_project on runner_attempt (project_id, phase);

create table runner_project (
    project_id varchar(36) not null,
    constraint pk_runner_project primary key (project_id)
);
