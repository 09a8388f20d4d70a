-- Axon Framework 4.13 JPA storage: event store, snapshots, tokens, sagas, dead letters.
-- Payload columns are ${binary} (see DatabaseVendor); the global index comes from one sequence with increment 1 (see META-INF/orm.xml).
create sequence axon_global_index_seq start with 1 increment by 1;
create sequence association_value_entry_seq start with 1 increment by 50;

create table domain_event_entry (
    global_index bigint not null,
    aggregate_identifier varchar(255) not null,
    sequence_number bigint not null,
    type varchar(255),
    event_identifier varchar(255) not null,
    payload_type varchar(255) not null,
    payload_revision varchar(255),
    time_stamp varchar(255) not null,
    meta_data ${binary},
    payload ${binary} not null,
    primary key (global_index),
    constraint uk_domain_event_aggregate_sequence unique (aggregate_identifier, sequence_number),
    constraint uk_domain_event_identifier unique (event_identifier)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number bigint not null,
    type varchar(255) not null,
    event_identifier varchar(255) not null,
    payload_type varchar(255) not null,
    payload_revision varchar(255),
    time_stamp varchar(255) not null,
    meta_data ${binary},
    payload ${binary} not null,
    primary key (sequence_number, aggregate_identifier, type),
    constraint uk_snapshot_event_identifier unique (event_identifier)
);
create index ix_snapshot_aggregate on snapshot_event_entry (aggregate_identifier);

create table token_entry (
    processor_name varchar(255) not null,
    segment integer not null,
    owner varchar(255),
    timestamp varchar(255) not null,
    token_type varchar(255),
    token ${binary},
    primary key (segment, processor_name)
);

create table saga_entry (
    saga_id varchar(255) not null,
    saga_type varchar(255),
    revision varchar(255),
    serialized_saga ${binary},
    primary key (saga_id)
);

create table association_value_entry (
    id bigint not null,
    association_key varchar(255) not null,
    association_value varchar(255),
    saga_id varchar(255) not null,
    saga_type varchar(255),
    primary key (id)
);
create index ix_association_lookup on association_value_entry (saga_type, association_key, association_value);
create index ix_association_saga on association_value_entry (saga_id, saga_type);

create table dead_letter_entry (
    dead_letter_id varchar(255) not null,
    processing_group varchar(255) not null,
    sequence_identifier varchar(255) not null,
    sequence_index bigint not null,
    message_type varchar(255) not null,
    event_identifier varchar(255) not null,
    time_stamp varchar(255) not null,
    payload_type varchar(255) not null,
    payload_revision varchar(255),
    payload ${binary} not null,
    meta_data ${binary},
    type varchar(255),
    aggregate_identifier varchar(255),
    sequence_number bigint,
    token_type varchar(255),
    token ${binary},
    enqueued_at timestamp(6) with time zone not null,
    last_touched timestamp(6) with time zone,
    processing_started timestamp(6) with time zone,
    cause_type varchar(255),
    cause_message varchar(1023),
    diagnostics ${binary},
    primary key (dead_letter_id),
    constraint uk_dead_letter_sequence unique (processing_group, sequence_identifier, sequence_index)
);
create index ix_dead_letter_group on dead_letter_entry (processing_group);
create index ix_dead_letter_sequence on dead_letter_entry (processing_group, sequence_identifier);

-- db-scheduler: persistent deadlines and scheduled events that survive restarts.
create table scheduled_tasks (
    task_name varchar(255) not null,
    task_instance varchar(255) not null,
    task_data ${binary},
    execution_time timestamp(6) with time zone not null,
    picked boolean not null,
    picked_by varchar(255),
    last_success timestamp(6) with time zone,
    last_failure timestamp(6) with time zone,
    consecutive_failures integer,
    last_heartbeat timestamp(6) with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name, task_instance)
);
create index ix_scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index ix_scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index ix_scheduled_tasks_priority on scheduled_tasks (priority desc, execution_time asc);
