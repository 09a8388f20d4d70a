-- Events are appended by Axon's JDBC storage engine (see EventStoreConfig), whose inserts leave the global index to
-- the database: it comes from the same sequence as before (increment 1, see V1), now as the column's default.
alter table domain_event_entry alter column global_index set default ${next_global_index};
