-- valid_to in the key of the task history: a board as of a position reads the index entries of the project's
-- versions begun by then and fetches only the rows still valid then. H2 fetched every one of those rows (half of a
-- big project's history per request) only to test valid_to, and PostgreSQL chose to scan the whole table instead.
alter table rm_task_history drop constraint pk_rm_task_history;
alter table rm_task_history add constraint pk_rm_task_history primary key (gen, project_id, valid_from, valid_to, subject_id);
