-- The command side's own lookup (set-based validation), updated in the same transaction as the events.
create table cmd_project (
    project_id varchar(36) not null primary key,
    column_ids varchar(1000) not null,
    archived boolean not null
);

create table cmd_task (
    task_id varchar(36) not null primary key,
    project_id varchar(36) not null,
    column_id varchar(40) not null,
    card_rank varchar(400) ${rank_collation} not null,
    depends_on varchar(8000) not null
);
create index ix_cmd_task_column on cmd_task (project_id, column_id, card_rank);

create table cmd_agent_profile (
    agent_profile_id varchar(36) not null primary key,
    name_key varchar(200) not null
);
create index ix_cmd_agent_profile_name on cmd_agent_profile (name_key);
